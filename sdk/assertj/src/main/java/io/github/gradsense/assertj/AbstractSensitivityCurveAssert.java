package io.github.gradsense.assertj;

import io.github.gradsense.analysis.CardinalBias;
import io.github.gradsense.analysis.SensitivityCurve;
import java.util.Locale;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.data.Offset;

/**
 * The checks on a sensitivity curve {@code D(θ)} over orientation or hue, for
 * {@link SensitivityCurveAssert} and for a lab's own assert that adds checks of its own; each
 * failure message shows the measured numbers and the formula behind them. Every check returns
 * {@code SELF}, so the kit's checks and a subclass's chain in any order.
 *
 * <pre>{@code
 * class MyCurveAssert extends AbstractSensitivityCurveAssert<MyCurveAssert> {
 *   MyCurveAssert(SensitivityCurve actual) {
 *     super(actual, MyCurveAssert.class);
 *   }
 *
 *   MyCurveAssert isOverHue() {
 *     isNotNull();
 *     if (actual.period() != 360) {
 *       failWithMessage("Expected a hue curve, but this one is over %s", actual.variable());
 *     }
 *     return myself;
 *   }
 * }
 *
 * new MyCurveAssert(curve).isOverHue().peaksNear(90, within(10.0));
 * }</pre>
 *
 * @param <SELF> the assert's own type, which every check returns
 */
