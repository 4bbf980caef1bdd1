package io.github.gradsense.analysis;

import static io.github.gradsense.internal.Checks.checkPositive;

/**
 * Detection thresholds and acuity from sensitivities (METHODS §B4, §C7): the threshold is
 * {@code D^(−1/2)} (the smallest change of θ detectable against unit Gaussian noise, up to a
 * constant); acuity is the highest spatial frequency whose threshold is under a criterion (0.1 in
 * the authors' units), assuming thresholds rise with frequency above it: scanning frequencies
 * upward from the lowest one under the criterion, the frequency where the threshold first
 * reaches the criterion again, linearly interpolated; 0 when no frequency is under it; the highest
 * frequency when all are.
 *
 * <pre>{@code
 * double[] t = Thresholds.of(sensitivity);
 * double acuity = Thresholds.acuity(frequencies, t, 0.1);
 * }</pre>
 */
public final class Thresholds {
  /** The authors' acuity criterion. */
  public static final double AUTHORS_CRITERION = 0.1;

  private Thresholds() {}

  /** {@code D^(−1/2)} element-wise ({@code +∞} where D = 0). */
  public static double[] of(double[] sensitivity) {
    double[] t = new double[sensitivity.length];
    for (int i = 0; i < t.length; i++) {
      t[i] = sensitivity[i] > 0 ? 1 / Math.sqrt(sensitivity[i]) : Double.POSITIVE_INFINITY;
    }
    return t;
  }

  /** The acuity of a threshold curve over increasing {@code frequencies}. */
  public static double acuity(double[] frequencies, double[] thresholds, double criterion) {
    checkPositive("criterion", criterion);
    int first = -1;
    for (int i = 0; i < thresholds.length; i++) {
      if (thresholds[i] < criterion) {
        first = i;
        break;
      }
    }
    if (first < 0) {
      return 0;
    }
    for (int i = first + 1; i < thresholds.length; i++) {
      if (thresholds[i] >= criterion) {
        double f = (criterion - thresholds[i - 1]) / (thresholds[i] - thresholds[i - 1]);
        return frequencies[i - 1] + f * (frequencies[i] - frequencies[i - 1]);
      }
    }
    return frequencies[frequencies.length - 1];
  }
}
