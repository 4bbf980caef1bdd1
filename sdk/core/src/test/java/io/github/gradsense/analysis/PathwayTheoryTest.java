package io.github.gradsense.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The reduced pathway theory (METHODS §F5): fit, sharing at depth 2, winner-take-all when deep. */
class PathwayTheoryTest {

  @Test
  void one_matrix_per_pathway_conserves_the_difference_of_strengths() {
    // D = 1: dp_i/dt = S − Σ K is the same for every pathway, so p_1 − p_2 never changes, and the
    // sum relaxes as 10 − (10 − 0.2) e^(−2t)
    PathwayTheory t = new PathwayTheory(1, 10);
    double[] p = t.integrate(new double[] {0.3, -0.1}, 0.001, 5);
    assertThat(p[0] - p[1]).isCloseTo(0.4, within(1e-12));
    assertThat(p[0] + p[1]).isCloseTo(10 - 9.8 * Math.exp(-10), within(1e-11));
  }

  @Test
  void every_run_fits_the_singular_value() {
    for (int depth : new int[] {2, 3, 4, 7}) {
      assertThat(new PathwayTheory(depth, 10).sweep(2, 20, 0.1, 1).worstFit()).as("D = %d", depth).isLessThan(1e-9);
    }
  }

  @Test
  void the_median_concentration_rises_with_depth_as_in_the_methods_run() {
    // METHODS §F6, 100 starts, s = 0.1: 0.09, 0.23, 0.38, 0.67 for D = 2, 3, 4, 7; other draws of
    // 100 starts move a median by about 1/(2 f(m) √100) ≈ ±0.05 (f: the density at the median)
    double[] expected = {0.09, 0.23, 0.38, 0.67};
    int[] depths = {2, 3, 4, 7};
    double previous = 0;
    for (int i = 0; i < depths.length; i++) {
      double median = new PathwayTheory(depths[i], 10).sweep(2, 100, 0.1, 7).medianConcentration();
      assertThat(median).as("D = %d", depths[i]).isCloseTo(expected[i], within(0.06)).isGreaterThan(previous);
      previous = median;
    }
  }

  @Test
  void bad_fields_are_named() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new PathwayTheory(0, 10)).hasMessage("depth must be in [1, 64], got 0");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new PathwayTheory(2, -1)).hasMessageContaining("target");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new PathwayTheory(2, 1).sweep(2, 10, 0, 1)).hasMessageContaining("spread");
  }

  @Test
  void a_smaller_initial_spread_concentrates_less() {
    // METHODS §F6: s = 0.01 gives 0.11 at D = 7 against 0.67 for s = 0.1
    double small = new PathwayTheory(7, 10).sweep(2, 100, 0.01, 3).medianConcentration();
    double large = new PathwayTheory(7, 10).sweep(2, 100, 0.1, 3).medianConcentration();
    assertThat(small).isLessThan(large);
    assertThat(small).isCloseTo(0.11, within(0.06));
  }
}
