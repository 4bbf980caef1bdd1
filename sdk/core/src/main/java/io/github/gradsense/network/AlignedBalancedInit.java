package io.github.gradsense.network;

import static io.github.gradsense.internal.Checks.checkRange;

import io.github.gradsense.runtime.Matrix;

/**
 * The start from which the theory's modes decouple exactly (Saxe et al. 2014): every factor aligned
 * with the data's PCs and all factors of equal strength, so that the end-to-end map is
 * {@code M = u₀ PᵀP} with every PC at strength {@code u₀}. For {@code N} factors,
 * {@code W_1 = a·[P; 0]} (PCs in the first d hidden units), {@code W_i = a·I} in between,
 * {@code W_N = a·[Pᵀ 0]}, {@code a = u₀^(1/N)}; for the tied net {@code W = √u₀·[P; 0]}. Hidden
 * widths must be at least the data dimension.
 *
 * <pre>{@code
 * WeightInit init = new AlignedBalancedInit(0.0085);   // the authors' u₀ for width 1024, scale 0.01
 * }</pre>
 *
 * @param u0 initial strength of every PC, in (0, 1)
 */
public record AlignedBalancedInit(double u0) implements WeightInit {

  /** Validates the strength. */
  public AlignedBalancedInit {
    checkRange("u0", u0, Double.MIN_VALUE, 1.0 - 1e-12);
  }

  @Override
  public Matrix initialise(InitRequest r) {
    if (r.inputBasis() == null) {
      throw new IllegalStateException("AlignedBalancedInit needs the data's PCs; build the network through an Experiment");
    }
    int d = r.inputBasis().dim();
    Matrix p = r.inputBasis().components();
    int n = r.tied() ? 2 : r.factorCount();
    double a = r.tied() ? Math.sqrt(u0) : Math.pow(u0, 1.0 / n);
    boolean first = r.tied() || r.factor() == 1;
    boolean last = !r.tied() && r.factor() == r.factorCount();
    if (first && last) {
      requireShape(r, d, d);
      return p.transpose().times(p).scale(a);
    }
    if (first) {
      requireShape(r, r.rows(), d);
      return embed(p, r.rows(), d).scale(a);                   // [P; 0]
    }
    if (last) {
      requireShape(r, d, r.cols());
      return embed(p, r.cols(), d).transpose().scale(a);       // [Pᵀ 0]
    }
    if (r.rows() != r.cols()) {
      throw new IllegalArgumentException("AlignedBalancedInit needs square middle factors, got " + r.rows() + "x" + r.cols());
    }
    return Matrix.identity(r.rows()).scale(a);
  }

  private static void requireShape(InitRequest r, int rows, int cols) {
    if (r.rows() != rows || r.cols() != cols || Math.max(r.rows(), r.cols()) < r.inputBasis().dim()) {
      throw new IllegalArgumentException(
          "AlignedBalancedInit needs hidden widths of at least the data dimension " + r.inputBasis().dim()
              + ", got a " + r.rows() + "x" + r.cols() + " factor");
    }
  }

  /** The {@code h x d} matrix whose first d rows are {@code p} and the rest zero. */
  private static Matrix embed(Matrix p, int h, int d) {
    if (h < d) {
      throw new IllegalArgumentException(
          "AlignedBalancedInit needs hidden widths of at least the data dimension " + d + ", got " + h);
    }
    double[] v = new double[h * d];
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < d; j++) {
        v[i * d + j] = p.get(i, j);
      }
    }
    return Matrix.of(h, d, v);
  }
}
