package io.github.gradsense.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RankCorrelationTest {

  @Test
  void spearman_of_monotone_data_is_one_and_reversed_minus_one() {
    assertThat(RankCorrelation.spearman(new double[] {1, 2, 3, 4}, new double[] {1, 10, 100, 1000})).isCloseTo(1, within(1e-15));
    assertThat(RankCorrelation.spearman(new double[] {1, 2, 3, 4}, new double[] {4, 3, 2, 1})).isCloseTo(-1, within(1e-15));
  }

  @Test
  void spearman_matches_a_hand_computed_value_with_ties() {
    // ranks x: 1, 2.5, 2.5, 4; y: 2, 1, 4, 3; Pearson of the ranks = 1.5 / √(4.5 · 5) = 1/√10
    double rho = RankCorrelation.spearman(new double[] {1, 2, 2, 3}, new double[] {20, 10, 40, 30});
    assertThat(rho).isCloseTo(1 / Math.sqrt(10), within(1e-15));
    assertThat(RankCorrelation.ranks(new double[] {5, 1, 5})).containsExactly(2.5, 1, 2.5);
  }

  @Test
  void nan_pairs_are_dropped() {
    assertThat(RankCorrelation.spearman(new double[] {1, 2, Double.NaN, 3}, new double[] {1, 2, 5, 3})).isCloseTo(1, within(1e-15));
  }
}
