package io.github.gradsense.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.gradsense.runtime.RuntimeConfig;
import org.junit.jupiter.api.Test;

class GaussianDataTest {
  private static final RuntimeConfig CONFIG = RuntimeConfig.defaults().withThreads(2);

  @Test
  void a_population_has_the_exact_spectrum_and_no_samples() {
    Dataset d = Data.gaussian(Spectrum.powerLaw(6, 1.0, 1.0)).build(CONFIG);
    assertThat(d.size()).isZero();
    assertThat(d.samples()).isEmpty();
    assertThat(d.pca().eigenvalues()).containsExactly(Spectrum.powerLaw(6, 1.0, 1.0).eigenvalues());
  }

  @Test
  void samples_have_the_prescribed_spectrum_within_sampling_error() {
    int n = 100_000;
    Dataset d = Data.gaussian(Spectrum.powerLaw(8, 1.0, 1.0)).withSamples(n).withSeed(3).build(CONFIG);
    assertThat(d.size()).isEqualTo(n);
    double[] lambda = d.pca().eigenvalues();
    for (int k = 0; k < 8; k++) {
      double expected = 1.0 / (k + 1);
      // the sample variance along a fixed direction has relative sd √(2/n) = 0.45 %; the
      // eigenvalues of a sample covariance are biased by eigenvalue repulsion of order λ_j λ_k/(n Δλ):
      // 6 sd leaves room for both.
      assertThat(lambda[k]).isCloseTo(expected, org.assertj.core.data.Percentage.withPercentage(600 * Math.sqrt(2.0 / n)));
    }
  }

  @Test
  void the_same_seed_draws_the_same_samples() {
    var spec = Data.gaussian(Spectrum.geometric(4, 0.5, 1.0)).withSamples(100).withSeed(9);
    assertThat(spec.build(CONFIG).samples().orElseThrow().toArray())
        .containsExactly(spec.build(CONFIG).samples().orElseThrow().toArray());
    assertThat(spec.withSeed(10).build(CONFIG).samples().orElseThrow().toArray())
        .isNotEqualTo(spec.build(CONFIG).samples().orElseThrow().toArray());
  }

  @Test
  void a_negative_sample_count_is_rejected() {
    assertThatThrownBy(() -> Data.gaussian(Spectrum.of(1)).withSamples(-1))
        .hasMessage("samples must be in [0, 100000000], got -1");
  }
}
