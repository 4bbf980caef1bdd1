package io.github.gradsense.assertj;

import static io.github.gradsense.assertj.GradsenseAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.gradsense.data.Data;
import io.github.gradsense.data.ImageSource;
import io.github.gradsense.data.Spectrum;
import io.github.gradsense.experiment.Experiment;
import io.github.gradsense.experiment.Results;
import io.github.gradsense.network.Networks;
import io.github.gradsense.probe.Probes;
import io.github.gradsense.runtime.RuntimeConfig;
import io.github.gradsense.train.Training;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsAssertTest {
  // GIVEN a finished run: a tied autoencoder learning two Gaussian modes
  private static final Experiment EXPERIMENT = Experiment.named("results").data(Data.gaussian(Spectrum.of(2, 1)).withSamples(2000))
      .network(Networks.linearAutoencoder().tied())
      .train(Training.miniBatch(0.1).batch(64).steps(300).seed(5))
      .probe(Probes.modeStrength(2).every(10))
      .runtime(RuntimeConfig.defaults().withThreads(2))
      .progress(false);
  private static Results run;

  @BeforeAll
  static void train() {
    run = EXPERIMENT.run();
  }

  @Test
  void a_finished_run_is_reproduced_by_a_rerun_has_its_series_and_a_small_loss() {
    // two modes of variance 2 and 1 fully learned leave little reconstruction error: 0.1 is far
    // above the output noise's floor and far below the untrained loss (≈ 1.5, the total variance / 2)
    assertThat(run).isReproducedBy(EXPERIMENT.run()).hasSeries("mode-strength").hasFinalLossBelow(0.1)
        .series("mode-strength").hasColumns("pc1", "pc2").learnsInOrderOf(2, 1);
  }

  @Test
  void a_rerun_with_another_seed_or_other_kernels_is_no_reproduction() {
    // WHEN the rerun draws other mini-batches THEN the recorded seed differs
    assertThatThrownBy(() -> assertThat(run).isReproducedBy(EXPERIMENT.training(t -> t.seed(6)).run()))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expected the rerun to record the same experiment, but its 'training' differs");
    // WHEN it runs on one intra-op thread THEN the kernels differ, and the message says so
    assertThatThrownBy(() -> assertThat(run).isReproducedBy(EXPERIMENT.runtime(RuntimeConfig.defaults().withThreads(1)).run()))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expected the rerun on the same kernels, which the bits depend on, but it ran on 1 intra-op");
  }

  @Test
  void a_rerun_of_another_network_fails_naming_the_differing_record() {
    // GIVEN the same training from another initial weight scale, recorded as the same experiment
    // name but another network: the message names the differing record
    Results other = EXPERIMENT.network(Networks.linearAutoencoder().tied().initScale(0.02)).run();
    assertThatThrownBy(() -> assertThat(run).isReproducedBy(other))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("its 'network' differs");
  }

  @Test
  void a_rerun_on_a_photograph_changed_under_its_name_fails_at_the_first_differing_bits(@TempDir Path dir) throws IOException {
    // GIVEN a run on a folder of two photographs, then one of them repainted under the same file
    // name: the rerun records the same experiment on the same kernels, and only its bits differ
    noise(dir.resolve("a.png"), 1);
    noise(dir.resolve("b.png"), 2);
    Experiment photos = Experiment.named("photos").data(Data.naturalPatches(ImageSource.folder(dir)).patchSize(4).count(400))
        .network(Networks.linearAutoencoder().tied())
        .train(Training.miniBatch(0.05).batch(32).steps(40).seed(5))
        .probe(Probes.modeStrength(2).every(10))
        .runtime(RuntimeConfig.defaults().withThreads(2))
        .progress(false);
    Results first = photos.run();
    assertThat(first).isReproducedBy(photos.run());
    noise(dir.resolve("b.png"), 3);
    assertThatThrownBy(() -> assertThat(first).isReproducedBy(photos.run()))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expected the same bits, but series 'mode-strength'");
  }

  private static void noise(Path file, long seed) throws IOException {
    Random random = new Random(seed);
    BufferedImage im = new BufferedImage(24, 24, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 24; y++) {
      for (int x = 0; x < 24; x++) {
        im.setRGB(x, y, random.nextInt(1 << 24));
      }
    }
    ImageIO.write(im, "png", file.toFile());
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
