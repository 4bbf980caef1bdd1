package io.github.gradsense.data;

import static io.github.gradsense.internal.Checks.checkPositive;
import static io.github.gradsense.internal.Checks.checkRange;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;

/**
 * A principal-component spectrum: variances {@code λ_1 ≥ λ_2 ≥ … > 0}.
 *
 * <pre>{@code
 * Spectrum s = Spectrum.powerLaw(16, 1.0, 1.0);     // λ_k = k^-1
 * Spectrum g = Spectrum.geometric(8, 0.6, 2.0);      // λ_k = 2·0.6^(k-1)
 * }</pre>
 */
public final class Spectrum {
  private final double[] eigenvalues;

  private Spectrum(double[] eigenvalues) {
    this.eigenvalues = eigenvalues;
  }

  /** A spectrum from explicit variances, which must be finite, positive and non-increasing. */
  @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
  public static Spectrum of(@JsonProperty("eigenvalues") double... eigenvalues) {
    checkRange("eigenvalues.length", eigenvalues.length, 1, Integer.MAX_VALUE);
    for (int i = 0; i < eigenvalues.length; i++) {
      checkPositive("eigenvalues[" + i + "]", eigenvalues[i]);
      if (i > 0 && eigenvalues[i] > eigenvalues[i - 1]) {
        throw new IllegalArgumentException(
            "eigenvalues must be non-increasing, but eigenvalues[" + i + "] = " + eigenvalues[i]
                + " > eigenvalues[" + (i - 1) + "] = " + eigenvalues[i - 1]);
      }
    }
    return new Spectrum(eigenvalues.clone());
  }

  /** {@code λ_k = scale · k^(-exponent)}, k = 1..dim. */
  public static Spectrum powerLaw(int dim, double exponent, double scale) {
    checkRange("dim", dim, 1, 1 << 16);
    checkRange("exponent", exponent, 0.0, 10.0);
    checkPositive("scale", scale);
    double[] v = new double[dim];
    for (int k = 1; k <= dim; k++) {
      v[k - 1] = scale * Math.pow(k, -exponent);
    }
    return new Spectrum(v);
  }

  /** {@code λ_k = scale · ratio^(k-1)}, k = 1..dim, with ratio in (0, 1]. */
  public static Spectrum geometric(int dim, double ratio, double scale) {
    checkRange("dim", dim, 1, 1 << 16);
    checkRange("ratio", ratio, Double.MIN_VALUE, 1.0);
    checkPositive("scale", scale);
    double[] v = new double[dim];
    for (int k = 0; k < dim; k++) {
      v[k] = scale * Math.pow(ratio, k);
    }
    return new Spectrum(v);
  }

  /** Number of components. */
  public int dim() {
    return eigenvalues.length;
  }

  /** A copy of the variances, largest first. */
  @JsonProperty("eigenvalues")
  public double[] eigenvalues() {
    return eigenvalues.clone();
  }

  /** Variance of component {@code k} (0-based). */
  public double get(int k) {
    return eigenvalues[k];
  }

  /** Sum of the variances. */
  public double total() {
    double s = 0;
    for (double v : eigenvalues) {
      s += v;
    }
    return s;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Spectrum s && Arrays.equals(s.eigenvalues, eigenvalues);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(eigenvalues);
  }

  @Override
  public String toString() {
    return "Spectrum" + Arrays.toString(Arrays.copyOf(eigenvalues, Math.min(6, eigenvalues.length)))
        + (eigenvalues.length > 6 ? "…(" + eigenvalues.length + ")" : "");
  }
}
