package io.github.gradsense.runtime;

import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.op.linalg.Svd;
import org.tensorflow.types.TFloat64;

/**
 * Host-side matrix products run by TensorFlow in float64, for set-up work that is too large for
 * plain Java loops (rotating 1024 × 1024 initial weights into a PC basis, say).
 *
 * <pre>{@code
 * Matrix c = LinearAlgebra.multiply(a, b, false, true, RuntimeConfig.defaults());   // a · bᵀ
 * LinearAlgebra.Decomposition d = LinearAlgebra.svd(a, RuntimeConfig.defaults()); // a = U diag(s) Vᵀ
 * }</pre>
 */
public final class LinearAlgebra {
  private LinearAlgebra() {}

  /** {@code op(a) · op(b)} in float64, where {@code op} transposes when asked. */
  public static Matrix multiply(Matrix a, Matrix b, boolean transposeA, boolean transposeB, RuntimeConfig config) {
    int inner = transposeA ? a.rows() : a.cols();
    int innerB = transposeB ? b.cols() : b.rows();
    if (inner != innerB) {
      throw new IllegalArgumentException("inner dimensions differ: " + a + (transposeA ? "ᵀ" : "") + " · " + b + (transposeB ? "ᵀ" : ""));
    }
    try (TfSession<TFloat64> s = TfSession.float64(config)) {
      return s.fetchMatrix(s.tf().linalg.matMul(s.constant(a), s.constant(b),
          MatMul.transposeA(transposeA), MatMul.transposeB(transposeB)));
    }
  }

  /**
   * The thin singular value decomposition {@code a = U diag(s) Vᵀ}, singular values in decreasing
   * order, in float64 (LAPACK's conventions: the basis inside a repeated singular value is arbitrary).
   */
  public static Decomposition svd(Matrix a, RuntimeConfig config) {
    try (TfSession<TFloat64> s = TfSession.float64(config)) {
      Svd<TFloat64> svd = s.tf().linalg.svd(s.constant(a), Svd.computeUv(true), Svd.fullMatrices(false));
      return new Decomposition(s.fetchMatrix(svd.u()), s.fetch(svd.s()), s.fetchMatrix(svd.v()));
    }
  }

  /**
   * A thin singular value decomposition {@code U diag(s) Vᵀ}.
   *
   * @param u left singular vectors, one per column
   * @param s singular values, decreasing
   * @param v right singular vectors, one per column
   */
  public record Decomposition(Matrix u, double[] s, Matrix v) {}
}
