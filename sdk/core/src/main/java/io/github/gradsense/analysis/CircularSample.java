package io.github.gradsense.analysis;

import static io.github.gradsense.internal.Checks.checkPositive;

import java.util.Arrays;
import java.util.Locale;

/**
 * A sample of angles on a circle of {@code period} degrees (360 for directions, 180 for axes such
 * as the lag between two near-180°-periodic hue curves), summarised as circular statistics do:
 * each angle a becomes the unit vector {@code e^{iφ}}, {@code φ = 2πa/period}; their mean vector
 * has direction {@link #mean()} and length {@link #resultantLength()} {@code R ∈ [0, 1]}, and the
 * circular standard deviation is {@code √(−2 ln R)} turned back into degrees of the period.
 *
 * <p>Why not the arithmetic mean: angles that disagree can average to anything (lags of 45° and
 * 135° modulo 180° average to 90°, exactly the value a test might want), while their mean
 * vector has length 0 and their circular standard deviation is infinite. A seed mean is a
 * claim only together with its spread.
 *
 * <pre>{@code
 * CircularSample lags = CircularSample.of(180, 94, 89, 109, 140);
 * double m = lags.mean();                       // ≈ 107°
 * double sd = lags.standardDeviation();         // ≈ 20°
 * }</pre>
 *
 * @param period the circle's circumference in degrees, > 0
 * @param angles the angles in degrees (any real values; taken modulo the period), at least one
 */
public record CircularSample(double period, double[] angles) {

  /** Checks and copies. */
  public CircularSample {
    checkPositive("period", period);
    if (angles.length == 0) {
      throw new IllegalArgumentException("a circular sample needs at least one angle");
    }
    for (double a : angles) {
      if (!Double.isFinite(a)) {
        throw new IllegalArgumentException("angles must be finite, got " + Arrays.toString(angles));
      }
    }
    angles = angles.clone();
  }

  /** The sample of {@code angles} on a circle of {@code period} degrees. */
  public static CircularSample of(double period, double... angles) {
    return new CircularSample(period, angles);
  }

  @Override
  public double[] angles() {
    return angles.clone();
  }

  private double[] meanVector() {
    double c = 0;
    double s = 0;
    for (double a : angles) {
      double phi = 2 * Math.PI * a / period;
      c += Math.cos(phi);
      s += Math.sin(phi);
    }
    return new double[] {c / angles.length, s / angles.length};
  }

  /** The mean direction in degrees on [0, period); NaN when the mean vector vanishes. */
  public double mean() {
    double[] v = meanVector();
    if (Math.hypot(v[0], v[1]) < 1e-12) {
      return Double.NaN;
    }
    double m = Math.toDegrees(Math.atan2(v[1], v[0])) / 360 * period;
    return (m % period + period) % period;
  }

  /** The mean vector's length {@code R}: 1 when every angle agrees, 0 when they cancel. */
  public double resultantLength() {
    double[] v = meanVector();
    return Math.min(1, Math.hypot(v[0], v[1]));
  }

  /** The circular standard deviation {@code √(−2 ln R)} in degrees of the period (+∞ when the angles cancel, {@code R < 1e-12}). */
  public double standardDeviation() {
    double r = resultantLength();
    return r < 1e-12 ? Double.POSITIVE_INFINITY : Math.sqrt(-2 * Math.log(r)) / (2 * Math.PI) * period;
  }

  /** The signed distance of the mean from {@code target}, in (−period/2, period/2]. */
  public double meanOffsetFrom(double target) {
    double d = ((mean() - target) % period + period) % period;
    return d > period / 2 ? d - period : d;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CircularSample c && c.period == period && Arrays.equals(c.angles, angles);
  }

  @Override
  public int hashCode() {
    return 31 * Double.hashCode(period) + Arrays.hashCode(angles);
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "CircularSample[%d angles mod %.0f°, mean %.1f°, sd %.1f°]", angles.length, period, mean(),
        standardDeviation());
  }
}
