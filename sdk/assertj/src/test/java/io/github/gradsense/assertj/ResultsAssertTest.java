package io.github.gradsense.assertj;

import static io.github.gradsense.assertj.GradsenseAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.gradsense.data.Data;
import io.github.gradsense.data.Spectrum;
import io.github.gradsense.experiment.Experiment;
import io.github.gradsense.experiment.Results;
import io.github.gradsense.network.Networks;
import io.github.gradsense.probe.Probes;
import io.github.gradsense.train.Training;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ResultsAssertTest {
  // GIVEN a finished run: a tied autoencoder learning two Gaussian modes
  private static Results run;

  @BeforeAll
  static void train() {
    run = Experiment.named("results").data(Data.gaussian(Spectrum.of(2, 1)))
        .network(Networks.linearAutoencoder().tied())
        .train(Training.expectedGradient(0.1).steps(300).seed(5))
        .probe(Probes.modeStrength(2).every(10))
        .progress(false)
        .run();
  }

  @Test
  void a_finished_run_is_reproducible_has_its_series_and_a_small_loss() {
    // two modes of variance 2 and 1 fully learned leave no reconstruction error: 0.1 is far above 0
    // and far below the untrained loss (≈ 1.5, the total variance / 2)
    assertThat(run).isReproducible().hasSeries("mode-strength").hasFinalLossBelow(0.1)
        .series("mode-strength").hasColumns("pc1", "pc2").learnsInOrderOf(2, 1);
  }

  @Test
  void a_missing_series_and_a_loss_too_high_fail_with_what_the_run_has() {
    assertThatThrownBy(() -> assertThat(run).hasSeries("sensitivity-gabor"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expected series 'sensitivity-gabor', but the run wrote [mode-strength]");
    assertThatThrownBy(() -> assertThat(run).hasFinalLossBelow(1e-12))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expected the final training loss below 1.000e-12, but it is ");
    assertThatThrownBy(() -> assertThat(run).series("mode-strength").hasColumns("pc3"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("its columns are [pc1, pc2]");
  }
}
