package io.github.gradsense.network;

import static io.github.gradsense.internal.Checks.checkPositive;

import io.github.gradsense.runtime.Matrix;

/**
 * Entries {@code N(0, sd²)} (Shi et al.'s pathway init uses {@code sd = 0.01}, not scaled by fan-in).
 *
 * <pre>{@code
 * WeightInit init = new NormalInit(0.01);
 * }</pre>
 *
 * @param sd standard deviation, finite and &gt; 0
 */
public record NormalInit(double sd) implements WeightInit {

  /** Validates the standard deviation. */
  public NormalInit {
    checkPositive("sd", sd);
  }

  @Override
  public Matrix initialise(InitRequest r) {
    double[] v = new double[r.rows() * r.cols()];
    for (int i = 0; i < v.length; i++) {
      double u1 = r.random().nextDouble();
      double u2 = r.random().nextDouble();
      v[i] = sd * Math.sqrt(-2 * Math.log1p(-u1)) * Math.cos(2 * Math.PI * u2);
    }
    return Matrix.of(r.rows(), r.cols(), v);
  }
}
