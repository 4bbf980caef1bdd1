package io.github.gradsense.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RankTestsTest {
  private static double[] nulls() {
    double[] n = new double[20];
    for (int i = 0; i < 20; i++) {
      n[i] = 1 + 0.01 * i;
    }
    return n;
  }

  @Test
  @DisplayName("Mann–Whitney: four values above all twenty reach 1/C(24,4); four among them give no evidence")
  void mann_whitney_ranks_the_trained_nets_among_the_nulls() {
    assertThat(RankTests.mannWhitneyGreater(new double[] {2, 2.1, 2.2, 2.3}, nulls())).isCloseTo(1 / 10626.0, within(1e-12));
    // two seeds above twenty nulls: 1/C(22, 2)
    assertThat(RankTests.mannWhitneyGreater(new double[] {2, 2.1}, nulls())).isCloseTo(1 / 231.0, within(1e-12));
    // interleaved with the nulls (ranks 3, 8, 13, 18 of 24): no evidence
    assertThat(RankTests.mannWhitneyGreater(new double[] {1.025, 1.075, 1.125, 1.175}, nulls())).isGreaterThan(0.3);
    // one of four among the nulls' top quarter: still evidence, U = 75 of 80
    assertThat(RankTests.mannWhitneyGreater(new double[] {1.145, 2, 2.1, 2.2}, nulls())).isLessThan(0.005);
    // one of four below every null: U = 60 of 80, p ≈ 0.067, not enough
    assertThat(RankTests.mannWhitneyGreater(new double[] {0.5, 2, 2.1, 2.2}, nulls())).isGreaterThan(0.05);
  }

  @Test
  @DisplayName("Fisher's method: seeds at chance combine to no evidence, seeds all on top to strong evidence")
  void fishers_method_combines_p_values() {
    assertThat(RankTests.fisher(new double[] {0.5, 0.5, 0.5, 0.5})).isCloseTo(0.6980, within(1e-4));
    assertThat(RankTests.fisher(new double[] {1 / 21.0, 1 / 21.0, 1 / 21.0, 1 / 21.0})).isLessThan(0.005);
    // two seeds each first of 21: −2 Σ ln p = 12.18, χ²(4) tail e^{−6.09}(1 + 6.09)
    assertThat(RankTests.fisher(new double[] {1 / 21.0, 1 / 21.0})).isCloseTo(Math.exp(-2 * Math.log(21)) * (1 + 2 * Math.log(21)), within(1e-12));
    assertThat(RankTests.fisher(new double[] {0.03})).isCloseTo(0.03, within(1e-12));
  }

  @Test
  @DisplayName("a value's permutation p-value counts the nulls at or above it, plus one")
  void permutation_p_counts_the_nulls_above() {
    assertThat(RankTests.permutationP(5, nulls())).isEqualTo(1 / 21.0);
    assertThat(RankTests.permutationP(1.095, nulls())).isEqualTo(11 / 21.0);
    assertThat(RankTests.permutationP(0, nulls())).isEqualTo(1.0);
  }

  @Test
  @DisplayName("bad input is named before any work")
  void bad_input_is_named() {
    assertThatThrownBy(() -> RankTests.mannWhitneyGreater(new double[0], nulls())).hasMessageContaining("a must hold");
    assertThatThrownBy(() -> RankTests.mannWhitneyGreater(new double[] {Double.NaN}, nulls())).hasMessageContaining("a must be finite");
    assertThatThrownBy(() -> RankTests.mannWhitneyGreater(new double[30], new double[20])).hasMessageContaining("up to 40");
    assertThatThrownBy(() -> RankTests.fisher(new double[] {0})).hasMessageContaining("(0, 1]");
    assertThatThrownBy(() -> RankTests.fisher(new double[0])).hasMessageContaining("at least one");
    assertThatThrownBy(() -> RankTests.permutationP(Double.NaN, nulls())).hasMessage("value must be finite, got NaN");
    assertThatThrownBy(() -> RankTests.permutationP(1, new double[0])).hasMessage("nulls must hold at least one value");
  }
}
