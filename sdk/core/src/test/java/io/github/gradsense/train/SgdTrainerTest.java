package io.github.gradsense.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.gradsense.data.LabelNoise;
import io.github.gradsense.data.OrientationTask;
import io.github.gradsense.data.Tasks;
import io.github.gradsense.experiment.Experiment;
import io.github.gradsense.experiment.Results;
import io.github.gradsense.network.Networks;
import io.github.gradsense.network.Sequential;
import io.github.gradsense.probe.Probes;
import io.github.gradsense.runtime.RuntimeConfig;
import io.github.gradsense.stimulus.Stimuli;
import org.junit.jupiter.api.Test;

/** Mini-batch SGD on tasks: cross-entropy with a gradient-free null class, and divergence. */
class SgdTrainerTest {
  private static final RuntimeConfig CONFIG = RuntimeConfig.defaults().withThreads(2);
  private static final OrientationTask TWO_BINS = Tasks.orientationBins().grating(Stimuli.rotatedGrating().size(16)).bins(2);
  private static final Sequential MLP = Networks.sequential(256).dense(32).relu().dense(2).init(Sequential.Initializer.TORCH_DEFAULT);

  private static Experiment experiment(OrientationTask task, Training training) {
    return Experiment.named("sgd").task(task).network(MLP).train(training).runtime(CONFIG).progress(false);
  }

  @Test
  void cross_entropy_training_learns_a_two_way_orientation_task() {
    Results r = experiment(TWO_BINS, Training.sgd(0.2).momentum(0.9).batch(64).steps(150).seed(1))
        .probe(Probes.accuracy(0, 1).samples(400).every(150))
        .run();
    // chance is 0.5; horizontal-ish against vertical-ish gratings are linearly separable in pixels
    assertThat(r.series("accuracy").lastRow()[0]).isGreaterThan(0.9);
    assertThat(r.series("accuracy").lastRow()[1]).isGreaterThan(0.9);
    assertThat(r.finalLoss()).isLessThan(Math.log(2));
  }

  @Test
  void examples_sent_to_the_null_class_carry_no_gradient() {
    OrientationTask allNull = TWO_BINS.noise(new LabelNoise(new double[] {0, 0}));
    Experiment e = experiment(allNull, Training.sgd(0.5).batch(32).steps(5).seed(2));
    Results trained = e.run();
    Results initial = e.measure();
    assertThat(trained.finalLoss()).isZero();
    assertThat(trained.finalParameters()).isEqualTo(initial.finalParameters());
  }

  @Test
  void weight_decay_alone_shrinks_every_weight_by_its_factor() {
    OrientationTask allNull = TWO_BINS.noise(new LabelNoise(new double[] {0, 0}));
    Experiment e = experiment(allNull, Training.sgd(0.5).weightDecay(0.1).batch(32).steps(3).seed(2));
    double[] before = e.measure().finalParameters().get(0).values();
    double[] after = e.run().finalParameters().get(0).values();
    for (int i = 0; i < before.length; i += 97) {
      // w ← w − η λ w, three times: (1 − 0.05)³ (float32 rounding)
      assertThat(after[i]).isCloseTo(before[i] * Math.pow(0.95, 3), org.assertj.core.data.Offset.offset(1e-6));
    }
  }

  @Test
  void a_diverging_run_stops_with_the_step_and_the_knob() {
    assertThatThrownBy(() -> experiment(TWO_BINS, Training.sgd(1e6).batch(64).steps(50).seed(1)).run())
        .isInstanceOf(TrainingDivergedException.class)
        .hasMessageContaining("Reduce learningRate");
  }
}