public abstract class AbstractSensitivityCurveAssert<SELF extends AbstractSensitivityCurveAssert<SELF>>
    extends AbstractAssert<SELF, SensitivityCurve> {

  private static final String CBI = "CBI = mean √D within ±%s° of 0°/90°/180° ÷ mean √D within ±%s° of 45°/135°";

  /**
   * @param actual the curve under test
   * @param selfType the concrete assert's class, {@code SELF}
   */
  protected AbstractSensitivityCurveAssert(SensitivityCurve actual, Class<?> selfType) {
    super(actual, selfType);
  }

  /**
   * {@code √D} is largest within {@code offset} of {@code degrees} (circular distance):
   * {@code within(t)} admits a peak exactly {@code t} away, {@code byLessThan(t)} does not.
   *
   * <pre>{@code
   * assertThat(curve).peaksNear(90, within(10.0));
   * }</pre>
   */
  public SELF peaksNear(double degrees, Offset<Double> offset) {
    isNotNull();
    double distance = actual.peakDistance(degrees);
    if (!Tolerance.admits(distance, offset)) {
      failWithMessage("Expected the %s curve to peak within %s° of %s°, but √D peaks at %s° (%s° away, circularly with period %s°)%s",
          actual.variable(), fmt(offset.value), fmt(degrees), fmt(actual.peak()), fmt(distance), fmt(actual.period()),
          Tolerance.strictness(offset, "°"));
    }
    return myself;
  }

  /**
   * {@code √D} is largest within {@code toleranceDegrees} of {@code degrees} (circular distance);
   * the same as {@link #peaksNear(double, Offset) peaksNear(degrees, within(toleranceDegrees))},
   * which new code should call.
   */
  public SELF peaksNear(double degrees, double toleranceDegrees) {
    return peaksNear(degrees, Offset.offset(toleranceDegrees));
  }

  /** The cardinal-bias index (5° windows) is above {@code threshold}: more sensitive at the cardinals. */
  public SELF hasCardinalBiasAbove(double threshold) {
    CardinalBias b = bias();
    if (!(b.index() > threshold)) {
      failWithMessage("Expected a cardinal-bias index above %s, but " + CBI + " = %s / %s = %s", fmt(threshold),
          fmt(b.halfWidthDegrees()), fmt(b.halfWidthDegrees()), fmt(b.cardinal()), fmt(b.oblique()), fmt(b.index()));
    }
    return myself;
  }

  /** The cardinal-bias index (5° windows) is below {@code threshold}: e.g. an oblique preference below 1. */
  public SELF hasCardinalBiasBelow(double threshold) {
    CardinalBias b = bias();
    if (!(b.index() < threshold)) {
      failWithMessage("Expected a cardinal-bias index below %s, but " + CBI + " = %s / %s = %s", fmt(threshold),
          fmt(b.halfWidthDegrees()), fmt(b.halfWidthDegrees()), fmt(b.cardinal()), fmt(b.oblique()), fmt(b.index()));
    }
    return myself;
  }

  /**
   * Pearson's r between {@code √D} and {@code histogram} (bin centres {@code centres} in degrees,
   * resampled circularly onto the curve's grid) is at least {@code minimumR}.
   */
  public SELF correlatesWith(double[] centres, double[] histogram, double minimumR) {
    isNotNull();
    double r = actual.correlation(centres, histogram);
    if (!(r >= minimumR)) {
      failWithMessage("Expected √D(%s) to track the histogram with Pearson r >= %s, but r = %s "
          + "(r = Σ(√D − mean)(h − mean) / (‖√D − mean‖ ‖h − mean‖) over %d grid points, h resampled circularly)",
          actual.variable(), fmt(minimumR), fmt(r), actual.degrees().length);
    }
    return myself;
  }

  /**
   * This curve is {@code reference} moved by {@code degrees} within {@code offset}: the lag
   * {@code τ} maximising {@code Σ_θ (√D_ref(θ − τ) − mean)(√D(θ) − mean)}, compared circularly;
   * {@code within(t)} admits a lag exactly {@code t} off, {@code byLessThan(t)} does not.
   *
   * <pre>{@code
   * assertThat(hueShifted).isShiftedBy(90, within(15.0), normal);
   * }</pre>
   */
  public SELF isShiftedBy(double degrees, Offset<Double> offset, SensitivityCurve reference) {
    isNotNull();
    double lag = actual.shiftFrom(reference);
    double p = actual.period();
    double off = Math.abs(((lag - degrees) % p + p) % p);
    off = Math.min(off, p - off);
    if (!Tolerance.admits(off, offset)) {
      failWithMessage("Expected the %s curve to be the reference shifted by %s° ± %s°, but the peak of the circular "
          + "cross-correlation Σ_θ (√D_ref(θ − τ) − mean)(√D(θ) − mean) is at τ = %s° (%s° off; reference peaks at %s°, "
          + "this curve at %s°)%s", actual.variable(), fmt(degrees), fmt(offset.value), fmt(lag), fmt(off),
          fmt(reference.peak()), fmt(actual.peak()), Tolerance.strictness(offset, "°"));
    }
    return myself;
  }

  /**
   * This curve is {@code reference} moved by {@code degrees} within {@code toleranceDegrees}; the
   * same as {@link #isShiftedBy(double, Offset, SensitivityCurve) isShiftedBy(degrees,
   * within(toleranceDegrees), reference)}, which new code should call.
   */
  public SELF isShiftedBy(double degrees, double toleranceDegrees, SensitivityCurve reference) {
    return isShiftedBy(degrees, Offset.offset(toleranceDegrees), reference);
  }

  /**
   * This curve's axial preference is {@code reference}'s moved by {@code degrees} within
   * {@code offset}, modulo half a period: the second circular harmonics' directions
   * ({@link SensitivityCurve#axialPreference()}) compared. The statistic for curves that repeat
   * nearly every half period, as hue curves do, where a move by 90° and one by 270° are the same.
   * {@code within(t)} admits a move exactly {@code t} off, {@code byLessThan(t)} does not.
   *
   * <pre>{@code
   * assertThat(hueShifted).isAxiallyShiftedBy(90, within(15.0), normal);
   * }</pre>
   */
  public SELF isAxiallyShiftedBy(double degrees, Offset<Double> offset, SensitivityCurve reference) {
    isNotNull();
    double lag = actual.axialShiftFrom(reference);
    double half = actual.period() / 2;
    double off = Math.abs(((lag - degrees) % half + half) % half);
    off = Math.min(off, half - off);
    if (!Tolerance.admits(off, offset)) {
      failWithMessage("Expected the %s curve's axis to be the reference's moved by %s° ± %s° (mod %s°), but it moved by %s° "
          + "(%s° off): axis = arg(Σ √D(θ) e^{2iθ}) / 2 is %s° (strength %s) here and %s° (strength %s) in the reference%s",
          actual.variable(), fmt(degrees), fmt(offset.value), fmt(half), fmt(lag), fmt(off),
          fmt(actual.axialPreference().direction()), fmt(actual.axialPreference().strength()),
          fmt(reference.axialPreference().direction()), fmt(reference.axialPreference().strength()),
          Tolerance.strictness(offset, "°"));
    }
    return myself;
  }

  /**
   * This curve's axial preference is {@code reference}'s moved by {@code degrees} within
   * {@code toleranceDegrees}, modulo half a period; the same as
   * {@link #isAxiallyShiftedBy(double, Offset, SensitivityCurve) isAxiallyShiftedBy(degrees,
   * within(toleranceDegrees), reference)}, which new code should call.
   */
  public SELF isAxiallyShiftedBy(double degrees, double toleranceDegrees, SensitivityCurve reference) {
    return isAxiallyShiftedBy(degrees, Offset.offset(toleranceDegrees), reference);
  }

  private CardinalBias bias() {
    isNotNull();
    if (actual.period() != 180) {
      failWithMessage("Expected an orientation curve for the cardinal-bias index, but this one is over %s", actual.variable());
    }
    return actual.cardinalBias();
  }

  private static String fmt(double x) {
    return String.format(Locale.ROOT, "%.4g", x);
  }
}
