package io.github.gradsense.analysis;

import static io.github.gradsense.internal.Checks.checkPositive;

/**
 * Comparisons of curves over a circular variable (orientation, period 180°; hue, period 360°),
 * sampled on an even grid covering one period (a repeated end point, as the authors' grids
 * include both 0 and the period, is dropped).
 * <ul>
 *   <li>{@link #correlation}: Pearson's r between a curve and a histogram resampled (linearly,
 *       circularly) onto the curve's grid;</li>
 *   <li>{@link #peakShift}: the lag {@code τ} maximising the circular cross-correlation
 *       {@code Σ_θ (a(θ − τ) − ā)(b(θ) − b̄)}: how far {@code b} is {@code a} moved
 *       ({@code b(θ) ≈ a(θ − τ)}).</li>
 * </ul>
 *
 * <pre>{@code
 * double r = CircularCurves.correlation(hueDeg, sqrtSensitivity, histogramCentres, histogram, 360);
 * double shift = CircularCurves.peakShift(hueDeg, normal, rotated, 360);    // ≈ 90 for a +90° hue rotation
 * }</pre>
 */
public final class CircularCurves {
  private CircularCurves() {}

  /**
   * The shift {@code τ ∈ [0, period)} for which {@code b(θ) ≈ a(θ − τ)}: the lag maximising
   * {@code Σ_θ (a(θ − τ) − ā)(b(θ) − b̄)} over the grid's steps.
   */
  public static double peakShift(double[] grid, double[] a, double[] b, double period) {
    checkPositive("period", period);
    int n = onePeriod(grid, period);
    if (a.length < n || b.length < n) {
      throw new IllegalArgumentException("curves must have at least " + n + " samples");
    }
    double step = period / n;
    double ma = mean(a, n);
    double mb = mean(b, n);
    int best = 0;
    double bestValue = Double.NEGATIVE_INFINITY;
    for (int lag = 0; lag < n; lag++) {
      double sum = 0;
      for (int i = 0; i < n; i++) {
        sum += (a[Math.floorMod(i - lag, n)] - ma) * (b[i] - mb);
      }
      if (sum > bestValue) {
        bestValue = sum;
        best = lag;
      }
    }
    return best * step;
  }

  /**
   * A circular harmonic of a curve: where it points and how strongly.
   *
   * @param direction {@code arg z / k} in degrees, on [0, period/k)
   * @param strength {@code |z|}, in [0, 1] for a non-negative curve
   */
  public record Harmonic(double direction, double strength) {}

  /**
   * The {@code k}-th circular harmonic of {@code curve} (non-negative, on {@code grid}) read as a
   * distribution over the circle: {@code z = Σ a(θ) e^{ik·2πθ/period} / Σ a(θ)}. A smooth, linear
   * functional of the whole curve, so (unlike a cross-correlation's peak, which locks onto steps
   * such as HSV's 60° sectors) it moves continuously with the curve.
   */
  public static Harmonic harmonic(double[] grid, double[] curve, double period, int k) {
    checkPositive("period", period);
    if (k < 1) {
      throw new IllegalArgumentException("harmonic must be >= 1, got " + k);
    }
    int n = onePeriod(grid, period);
    if (curve.length < n) {
      throw new IllegalArgumentException("curve must have at least " + n + " samples, got " + curve.length);
    }
    double re = 0;
    double im = 0;
    double total = 0;
    for (int i = 0; i < n; i++) {
      double phi = k * 2 * Math.PI * grid[i] / period;
      re += curve[i] * Math.cos(phi);
      im += curve[i] * Math.sin(phi);
      total += curve[i];
    }
    double span = period / k;
    double dir = Math.toDegrees(Math.atan2(im, re)) / 360 * span;
    return new Harmonic((dir % span + span) % span, Math.hypot(re, im) / total);
  }

  /**
   * Pearson's r between {@code curve} (on {@code grid}) and a histogram with bin centres
   * {@code centres}, resampled linearly and circularly onto the grid.
   */
  public static double correlation(double[] grid, double[] curve, double[] centres, double[] histogram, double period) {
    int n = onePeriod(grid, period);
    double[] h = new double[n];
    for (int i = 0; i < n; i++) {
      h[i] = interpolate(centres, histogram, grid[i], period);
    }
    return RankCorrelation.pearson(java.util.Arrays.copyOf(curve, n), h);
  }

  /** {@code values} (on {@code centres}, increasing within one period) at {@code x}, linear and circular. */
  static double interpolate(double[] centres, double[] values, double x, double period) {
    int n = centres.length;
    double t = ((x % period) + period) % period;
    for (int i = 0; i < n; i++) {
      double lo = centres[i];
      double hi = i + 1 < n ? centres[i + 1] : centres[0] + period;
      double tt = t < lo ? t + period : t;
      if (tt >= lo && tt <= hi) {
        double f = hi == lo ? 0 : (tt - lo) / (hi - lo);
        return values[i] + f * (values[(i + 1) % n] - values[i]);
      }
    }
    return values[n - 1];
  }

  /** Samples in one period: drops a last point that repeats the first one period later. */
  static int onePeriod(double[] grid, double period) {
    int n = grid.length;
    if (n > 1 && Math.abs(grid[n - 1] - grid[0] - period) < 1e-9 * period) {
      return n - 1;
    }
    return n;
  }

  private static double mean(double[] x, int n) {
    double s = 0;
    for (int i = 0; i < n; i++) {
      s += x[i];
    }
    return s / n;
  }
}
