package io.github.gradsense.data;

import static io.github.gradsense.internal.Checks.checkRange;

import io.github.gradsense.runtime.Matrix;
import io.github.gradsense.runtime.RuntimeConfig;
import io.github.gradsense.runtime.TfSession;
import java.util.Arrays;
import org.tensorflow.Operand;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.op.linalg.SelfAdjointEig;
import org.tensorflow.types.TFloat64;

/**
 * Principal components of a data set: the eigen-decomposition {@code Σ = Pᵀ diag(λ) P} of its
 * covariance {@code Σ = (1/n) Σ_i (x_i − m)(x_i − m)ᵀ}, computed in float64 by TensorFlow.
 * Rows of {@link #components()} are the PCs (unit norm, largest variance first); each PC's sign is
 * fixed so that its largest-magnitude entry is positive, which makes PCs reproducible.
 *
 * <p>The covariance divides by {@code n} (not {@code n − 1}): it is the second moment that
 * gradient descent on the data set sees, the one the expected-gradient trainer uses.
 *
 * <pre>{@code
 * Pca pca = Pca.of(samples, RuntimeConfig.defaults());
 * double share = pca.eigenvalues()[0] / pca.totalVariance();   // ≈ 0.74 for 32x32 photo patches
 * }</pre>
 */
public final class Pca {
  private static final int CHUNK_ROWS = 8192;

  private final double[] mean;
  private final double[] eigenvalues;
  private final Matrix components;

  private Pca(double[] mean, double[] eigenvalues, Matrix components) {
    this.mean = mean;
    this.eigenvalues = eigenvalues;
    this.components = components;
  }

  /** PCA of {@code samples} (the mean is removed here). */
  public static Pca of(SampleMatrix samples, RuntimeConfig config) {
    double[] mean = samples.columnMeans();
    Matrix cov = covariance(samples, mean, config);
    return ofCovariance(cov, mean, config);
  }

  /** PCA of a known covariance matrix (symmetric, {@code d x d}). */
  public static Pca ofCovariance(Matrix covariance, double[] mean, RuntimeConfig config) {
    int d = covariance.rows();
    if (covariance.cols() != d) {
      throw new IllegalArgumentException("covariance must be square, got " + covariance);
    }
    if (mean.length != d) {
      throw new IllegalArgumentException("mean has length " + mean.length + ", covariance is " + d + "x" + d);
    }
    double[] e;
    Matrix v;
    try (TfSession<TFloat64> s = TfSession.float64(config)) {
      SelfAdjointEig<TFloat64> eig = s.tf().linalg.selfAdjointEig(s.constant(covariance), SelfAdjointEig.computeV(true));
      var f = s.runner().fetch(eig.e(), eig.v()).run();
      e = f.get(0);
      v = f.matrix(1);
    }
    // ascending -> descending; columns of v are eigenvectors
    double[] values = new double[d];
    double[] rows = new double[d * d];
    for (int k = 0; k < d; k++) {
      int src = d - 1 - k;
      values[k] = Math.max(0.0, e[src]);
      int argmax = 0;
      for (int i = 1; i < d; i++) {
        if (Math.abs(v.get(i, src)) > Math.abs(v.get(argmax, src))) {
          argmax = i;
        }
      }
      double sign = v.get(argmax, src) < 0 ? -1 : 1;
      for (int i = 0; i < d; i++) {
        rows[k * d + i] = sign * v.get(i, src);
      }
    }
    return new Pca(mean.clone(), values, Matrix.of(d, d, rows));
  }

  /** A PCA known exactly: variances {@code spectrum} along the rows of {@code basis} (orthonormal). */
  public static Pca exact(Spectrum spectrum, Matrix basis, double[] mean) {
    int d = spectrum.dim();
    if (basis.rows() != d || basis.cols() != d || mean.length != d) {
      throw new IllegalArgumentException(
          "basis must be " + d + "x" + d + " and mean of length " + d + ", got " + basis + " and " + mean.length);
    }
    return new Pca(mean.clone(), spectrum.eigenvalues(), basis);
  }

  /** The covariance {@code (1/n) Σ (x − mean)(x − mean)ᵀ}, accumulated in float64 chunks. */
  public static Matrix covariance(SampleMatrix samples, double[] mean, RuntimeConfig config) {
    int n = samples.rows();
    int d = samples.cols();
    double[] acc = new double[d * d];
    try (TfSession<TFloat64> s = TfSession.float64(config)) {
      Placeholder<TFloat64> x = s.placeholder("chunk", -1, d);
      Operand<TFloat64> c = s.tf().linalg.matMul(x, x, MatMul.transposeA(true));
      for (int start = 0; start < n; start += CHUNK_ROWS) {
        int rows = Math.min(CHUNK_ROWS, n - start);
        double[] chunk = new double[rows * d];
        for (int i = 0; i < rows; i++) {
          for (int j = 0; j < d; j++) {
            chunk[i * d + j] = samples.get(start + i, j) - mean[j];
          }
        }
        double[] part = s.runner().feed(x, chunk, rows, d).fetch(c).run().get(0);
        for (int i = 0; i < acc.length; i++) {
          acc[i] += part[i];
        }
      }
    }
    for (int i = 0; i < acc.length; i++) {
      acc[i] /= n;
    }
    // symmetrise exactly
    for (int i = 0; i < d; i++) {
      for (int j = i + 1; j < d; j++) {
        double m = 0.5 * (acc[i * d + j] + acc[j * d + i]);
        acc[i * d + j] = m;
        acc[j * d + i] = m;
      }
    }
    return Matrix.of(d, d, acc);
  }

  /** Dimension. */
  public int dim() {
    return eigenvalues.length;
  }

  /** The data mean that was removed. */
  public double[] mean() {
    return mean.clone();
  }

  /** PC variances, largest first. */
  public double[] eigenvalues() {
    return eigenvalues.clone();
  }

  /** The PCs as rows (orthonormal), largest variance first. */
  public Matrix components() {
    return components;
  }

  /** The first {@code k} PCs as rows. */
  public Matrix top(int k) {
    checkRange("k", k, 1, dim());
    return components.topRows(k);
  }

  /** Sum of all variances. */
  public double totalVariance() {
    return Arrays.stream(eigenvalues).sum();
  }

  /** The covariance {@code Pᵀ diag(λ) P}, rebuilt from the decomposition. */
  public Matrix covariance() {
    int d = dim();
    double[] out = new double[d * d];
    for (int k = 0; k < d; k++) {
      double l = eigenvalues[k];
      if (l == 0) {
        continue;
      }
      double[] p = components.row(k);
      for (int i = 0; i < d; i++) {
        double a = l * p[i];
        for (int j = 0; j < d; j++) {
          out[i * d + j] += a * p[j];
        }
      }
    }
    return Matrix.of(d, d, out);
  }

  /** The spectrum as a {@link Spectrum} (zero variances clipped to the smallest positive one). */
  public Spectrum spectrum() {
    double[] v = eigenvalues.clone();
    double floor = Double.MAX_VALUE;
    for (double x : v) {
      if (x > 0) {
        floor = Math.min(floor, x);
      }
    }
    for (int i = 0; i < v.length; i++) {
      if (!(v[i] > 0)) {
        v[i] = floor;
      }
    }
    return Spectrum.of(v);
  }
}
