package org.example.consumer;

import static io.github.gradsense.assertj.GradsenseAssertions.assertThat;

import io.github.gradsense.data.Data;
import io.github.gradsense.data.Spectrum;
import io.github.gradsense.experiment.Experiment;
import io.github.gradsense.experiment.Results;
import io.github.gradsense.network.Networks;
import io.github.gradsense.probe.Probes;
import io.github.gradsense.train.Training;
import org.junit.jupiter.api.Test;

/** A researcher's regression test, written against the published artifacts only. */
class OrderedLearningTest {
  @Test
  void a_linear_autoencoder_learns_modes_in_order_of_variance() {
    double[] variances = {4, 2, 1, 0.5};
    Experiment e = Experiment.named("consumer").data(Data.gaussian(Spectrum.of(variances)))
        .network(Networks.linearAutoencoder().tied())
        .train(Training.expectedGradient(0.05).steps(400))
        .probe(Probes.modeStrength(4).every(2))
        .progress(false);
    Results r = e.run();
    assertThat(r).isReproducedBy(e.run()).series("mode-strength").learnsInOrderOf(variances);
  }
}
