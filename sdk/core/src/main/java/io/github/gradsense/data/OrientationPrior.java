package io.github.gradsense.data;

/**
 * How often each orientation θ ∈ [0, π) occurs in the supervised task (METHODS §E2), as a density
 * over radians:
 * <ul>
 *   <li>{@link #UNIFORM}: {@code 1/π};</li>
 *   <li>{@link #COMMON_VERTICAL}: {@code (2 − cos 2θ)/(2π)}, the authors' prior: one common
 *       orientation at 90° (density 3/(2π)), rare at 0° and 180° (1/(2π)), ratio 3:1;</li>
 *   <li>{@link #COMMON_HORIZONTAL}: the mirror {@code (2 + cos 2θ)/(2π)}.</li>
 * </ul>
 *
 * <pre>{@code
 * double p = OrientationPrior.COMMON_VERTICAL.density(Math.PI / 2);   // 3/(2π) ≈ 0.477
 * }</pre>
 */
public enum OrientationPrior {
  /** Every orientation equally often. */
  UNIFORM,
  /** {@code (2 − cos 2θ)/(2π)}: 90° three times as common as 0°. */
  COMMON_VERTICAL,
  /** {@code (2 + cos 2θ)/(2π)}: 0° three times as common as 90°. */
  COMMON_HORIZONTAL;

  /** The density at {@code theta} (radians). */
  public double density(double theta) {
    return switch (this) {
      case UNIFORM -> 1 / Math.PI;
      case COMMON_VERTICAL -> (2 - Math.cos(2 * theta)) / (2 * Math.PI);
      case COMMON_HORIZONTAL -> (2 + Math.cos(2 * theta)) / (2 * Math.PI);
    };
  }

  /** The largest density, the envelope of rejection sampling. */
  double max() {
    return this == UNIFORM ? 1 / Math.PI : 3 / (2 * Math.PI);
  }
}
