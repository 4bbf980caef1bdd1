package io.github.gradsense.analysis;

import java.util.Arrays;

/**
 * A learning curve {@code u(t)} sampled at increasing times, with the crossing times the theory
 * predicts. Crossing times are linearly interpolated between samples: the first {@code t} at which
 * {@code u} reaches a level, NaN if it never does.
 *
 * <pre>{@code
 * Trajectory u = Trajectory.of(new double[] {0, 1, 2}, new double[] {0.1, 0.4, 0.8});
 * double tHalf = u.halfTime();                          // 1.25
 * double width = u.relativeWidth(0.1, 0.9);             // (t_0.9 − t_0.1) / t_0.5
 * }</pre>
 */
public final class Trajectory {
  private final double[] t;
  private final double[] u;

  private Trajectory(double[] t, double[] u) {
    this.t = t;
    this.u = u;
  }

  /** A curve from sample times (strictly increasing) and values (same length). */
  public static Trajectory of(double[] times, double[] values) {
    if (times.length != values.length || times.length == 0) {
      throw new IllegalArgumentException(
          "times and values must have the same, non-zero length, got " + times.length + " and " + values.length);
    }
    for (int i = 1; i < times.length; i++) {
      if (!(times[i] > times[i - 1])) {
        throw new IllegalArgumentException("times must be strictly increasing, but times[" + i + "] = " + times[i]);
      }
    }
    return new Trajectory(times.clone(), values.clone());
  }

  /** A curve from integer steps. */
  public static Trajectory of(long[] steps, double[] values) {
    return of(Arrays.stream(steps).asDoubleStream().toArray(), values);
  }

  /** Sample times. */
  public double[] times() {
    return t.clone();
  }

  /** Sample values. */
  public double[] values() {
    return u.clone();
  }

  /** The first time the curve reaches {@code level} from below (interpolated); NaN if never. */
  public double crossingTime(double level) {
    if (u[0] >= level) {
      return t[0];
    }
    for (int i = 1; i < u.length; i++) {
      if (u[i] >= level) {
        double f = (level - u[i - 1]) / (u[i] - u[i - 1]);
        return t[i - 1] + f * (t[i] - t[i - 1]);
      }
    }
    return Double.NaN;
  }

  /** The crossing time of 0.5: when a mode is half learned. */
  public double halfTime() {
    return crossingTime(0.5);
  }

  /**
   * Relative width of the transition, {@code (t_hi − t_lo) / t_0.5}: small for a sharp,
   * step-like curve. For the logistic {@code u' = r u (1 − u)} from {@code u₀} it is
   * {@code 2 ln 9 / ln(1/u₀ − 1)} with levels 0.1 and 0.9.
   */
  public double relativeWidth(double lo, double hi) {
    return (crossingTime(hi) - crossingTime(lo)) / halfTime();
  }

  /** The last value. */
  public double last() {
    return u[u.length - 1];
  }

  /** Largest absolute difference to {@code other} at this curve's sample times (other interpolated linearly). */
  public double maxDifference(Trajectory other) {
    double m = 0;
    for (int i = 0; i < t.length; i++) {
      m = Math.max(m, Math.abs(u[i] - other.at(t[i])));
    }
    return m;
  }

  /** The value at time {@code x}, linearly interpolated (clamped at the ends). */
  public double at(double x) {
    if (x <= t[0]) {
      return u[0];
    }
    if (x >= t[t.length - 1]) {
      return u[u.length - 1];
    }
    int i = Arrays.binarySearch(t, x);
    if (i >= 0) {
      return u[i];
    }
    int hi = -i - 1;
    double f = (x - t[hi - 1]) / (t[hi] - t[hi - 1]);
    return u[hi - 1] + f * (u[hi] - u[hi - 1]);
  }
}
