package io.github.gradsense.analysis;

import io.github.gradsense.stimulus.StimulusFamily;
import java.util.Arrays;
import java.util.Locale;

/**
 * One sensitivity curve {@code D(θ)} (Fisher information under unit Gaussian noise, METHODS §B1)
 * over a circular stimulus variable, with its grid in degrees: orientation (period 180°) or hue
 * (period 360°). The comparisons researchers pin read off it: the peak, the cardinal-bias index,
 * the shift against another curve, and the correlation with a histogram of the training data.
 * Curves compare in √D units, as the authors plot them.
 *
 * <pre>{@code
 * SensitivityCurve c = SensitivityCurve.of(gabor, results.series("sensitivity-gabor", "relu2").lastRow());
 * double cbi = c.cardinalBias().index();                     // > 1: cardinal preference
 * double lag = shifted.shiftFrom(c);                         // ≈ 90 after a 90° hue rotation
 * double r = c.correlation(HueHistogram.centres(), histogram.density());
 * }</pre>
 *
 * @param variable the stimulus variable ("orientation", "hue")
 * @param period the variable's period in degrees (180 or 360)
 * @param degrees the grid in degrees, increasing, covering one period
 * @param sensitivity {@code D(θ)} on the grid, non-negative
 */
public record SensitivityCurve(String variable, double period, double[] degrees, double[] sensitivity) {

  /** Checks and copies the arrays. */
  public SensitivityCurve {
    if (!(period > 0) || period > 360) {
      throw new IllegalArgumentException("period must be in (0, 360] degrees, got " + period);
    }
    if (degrees.length != sensitivity.length) {
      throw new IllegalArgumentException("degrees and sensitivity differ in length: " + degrees.length + " and "
          + sensitivity.length);
    }
    if (degrees.length < 4) {
      throw new IllegalArgumentException("a curve needs at least 4 samples, got " + degrees.length);
    }
    for (double d : sensitivity) {
      if (!(d >= 0) || Double.isInfinite(d)) {
        throw new IllegalArgumentException("sensitivity must be finite and >= 0, got " + d);
      }
    }
    degrees = degrees.clone();
    sensitivity = sensitivity.clone();
  }

  /**
   * The curve a {@link io.github.gradsense.probe.Sensitivity} probe measured on {@code family}
   * (one probe row: one value per {@code family.values()}); orientation families in radians and
   * hue families in degrees are both read.
   */
  public static SensitivityCurve of(StimulusFamily family, double[] sensitivity) {
    double period;
    switch (family.variable()) {
      case "orientation" -> period = 180;
      case "hue" -> period = 360;
      default -> throw new IllegalArgumentException("stimulus variable '" + family.variable()
          + "' is not circular; a SensitivityCurve needs orientation or hue");
    }
    double[] v = family.values();
    double[] deg = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      deg[i] = "rad".equals(family.unit()) ? Math.toDegrees(v[i]) : v[i];
    }
    return new SensitivityCurve(family.variable(), period, deg, sensitivity);
  }

  /** The grid in degrees (a copy). */
  @Override
  public double[] degrees() {
    return degrees.clone();
  }

  /** {@code D(θ)} on the grid (a copy). */
  @Override
  public double[] sensitivity() {
    return sensitivity.clone();
  }

  /** {@code √D(θ)}: the curve in the authors' units. */
  public double[] root() {
    return Arrays.stream(sensitivity).map(Math::sqrt).toArray();
  }

  /** Where {@code √D} is largest, in degrees on [0, period). */
  public double peak() {
    int best = 0;
    for (int i = 1; i < sensitivity.length; i++) {
      if (sensitivity[i] > sensitivity[best]) {
        best = i;
      }
    }
    return ((degrees[best] % period) + period) % period;
  }

  /** The circular distance, in degrees, from {@link #peak()} to {@code degrees}. */
  public double peakDistance(double target) {
    double d = Math.abs(((peak() - target) % period + period) % period);
    return Math.min(d, period - d);
  }

  /** The cardinal-bias index (orientation curves only; 5° windows, {@link CardinalBias}). */
  public CardinalBias cardinalBias() {
    return cardinalBias(CardinalBias.DEFAULT_HALF_WIDTH);
  }

  /** The cardinal-bias index with windows of half-width {@code halfWidthDegrees}. */
  public CardinalBias cardinalBias(double halfWidthDegrees) {
    if (period != 180) {
      throw new IllegalStateException("the cardinal-bias index needs an orientation curve, this one is over " + variable);
    }
    double[] rad = Arrays.stream(degrees).map(Math::toRadians).toArray();
    return CardinalBias.of(rad, sensitivity, halfWidthDegrees);
  }

  /**
   * How far this curve is {@code before} moved, in degrees on [0, period): the lag {@code τ} with
   * {@code √D_this(θ) ≈ √D_before(θ − τ)} at the peak of their circular cross-correlation
   * ({@link CircularCurves#peakShift}).
   */
  public double shiftFrom(SensitivityCurve before) {
    requireSameGrid(before);
    return CircularCurves.peakShift(degrees, before.root(), root(), period);
  }

  /**
   * The axial preference of {@code √D}: the second circular harmonic of the curve
   * ({@link CircularCurves#harmonic}), a direction on [0, period/2) and its strength. For hue
   * curves, which repeat nearly every 180° (HSV's complementary hues move the same channels), the
   * hue axis the curve is most sensitive along.
   */
  public CircularCurves.Harmonic axialPreference() {
    return CircularCurves.harmonic(degrees, root(), period, 2);
  }

  /**
   * How far this curve's {@linkplain #axialPreference() axial preference} is {@code before}'s
   * moved, in degrees on [0, period/2): {@code (axis_this − axis_before) mod period/2}.
   */
  public double axialShiftFrom(SensitivityCurve before) {
    requireSameGrid(before);
    double half = period / 2;
    double d = axialPreference().direction() - before.axialPreference().direction();
    return (d % half + half) % half;
  }

  private void requireSameGrid(SensitivityCurve other) {
    if (other.period != period || other.degrees.length != degrees.length) {
      throw new IllegalArgumentException("curves differ in variable or grid: " + variable + " (" + degrees.length
          + " samples) and " + other.variable + " (" + other.degrees.length + " samples)");
    }
  }

  /**
   * Pearson's r between {@code √D} and a histogram with bin centres {@code centres} (degrees),
   * resampled circularly onto the curve's grid ({@link CircularCurves#correlation}).
   */
  public double correlation(double[] centres, double[] histogram) {
    if (centres.length != histogram.length) {
      throw new IllegalArgumentException("centres and histogram differ in length: " + centres.length + " and "
          + histogram.length);
    }
    return CircularCurves.correlation(degrees, root(), centres, histogram, period);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SensitivityCurve c && c.variable.equals(variable) && c.period == period
        && Arrays.equals(c.degrees, degrees) && Arrays.equals(c.sensitivity, sensitivity);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * variable.hashCode() + Arrays.hashCode(degrees)) + Arrays.hashCode(sensitivity);
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "SensitivityCurve[%s, %d samples over %.0f°, peak at %.1f°]", variable,
        degrees.length, period, peak());
  }
}
