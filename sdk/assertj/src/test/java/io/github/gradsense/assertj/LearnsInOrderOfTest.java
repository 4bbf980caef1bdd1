package io.github.gradsense.assertj;

import static io.github.gradsense.assertj.GradsenseAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    // WHEN the variances are given in reverse THEN ρ = −1 and the message lists each mode's half-time
    assertThatThrownBy(() -> assertThat(modes).learnsInOrderOf(0.5, 1, 2, 4))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Spearman ρ(t½, 1/λ) >= 1.000")
        .hasMessageContaining("but ρ = -1.000")
        .hasMessageContaining("pc1 (λ = 0.5000): ");
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
