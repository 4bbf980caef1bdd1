package io.github.gradsense.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.gradsense.runtime.Matrix;
import io.github.gradsense.runtime.RuntimeConfig;
import io.github.gradsense.internal.Seeds;
import org.junit.jupiter.api.Test;

class PcaTest {
  private static final RuntimeConfig CONFIG = RuntimeConfig.defaults().withThreads(2);

  @Test
  void the_decomposition_of_a_known_covariance_recovers_its_spectrum_and_basis() {
    Spectrum spectrum = Spectrum.powerLaw(12, 1.3, 2.0);
    Matrix basis = GaussianData.haarRotation(12, Seeds.random(3, "basis"), CONFIG);
    Matrix cov = Pca.exact(spectrum, basis, new double[12]).covariance();

    Pca pca = Pca.ofCovariance(cov, new double[12], CONFIG);

    for (int k = 0; k < 12; k++) {
      assertThat(pca.eigenvalues()[k]).isCloseTo(spectrum.get(k), within(1e-12));
      double dot = 0;
      for (int i = 0; i < 12; i++) {
        dot += pca.components().get(k, i) * basis.get(k, i);
      }
      assertThat(Math.abs(dot)).isCloseTo(1.0, within(1e-10));
    }
  }

  @Test
  void components_are_orthonormal_with_their_largest_entry_positive() {
    Matrix basis = GaussianData.haarRotation(10, Seeds.random(5, "basis"), CONFIG);
    assertThat(basis.times(basis.transpose()).maxAbsDifference(Matrix.identity(10))).isLessThan(1e-12);
    Pca pca = Pca.ofCovariance(Pca.exact(Spectrum.geometric(10, 0.7, 1), basis, new double[10]).covariance(), new double[10], CONFIG);
    for (int k = 0; k < 10; k++) {
      double[] p = pca.components().row(k);
      int arg = 0;
      for (int i = 1; i < p.length; i++) {
        if (Math.abs(p[i]) > Math.abs(p[arg])) {
          arg = i;
        }
      }
      assertThat(p[arg]).isPositive();
    }
  }

  @Test
  void the_sample_covariance_divides_by_n_and_removes_the_mean() {
    SampleMatrix x = SampleMatrix.of(4, 2, new float[] {1, 0, 3, 0, 1, 2, 3, 2});
    double[] mean = x.columnMeans();
    assertThat(mean).containsExactly(2, 1);
    Matrix c = Pca.covariance(x, mean, CONFIG);
    assertThat(c.toArray()).containsExactly(1, 0, 0, 1);
  }
}
