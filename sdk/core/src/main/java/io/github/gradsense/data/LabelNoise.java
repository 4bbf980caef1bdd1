package io.github.gradsense.data;

import static io.github.gradsense.internal.Checks.checkRange;

import java.util.Arrays;

/**
 * Per-bin probabilities {@code q_k} of keeping an example's label (METHODS §E2); otherwise the
 * label goes to a null class that contributes neither loss nor gradient ("informativeness").
 * {@link #balanced} is the authors' calibration for the 3:1 prior, chosen so that
 * {@code p(θ)(1 − H(θ))} is the same in every bin: {@code H(θ) = b (1 − a / p(θ))} with b = 1.3,
 * a = 0.15, and {@code q} the inverse binary entropy (bits) of H on the branch [0.5, 1):
 * common orientations get noisier labels (q ≈ 0.69 at 90°, 0.99 at 0°).
 *
 * <pre>{@code
 * LabelNoise none = LabelNoise.none(60);
 * LabelNoise bal = LabelNoise.balanced(60, OrientationPrior.COMMON_VERTICAL, 1.3, 0.15);
 * double q90 = bal.keep(30);
 * }</pre>
 *
 * @param keep probability of keeping the label, per bin, each in [0, 1]
 */
public record LabelNoise(double[] keep) {

  /** Validates and copies. */
  public LabelNoise {
    checkRange("bins", keep.length, 1, 100_000);
    keep = keep.clone();
    for (int i = 0; i < keep.length; i++) {
      checkRange("keep[" + i + "]", keep[i], 0.0, 1.0);
    }
  }

  /** Every label kept. */
  public static LabelNoise none(int bins) {
    double[] q = new double[bins];
    Arrays.fill(q, 1);
    return new LabelNoise(q);
  }

  /** The authors' balanced calibration for {@code prior}, evaluated at each bin's centre. */
  public static LabelNoise balanced(int bins, OrientationPrior prior, double b, double a) {
    double[] q = new double[bins];
    for (int k = 0; k < bins; k++) {
      double theta = (k + 0.5) * Math.PI / bins;
      double h = b * (1 - a / prior.density(theta));
      if (!(h > 0 && h < 1)) {
        throw new IllegalArgumentException("the calibration gives an entropy " + h + " outside (0, 1) in bin " + k
            + "; choose b and a so that b(1 − a/p(θ)) lies in (0, 1)");
      }
      q[k] = inverseBinaryEntropy(h);
    }
    return new LabelNoise(q);
  }

  /** The probability of keeping a label of bin {@code k}. */
  public double keep(int k) {
    return keep[k];
  }

  /** Number of bins. */
  public int bins() {
    return keep.length;
  }

  /** Binary entropy in bits. */
  static double binaryEntropy(double q) {
    if (q <= 0 || q >= 1) {
      return 0;
    }
    return -(q * Math.log(q) + (1 - q) * Math.log(1 - q)) / Math.log(2);
  }

  /** The q in [0.5, 1) with {@code binaryEntropy(q) = h} (bisection; H decreases on that branch). */
  static double inverseBinaryEntropy(double h) {
    double lo = 0.5;
    double hi = 1;
    for (int i = 0; i < 200; i++) {
      double mid = 0.5 * (lo + hi);
      if (binaryEntropy(mid) > h) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return 0.5 * (lo + hi);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LabelNoise n && Arrays.equals(n.keep, keep);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(keep);
  }

  @Override
  public String toString() {
    return "LabelNoise[" + keep.length + " bins, q from " + Arrays.stream(keep).min().orElse(1) + " to "
        + Arrays.stream(keep).max().orElse(1) + "]";
  }
}
