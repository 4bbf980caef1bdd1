package io.github.gradsense.assertj;

import static io.github.gradsense.assertj.GradsenseAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Percentage.withPercentage;

import io.github.gradsense.data.Data;
import io.github.gradsense.data.Spectrum;
import io.github.gradsense.experiment.Experiment;
import io.github.gradsense.experiment.ProbeSeries;
import io.github.gradsense.network.Networks;
import io.github.gradsense.probe.Probes;
import io.github.gradsense.train.Training;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LearnsInOrderOfTest {
  // GIVEN a tied linear autoencoder trained by the expected gradient on Gaussian data with variances 4, 2, 1, 0.5
  private static final double[] VARIANCES = {4, 2, 1, 0.5};
  private static ProbeSeries modes;

  @BeforeAll
  static void train() {
    modes = Experiment.named("order").data(Data.gaussian(Spectrum.of(VARIANCES)))
        .network(Networks.linearAutoencoder().tied())
        .train(Training.expectedGradient(0.05).steps(400))
        .probe(Probes.modeStrength(4).every(2))
        .progress(false)
        .run()
        .series("mode-strength");
  }

  @Test
  void modes_are_learned_in_order_of_decreasing_variance() {
    // WHEN the half-times are compared with the variances THEN the order is exact
    assertThat(modes).learnsInOrderOf(VARIANCES);
  }

  @Test
  void claiming_the_reverse_order_fails_with_every_half_time() {
    // WHEN the variances are given in reverse THEN every pair is out of order, ρ = −1 and the
    // message lists each mode's half-time
    assertThatThrownBy(() -> assertThat(modes).learnsInOrderOf(0.5, 1, 2, 4))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("but 6 pair(s) are not")
        .hasMessageContaining("Spearman ρ(t½, 1/λ) = -1.000")
        .hasMessageContaining("pc1 (λ = 0.5000): ");
  }

  @Test
  void a_swap_two_ranks_apart_fails_although_the_rank_correlation_is_high() {
    // GIVEN eight well-separated modes (λ_k = 1.5^-k, every ratio ≥ 1.5)
    double[] lambda = new double[8];
    for (int k = 0; k < 8; k++) {
      lambda[k] = Math.pow(1.5, -k);
    }
    ProbeSeries eight = Experiment.named("order8").data(Data.gaussian(Spectrum.of(lambda)))
        .network(Networks.linearAutoencoder().tied())
        .train(Training.expectedGradient(0.5).steps(2000))
        .probe(Probes.modeStrength(8).every(2))
        .progress(false).run().series("mode-strength");
    assertThat(eight).learnsInOrderOf(lambda, withPercentage(22.2));
    // WHEN PC3 and PC5 are claimed to have each other's variance (Spearman ρ = 0.905, which a
    // "ρ ≥ 0.9" bar would have passed) THEN the pairs out of order are named
    double[] swapped = lambda.clone();
    swapped[2] = lambda[4];
    swapped[4] = lambda[2];
    assertThatThrownBy(() -> assertThat(eight).learnsInOrderOf(swapped, withPercentage(22.2)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("differ by more than 22.20 %")
        .hasMessageContaining("3 pair(s) are not")
        .hasMessageContaining("pc5 (λ = 0.4444")
        .hasMessageContaining("Spearman ρ(t½, 1/λ) = 0.9048");
  }

  @Test
  void near_degenerate_modes_may_swap_within_the_separation() {
    // GIVEN variances 4 and 3.9 claimed for PCs 1 and 2 in the wrong order (2.5 % apart)
    // WHEN the separation is 22.2 % THEN the pair is near-degenerate and not judged; with 0 % it is
    assertThat(modes).learnsInOrderOf(new double[] {3.9, 4, 1, 0.5}, withPercentage(22.2));
    assertThatThrownBy(() -> assertThat(modes).learnsInOrderOf(3.9, 4, 1, 0.5))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("pc2 (λ = 4.000, t½ = ");
  }

  @Test
  void variances_all_within_the_separation_fail_rather_than_judging_no_pair() {
    assertThatThrownBy(() -> assertThat(modes).learnsInOrderOf(new double[] {4, 3.9, 3.8, 3.7}, withPercentage(22.2)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("no order can be judged");
  }

  @Test
  void an_infinite_separation_fails_rather_than_judging_no_pair() {
    assertThatThrownBy(() -> assertThat(modes).learnsInOrderOf(VARIANCES, withPercentage(Double.POSITIVE_INFINITY)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expected a finite, non-negative separation");
  }

  @Test
  void too_few_or_too_many_variances_fail_naming_the_columns() {
    assertThatThrownBy(() -> assertThat(modes).learnsInOrderOf(4))
        .isInstanceOf(AssertionError.class)
        .hasMessage("Expected between 2 and 4 variances for the columns [pc1, pc2, pc3, pc4], got 1");
  }

  @Test
  void a_mode_never_learned_half_way_fails_naming_it() {
    ProbeSeries early = Experiment.named("early").data(Data.gaussian(Spectrum.of(VARIANCES)))
        .network(Networks.linearAutoencoder().tied())
        .train(Training.expectedGradient(0.05).steps(20))
        .probe(Probes.modeStrength(4).every(2))
        .progress(false)
        .run()
        .series("mode-strength");
    assertThatThrownBy(() -> assertThat(early).learnsInOrderOf(VARIANCES))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("to be learned half-way within the run, but it never was")
        .hasMessageContaining("never");
  }
}
