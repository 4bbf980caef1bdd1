package io.github.gradsense.data;

import static io.github.gradsense.internal.Checks.checkRange;

import io.github.gradsense.runtime.Matrix;
import io.github.gradsense.runtime.RuntimeConfig;
import io.github.gradsense.internal.Seeds;
import io.github.gradsense.runtime.TfSession;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.tensorflow.Operand;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.linalg.Qr;
import org.tensorflow.types.TFloat64;

/**
 * Zero-mean Gaussian data with a prescribed principal-component spectrum:
 * {@code x = Pᵀ diag(√λ) z}, {@code z ~ N(0, I)}, with PCs {@code P} either the standard basis or a
 * Haar-random rotation (QR of a Gaussian matrix, signs fixed by {@code diag(R) > 0}).
 *
 * <p>With {@code samples = 0} the data set is the population itself: the expected-gradient trainer
 * then sees the exact covariance {@code Pᵀ diag(λ) P}. With samples, trainers see the samples'
 * own (mean-removed) covariance, and the PCA is theirs.
 *
 * <pre>{@code
 * Dataset pop = Data.gaussian(Spectrum.powerLaw(16, 1.0, 1.0)).build(RuntimeConfig.defaults());
 * Dataset drawn = Data.gaussian(Spectrum.geometric(32, 0.7, 1.0)).withSamples(50_000).withSeed(3).build(config);
 * }</pre>
 *
 * @param spectrum PC variances
 * @param samples number of samples, 0 for the population only, in [0, 10^8]
 * @param randomBasis Haar-random PCs if true, else the standard basis
 * @param seed seed of the basis and of the samples
 */
public record GaussianData(Spectrum spectrum, int samples, boolean randomBasis, long seed) implements DataSpec {

  /** Validates the fields. */
  public GaussianData {
    Objects.requireNonNull(spectrum, "spectrum");
    checkRange("samples", samples, 0, 100_000_000);
  }

  /** With {@code n} samples drawn (0 = population only). */
  public GaussianData withSamples(int n) {
    return new GaussianData(spectrum, n, randomBasis, seed);
  }

  /** With another seed. */
  public GaussianData withSeed(long newSeed) {
    return new GaussianData(spectrum, samples, randomBasis, newSeed);
  }

  /** PCs along the standard basis. */
  public GaussianData withStandardBasis() {
    return new GaussianData(spectrum, samples, false, seed);
  }

  @Override
  public String name() {
    return "gaussian-d" + spectrum.dim();
  }

  @Override
  public int dim() {
    return spectrum.dim();
  }

  @Override
  public int size() {
    return samples;
  }

  @Override
  public Dataset build(RuntimeConfig config) {
    int d = spectrum.dim();
    Matrix basis = randomBasis ? haarRotation(d, Seeds.random(seed, "basis"), config) : Matrix.identity(d);
    Pca population = Pca.exact(spectrum, basis, new double[d]);
    Dataset.Source source = new Dataset.Source(name(), "", "Gaussian, spectrum " + spectrum + ", "
        + (randomBasis ? "random" : "standard") + " basis, seed " + seed);
    if (samples == 0) {
      return new Dataset(name(), null, population.covariance(), population, List.of(source), this);
    }
    SampleMatrix raw = draw(basis, config);
    double[] mean = raw.columnMeans();
    SampleMatrix centred = raw.minus(mean);
    Matrix cov = Pca.covariance(centred, new double[d], config);
    Pca pca = Pca.ofCovariance(cov, mean, config);
    return new Dataset(name(), centred, cov, pca, List.of(source), this);
  }

  private SampleMatrix draw(Matrix basis, RuntimeConfig config) {
    int d = spectrum.dim();
    double[] scaled = new double[d * d]; // diag(√λ) P
    for (int k = 0; k < d; k++) {
      double s = Math.sqrt(spectrum.get(k));
      for (int j = 0; j < d; j++) {
        scaled[k * d + j] = s * basis.get(k, j);
      }
    }
    SplittableRandom rng = Seeds.random(seed, "samples");
    float[] out = new float[Math.multiplyExact(samples, d)];
    int chunk = 8192;
    try (TfSession<TFloat64> s = TfSession.float64(config)) {
      Placeholder<TFloat64> z = s.placeholder("z", -1, d);
      Operand<TFloat64> x = s.tf().linalg.matMul(z, s.constant(scaled, d, d));
      for (int start = 0; start < samples; start += chunk) {
        int rows = Math.min(chunk, samples - start);
        double[] zz = new double[rows * d];
        for (int i = 0; i < zz.length; i++) {
          zz[i] = gaussian(rng);
        }
        double[] xs = s.runner().feed(z, zz, rows, d).fetch(x).run().get(0);
        for (int i = 0; i < xs.length; i++) {
          out[start * d + i] = (float) xs[i];
        }
      }
    }
    return SampleMatrix.wrap(samples, d, out);
  }

  /** A Haar-random orthogonal matrix (rows orthonormal). */
  static Matrix haarRotation(int d, SplittableRandom rng, RuntimeConfig config) {
    double[] g = new double[d * d];
    for (int i = 0; i < g.length; i++) {
      g[i] = gaussian(rng);
    }
    Matrix q;
    Matrix r;
    try (TfSession<TFloat64> s = TfSession.float64(config)) {
      Qr<TFloat64> qr = s.tf().linalg.qr(s.constant(g, d, d));
      var f = s.runner().fetch(qr.q(), qr.r()).run();
      q = f.matrix(0);
      r = f.matrix(1);
    }
    double[] rows = new double[d * d];
    for (int j = 0; j < d; j++) {
      double sign = r.get(j, j) < 0 ? -1 : 1;
      for (int i = 0; i < d; i++) {
        rows[j * d + i] = sign * q.get(i, j); // column j of Q becomes row j
      }
    }
    return Matrix.of(d, d, rows);
  }

  static double gaussian(SplittableRandom rng) {
    double u1 = rng.nextDouble();
    double u2 = rng.nextDouble();
    return Math.sqrt(-2 * Math.log1p(-u1)) * Math.cos(2 * Math.PI * u2);
  }
}
