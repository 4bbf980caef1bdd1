package io.github.gradsense.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SpectrumTest {

  @Test
  void power_law_and_geometric_spectra() {
    assertThat(Spectrum.powerLaw(4, 2.0, 1.0).eigenvalues()).containsExactly(1, 0.25, 1.0 / 9, 1.0 / 16);
    assertThat(Spectrum.geometric(3, 0.5, 2.0).eigenvalues()).containsExactly(2, 1, 0.5);
    assertThat(Spectrum.of(3, 2, 1).total()).isEqualTo(6);
  }

  @Test
  void variances_must_be_positive_and_non_increasing() {
    assertThatThrownBy(() -> Spectrum.of(1, 2))
        .hasMessage("eigenvalues must be non-increasing, but eigenvalues[1] = 2.0 > eigenvalues[0] = 1.0");
    assertThatThrownBy(() -> Spectrum.of(1, 0))
        .hasMessage("eigenvalues[1] must be a finite number > 0, got 0.0");
  }

  @Test
  void a_power_law_fit_recovers_an_exact_power_law() {
    double[] v = Spectrum.powerLaw(100, 1.17, 3.0).eigenvalues();
    PowerLawFit fit = PowerLawFit.ofRanks(v, 2, 60);
    assertThat(fit.exponent()).isCloseTo(1.17, within(1e-12));
    assertThat(fit.prefactor()).isCloseTo(3.0, within(1e-10));
    assertThat(fit.rSquared()).isCloseTo(1.0, within(1e-12));
    assertThat(fit.at(10)).isCloseTo(v[9], within(1e-12));
  }

  @Test
  void a_fit_needs_two_ranks_inside_the_spectrum() {
    assertThatThrownBy(() -> PowerLawFit.ofRanks(new double[] {1, 0.5}, 2, 2))
        .hasMessage("toRank must be in [3, 2], got 2");
  }
}
