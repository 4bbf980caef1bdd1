package io.github.gradsense.assertj;

import io.github.gradsense.analysis.CardinalBias;
import io.github.gradsense.analysis.SensitivityCurve;
import java.util.Locale;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on a sensitivity curve {@code D(θ)} over orientation or hue; each failure message
 * shows the measured numbers and the formula behind them.
 *
 * <pre>{@code
 * SensitivityCurve trained = SensitivityCurve.of(gabor, results.series("sensitivity-gabor", "relu2").lastRow());
 * assertThat(trained).hasCardinalBiasAbove(1.2);
 * assertThat(hueShifted).isShiftedBy(90, 15, normal);
 * assertThat(normal).correlatesWith(HueHistogram.centres(), histogram.density(), 0.3);
 * }</pre>
 */
public final class SensitivityCurveAssert extends AbstractAssert<SensitivityCurveAssert, SensitivityCurve> {

  private static final String CBI = "CBI = mean √D within ±%s° of 0°/90°/180° ÷ mean √D within ±%s° of 45°/135°";

  SensitivityCurveAssert(SensitivityCurve actual) {
    super(actual, SensitivityCurveAssert.class);
  }

  /** {@code √D} is largest within {@code toleranceDegrees} of {@code degrees} (circular distance). */
  public SensitivityCurveAssert peaksNear(double degrees, double toleranceDegrees) {
    isNotNull();
    double distance = actual.peakDistance(degrees);
    if (!(distance <= toleranceDegrees)) {
      failWithMessage("Expected the %s curve to peak within %s° of %s°, but √D peaks at %s° (%s° away, circularly with period %s°)",
          actual.variable(), fmt(toleranceDegrees), fmt(degrees), fmt(actual.peak()), fmt(distance), fmt(actual.period()));
    }
    return this;
  }

  /** The cardinal-bias index (5° windows) is above {@code threshold}: more sensitive at the cardinals. */
  public SensitivityCurveAssert hasCardinalBiasAbove(double threshold) {
    CardinalBias b = bias();
    if (!(b.index() > threshold)) {
      failWithMessage("Expected a cardinal-bias index above %s, but " + CBI + " = %s / %s = %s", fmt(threshold),
          fmt(b.halfWidthDegrees()), fmt(b.halfWidthDegrees()), fmt(b.cardinal()), fmt(b.oblique()), fmt(b.index()));
    }
    return this;
  }

  /** The cardinal-bias index (5° windows) is below {@code threshold}: e.g. an oblique preference below 1. */
  public SensitivityCurveAssert hasCardinalBiasBelow(double threshold) {
    CardinalBias b = bias();
    if (!(b.index() < threshold)) {
      failWithMessage("Expected a cardinal-bias index below %s, but " + CBI + " = %s / %s = %s", fmt(threshold),
          fmt(b.halfWidthDegrees()), fmt(b.halfWidthDegrees()), fmt(b.cardinal()), fmt(b.oblique()), fmt(b.index()));
    }
    return this;
  }

  /**
   * Pearson's r between {@code √D} and {@code histogram} (bin centres {@code centres} in degrees,
   * resampled circularly onto the curve's grid) is at least {@code minimumR}.
   */
  public SensitivityCurveAssert correlatesWith(double[] centres, double[] histogram, double minimumR) {
    isNotNull();
    double r = actual.correlation(centres, histogram);
    if (!(r >= minimumR)) {
      failWithMessage("Expected √D(%s) to track the histogram with Pearson r >= %s, but r = %s "
          + "(r = Σ(√D − mean)(h − mean) / (‖√D − mean‖ ‖h − mean‖) over %d grid points, h resampled circularly)",
          actual.variable(), fmt(minimumR), fmt(r), actual.degrees().length);
    }
    return this;
  }

  /**
   * This curve is {@code reference} moved by {@code degrees} within {@code toleranceDegrees}: the
   * lag {@code τ} maximising {@code Σ_θ (√D_ref(θ − τ) − mean)(√D(θ) − mean)}, compared circularly.
   */
  public SensitivityCurveAssert isShiftedBy(double degrees, double toleranceDegrees, SensitivityCurve reference) {
    isNotNull();
    double lag = actual.shiftFrom(reference);
    double p = actual.period();
    double off = Math.abs(((lag - degrees) % p + p) % p);
    off = Math.min(off, p - off);
    if (!(off <= toleranceDegrees)) {
      failWithMessage("Expected the %s curve to be the reference shifted by %s° ± %s°, but the peak of the circular "
          + "cross-correlation Σ_θ (√D_ref(θ − τ) − mean)(√D(θ) − mean) is at τ = %s° (%s° off; reference peaks at %s°, "
          + "this curve at %s°)", actual.variable(), fmt(degrees), fmt(toleranceDegrees), fmt(lag), fmt(off),
          fmt(reference.peak()), fmt(actual.peak()));
    }
    return this;
  }

  /**
   * This curve's axial preference is {@code reference}'s moved by {@code degrees} within
   * {@code toleranceDegrees}, modulo half a period: the second circular harmonics' directions
   * ({@link SensitivityCurve#axialPreference()}) compared. The statistic for curves that repeat
   * nearly every half period, as hue curves do, where a move by 90° and one by 270° are the same.
   */
  public SensitivityCurveAssert isAxiallyShiftedBy(double degrees, double toleranceDegrees, SensitivityCurve reference) {
    isNotNull();
    double lag = actual.axialShiftFrom(reference);
    double half = actual.period() / 2;
    double off = Math.abs(((lag - degrees) % half + half) % half);
    off = Math.min(off, half - off);
    if (!(off <= toleranceDegrees)) {
      failWithMessage("Expected the %s curve's axis to be the reference's moved by %s° ± %s° (mod %s°), but it moved by %s° "
          + "(%s° off): axis = arg(Σ √D(θ) e^{2iθ}) / 2 is %s° (strength %s) here and %s° (strength %s) in the reference",
          actual.variable(), fmt(degrees), fmt(toleranceDegrees), fmt(half), fmt(lag), fmt(off),
          fmt(actual.axialPreference().direction()), fmt(actual.axialPreference().strength()),
          fmt(reference.axialPreference().direction()), fmt(reference.axialPreference().strength()));
    }
    return this;
  }

  private CardinalBias bias() {
    isNotNull();
    if (actual.period() != 180) {
      failWithMessage("Expected an orientation curve for the cardinal-bias index, but this one is over %s", actual.variable());
    }
    return actual.cardinalBias();
  }

  static String fmt(double x) {
    return String.format(Locale.ROOT, "%.4g", x);
  }
}
