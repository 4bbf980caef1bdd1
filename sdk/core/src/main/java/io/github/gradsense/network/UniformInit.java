package io.github.gradsense.network;

import static io.github.gradsense.internal.Checks.checkPositive;

import io.github.gradsense.runtime.Matrix;

/**
 * Entries uniform on {@code [−scale/2, scale/2]}: the authors' linear-autoencoder init (METHODS
 * §C3: scale 0.01 for the tied and two-factor nets, 0.02 for three factors). Each PC then starts
 * at {@code u₀ ≈ width · scale²/12} (0.0085 for width 1024, scale 0.01).
 *
 * <pre>{@code
 * WeightInit init = new UniformInit(0.01);
 * }</pre>
 *
 * @param scale full width of the interval, finite and &gt; 0
 */
public record UniformInit(double scale) implements WeightInit {

  /** Validates the scale. */
  public UniformInit {
    checkPositive("initScale", scale);
  }

  @Override
  public Matrix initialise(InitRequest r) {
    double[] v = new double[r.rows() * r.cols()];
    for (int i = 0; i < v.length; i++) {
      v[i] = (r.random().nextDouble() - 0.5) * scale;
    }
    return Matrix.of(r.rows(), r.cols(), v);
  }
}
