package io.github.gradsense.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.gradsense.data.Data;
import io.github.gradsense.data.Dataset;
import io.github.gradsense.data.Spectrum;
import io.github.gradsense.network.AlignedBalancedInit;
import io.github.gradsense.network.Networks;
import io.github.gradsense.probe.Probes;
import io.github.gradsense.report.Json;
import io.github.gradsense.report.Report;
import io.github.gradsense.runtime.Precision;
import io.github.gradsense.runtime.RuntimeConfig;
import io.github.gradsense.train.StepEvent;
import io.github.gradsense.train.Training;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExperimentTest {
  private static final RuntimeConfig CONFIG = RuntimeConfig.defaults().withThreads(2);
  private static final Dataset SAMPLES =
      Data.gaussian(Spectrum.powerLaw(8, 1.0, 1.0)).withSamples(1000).withSeed(4).build(CONFIG);

  private static Experiment base() {
    return Experiment.named("t").data(SAMPLES).network(Networks.linearAutoencoder().tied())
        .train(Training.miniBatch(0.5).batch(100).steps(30).seed(1)).runtime(CONFIG).progress(false);
  }

  @Test
  void mismatched_widths_fail_before_any_native_work() {
    assertThatThrownBy(() -> base().network(Networks.linearChain(10, 10)).validate())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("network input width 10 does not match the data dimension 8");
    assertThatThrownBy(() -> base().network(Networks.linearChain(8, 4)).validate())
        .hasMessage("reconstruction needs the network's output width to equal the data dimension 8, got 4");
  }

  @Test
  void a_template_changes_its_training_in_place_of_rebuilding_it() {
    Results changed = base().training(t -> t.seed(2)).run();
    Results rebuilt = base().train(Training.miniBatch(0.5).batch(100).steps(30).seed(2)).run();
    Results seed1 = base().run();
    assertThat(changed.finalLoss()).isEqualTo(rebuilt.finalLoss()).isNotEqualTo(seed1.finalLoss());
    assertThatThrownBy(() -> Experiment.named("bare").training(t -> t.seed(2)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("has no training to change yet");
  }

  @Test
  void a_batch_larger_than_the_data_is_rejected() {
    assertThatThrownBy(() -> base().train(Training.miniBatch(1).batch(2000).steps(1)).validate())
        .hasMessage("batchSize must be in [1, 1000] (the data set size), got 2000");
  }

  @Test
  void mini_batches_need_samples() {
    assertThatThrownBy(() -> base().data(Data.gaussian(Spectrum.of(1, 0.5))).network(Networks.linearAutoencoder()).validate())
        .hasMessageContaining("mini-batch training needs samples")
        .hasMessageContaining("Training.expectedGradient");
  }

  @Test
  void probes_are_checked_against_the_data_and_the_network() {
    assertThatThrownBy(() -> base().probe(Probes.pcSensitivity(3).at("conv1")).validate())
        .hasMessage("unknown probe point 'conv1'; valid probe points: hidden1, output");
    assertThatThrownBy(() -> base().probe(Probes.modeStrength(9)).validate())
        .hasMessage("probe 'mode-strength': components must be in [1, 8] (the data dimension), got 9");
    assertThatThrownBy(() -> base().probe(Probes.modeStrength(2)).probe(Probes.modeStrength(3)).validate())
        .hasMessageContaining("two probes write the series 'mode-strength'");
  }

  @Test
  void missing_parts_and_bad_names_are_named() {
    assertThatThrownBy(() -> Experiment.named("x").validate()).hasMessage("experiment 'x' has no data: call data(...) or task(...)");
    assertThatThrownBy(() -> Experiment.named("../x")).hasMessageContaining("experiment name must be");
  }

  @Test
  void a_run_streams_run_json_and_one_tidy_csv_per_probe(@TempDir Path dir) throws IOException {
    Results r = base().probe(Probes.modeStrength(3).every(10)).probe(Probes.loss().every(15)).run(Report.to(dir));

    assertThat(r.series("mode-strength").steps()).containsExactly(0, 10, 20, 30);
    assertThat(Files.readAllLines(dir.resolve("mode-strength.csv"))).hasSize(1 + 4 * 3);
    assertThat(Files.readAllLines(dir.resolve("loss.csv"))).hasSize(1 + 3);
    // beside each CSV, a .npy: one row per probed step, the step then the columns
    io.github.gradsense.report.Npy.Array modes =
        io.github.gradsense.report.Npy.read(Files.readAllBytes(dir.resolve("mode-strength.npy")));
    assertThat(modes.shape()).containsExactly(4, 1 + 3);
    assertThat(modes.row(3)).containsExactly(30, r.series("mode-strength").row(3)[0], r.series("mode-strength").row(3)[1],
        r.series("mode-strength").row(3)[2]);
    JsonNode run = Json.mapper().readTree(dir.resolve("run.json").toFile());
    assertThat(run.get("status").asText()).isEqualTo("complete");
    assertThat(run.get("seed").asLong()).isEqualTo(1);
    assertThat(run.get("config").get("training").get("learningRate").asDouble()).isEqualTo(0.5);
    assertThat(run.get("config").get("network").get("tiedWeights").asBoolean()).isTrue();
    assertThat(run.get("config").get("runtime").get("intraOpThreads").asInt()).isEqualTo(2);
    assertThat(run.get("device").get("tensorflowVersion").asText()).startsWith("2.");
    assertThat(run.get("summary").get("steps").asLong()).isEqualTo(30);
    assertThat(r.directory()).contains(dir);
  }

  @Test
  void the_same_seed_gives_the_same_bits_and_another_seed_does_not() {
    Experiment e = base().probe(Probes.modeStrength(8).every(5));
    Results a = e.run();
    Results b = e.run();
    Results c = e.train(Training.miniBatch(0.5).batch(100).steps(30).seed(2)).run();
    for (int i = 0; i < a.series("mode-strength").size(); i++) {
      assertThat(a.series("mode-strength").row(i)).containsExactly(b.series("mode-strength").row(i));
    }
    assertThat(a.finalWeights().get(0)).isEqualTo(b.finalWeights().get(0));
    assertThat(a.finalWeights().get(0)).isNotEqualTo(c.finalWeights().get(0));
  }

  @Test
  void epochs_are_permutations_cut_into_batches_with_a_partial_last_one() {
    List<StepEvent> events = new ArrayList<>();
    Dataset ten = Data.gaussian(Spectrum.of(1, 0.5)).withSamples(10).build(CONFIG);
    base().data(ten).train(Training.miniBatch(0.1).batch(4).epochs(2)).onStep(events::add).run();
    assertThat(events).extracting(StepEvent::step).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    assertThat(events).extracting(StepEvent::epoch).containsExactly(0L, 0L, 0L, 1L, 1L, 1L);
  }

  @Test
  void step_callbacks_can_follow_a_schedule() {
    List<Long> seen = new ArrayList<>();
    base().onStep(io.github.gradsense.probe.Schedule.every(10), e -> seen.add(e.step())).run();
    assertThat(seen).containsExactly(10L, 20L, 30L);
  }

  @Test
  void a_run_can_stop_once_a_probe_says_so() {
    Results r = base().train(Training.expectedGradient(0.5).steps(100_000))
        .data(Data.gaussian(Spectrum.of(1, 0.5)))
        .probe(Probes.modeStrength(2).every(10))
        .probe(Probes.loss().every(1000))
        .stopWhen("mode-strength", u -> u[1] > 0.5)
        .run();
    long end = r.series("mode-strength").steps()[r.series("mode-strength").size() - 1];
    assertThat(r.series("loss").steps()).endsWith(end);    // every probe reads the last step
    long[] steps = r.series("mode-strength").steps();
    assertThat(steps[steps.length - 1]).isLessThan(100_000);
    assertThat(r.series("mode-strength").last("pc2")).isGreaterThan(0.5);
    assertThat(r.series("mode-strength").column("pc2")[steps.length - 2]).isLessThanOrEqualTo(0.5);
    assertThatThrownBy(() -> base().stopWhen("nope", u -> true).validate())
        .hasMessageContaining("stopWhen names the series 'nope', which no probe writes");
  }

  @Test
  void a_network_can_be_measured_as_initialised_and_shuffled() {
    Results trained = base().probe(Probes.modeStrength(8).every(30)).run();
    io.github.gradsense.network.FixedInit weights = new io.github.gradsense.network.FixedInit(trained.finalWeights());
    Results again = Experiment.named("again").data(SAMPLES).network(Networks.linearAutoencoder().tied().init(weights))
        .probe(Probes.modeStrength(8)).runtime(CONFIG).progress(false).measure();
    assertThat(again.series("mode-strength").steps()).containsExactly(0);
    assertThat(again.series("mode-strength").row(0))
        .containsExactly(trained.series("mode-strength").lastRow(), org.assertj.core.data.Offset.offset(1e-6));
    double[] shuffled = weights.shuffled(3).factors().get(0).toArray();
    double[] original = weights.factors().get(0).toArray();
    java.util.Arrays.sort(shuffled);
    java.util.Arrays.sort(original);
    assertThat(shuffled).containsExactly(original);
    assertThat(weights.shuffled(3).factors().get(0)).isNotEqualTo(weights.factors().get(0));
  }

  @Test
  void an_aligned_run_has_the_pcs_as_singular_vectors() {
    Results r = Experiment.named("aligned").data(Data.gaussian(Spectrum.powerLaw(6, 1.0, 1.0)))
        .network(Networks.linearAutoencoder().init(new AlignedBalancedInit(0.01)))
        .train(Training.expectedGradient(0.5).steps(40))
        .probe(Probes.singularValues(6).every(20))
        .runtime(CONFIG.withPrecision(Precision.FLOAT64)).progress(false).run();
    var sv = r.series("singular-values");
    for (int k = 1; k <= 6; k++) {
      assertThat(sv.row(1)[sv.columns().indexOf("cos" + k)]).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
    }
    // σ_1 ≥ … ≥ σ_6 and PC1 (largest variance) is the strongest mode
    assertThat(sv.row(1)[0]).isGreaterThan(sv.row(1)[5]);
  }

  @Test
  void a_killed_run_resumes_from_its_checkpoint_to_the_same_bits(@TempDir Path dir) {
    Experiment e = base().train(Training.miniBatch(0.5).momentum(0.9).batch(100).steps(30).seed(1).checkpointEvery(10))
        .probe(Probes.modeStrength(4).every(5));
    Results whole = e.run();
    Experiment killed = e.onStep(ev -> {
      if (ev.step() == 25) {
        throw new IllegalStateException("killed");
      }
    });
    assertThatThrownBy(() -> killed.run(Report.to(dir))).hasMessage("killed");
    assertThat(dir.resolve("checkpoint.bin")).exists();

    Results resumed = e.resume(Report.to(dir));

    assertThat(resumed.series("mode-strength").steps()).containsExactly(whole.series("mode-strength").steps());
    for (int i = 0; i < whole.series("mode-strength").size(); i++) {
      assertThat(resumed.series("mode-strength").row(i)).containsExactly(whole.series("mode-strength").row(i));
    }
    assertThat(resumed.finalWeights()).isEqualTo(whole.finalWeights());
    assertThat(resumed.finalLoss()).isEqualTo(whole.finalLoss());
  }

  @Test
  void resuming_a_changed_experiment_fails_naming_the_first_differing_setting(@TempDir Path dir) {
    Experiment e = base().train(Training.miniBatch(0.5).batch(100).steps(30).seed(1).checkpointEvery(10));
    assertThatThrownBy(() -> e.onStep(ev -> {
      if (ev.step() == 15) {
        throw new IllegalStateException("killed");
      }
    }).run(Report.to(dir))).hasMessage("killed");

    // a changed learning rate would splice two runs: refused, naming the setting and both values
    assertThatThrownBy(() -> e.training(t -> t.learningRate(0.25)).resume(Report.to(dir)))
        .hasMessage("cannot resume experiment 't': its checkpoint was written by a different experiment "
            + "(training.learningRate: 0.5 in the checkpoint, 0.25 now); run it afresh, or resume with the settings it was "
            + "started with");
    assertThatThrownBy(() -> e.probe(Probes.modeStrength(2)).resume(Report.to(dir)))
        .hasMessageContaining("(probes: ");
    // how often it is saved is not part of what it computes
    assertThat(e.training(t -> t.checkpointEvery(5)).resume(Report.to(dir)).finalLoss()).isEqualTo(e.run().finalLoss());
  }

  @Test
  void any_run_re_runs_from_its_record(@TempDir Path dir) throws Exception {
    Experiment e = base().probe(Probes.modeStrength(3).every(10)).probe(Probes.loss().every(15));
    Results first = e.run(Report.to(dir));

    Experiment again = Experiment.from(io.github.gradsense.report.Provenance.read(dir.resolve("run.json")));

    // the data set was built from a spec: the record holds that spec, which builds it again
    assertThat(again.spec().settings()).isEqualTo(e.spec().settings());
    assertThat(again.spec().hash()).isEqualTo(e.spec().hash());
    Results second = again.progress(false).run();
    assertThat(second.finalWeights()).isEqualTo(first.finalWeights());
    assertThat(second.series("mode-strength").row(3)).containsExactly(first.series("mode-strength").row(3));
    // the record names its parts by type names, never by class names
    assertThat(Files.readString(dir.resolve("run.json"))).contains("\"type\" : \"mini-batch\"").doesNotContain("io.github");
  }

  @Test
  void a_record_of_a_hand_built_data_set_cannot_be_re_run_and_says_why(@TempDir Path dir) {
    Dataset handBuilt = new Dataset("by-hand", SAMPLES.samples().orElseThrow(), SAMPLES.covariance(), SAMPLES.pca(), List.of(), null);
    base().data(handBuilt).run(Report.to(dir));
    assertThatThrownBy(() -> Experiment.from(io.github.gradsense.report.Provenance.read(dir.resolve("run.json"))))
        .hasMessageContaining("a data set built by hand");
  }

  @Test
  void listeners_see_start_every_step_and_end_and_may_stop_the_run() {
    List<String> seen = new ArrayList<>();
    RunListener listener = new RunListener() {
      @Override
      public void onStart(Run run) {
        seen.add("start " + run.stepsDone() + "/" + run.totalSteps());
      }

      @Override
      public void onStep(Run run, StepEvent e) {
        seen.add("step " + e.step());
        if (e.step() == 3) {
          run.stop();
        }
      }

      @Override
      public void onEnd(Run run) {
        seen.add("end " + run.stepsDone() + (run.stopping() ? " stopped" : ""));
      }
    };
    Results r = base().probe(Probes.modeStrength(2).every(10)).listener(listener).run();
    assertThat(seen).containsExactly("start 0/30", "step 1", "step 2", "step 3", "end 3 stopped");
    // every probe is read once more where the run stops
    assertThat(r.series("mode-strength").steps()).containsExactly(0, 3);
  }

  @Test
  void a_task_run_resumes_with_its_momentum(@TempDir Path dir) {
    var task = io.github.gradsense.data.Tasks.whichImage(io.github.gradsense.data.ImageSource.synthetic()).crop(8);
    Experiment e = Experiment.named("task").task(task)
        .network(Networks.sequential(8, 8, 3).flatten().dense(16).relu().dense(task.classes()))
        .train(Training.sgd(0.05).momentum(0.9).batch(16).steps(20).seed(3).checkpointEvery(5))
        .probe(Probes.accuracy(0, 1).samples(50).every(5)).runtime(CONFIG).progress(false);
    Results whole = e.run();
    assertThatThrownBy(() -> e.onStep(ev -> {
      if (ev.step() == 13) {
        throw new IllegalStateException("killed");
      }
    }).run(Report.to(dir))).hasMessage("killed");

    Results resumed = e.resume(Report.to(dir));

    assertThat(resumed.finalParameters()).hasSameSizeAs(whole.finalParameters());
    for (int i = 0; i < whole.finalParameters().size(); i++) {
      assertThat(resumed.finalParameters().get(i).values()).containsExactly(whole.finalParameters().get(i).values());
    }
    assertThat(resumed.series("accuracy").steps()).containsExactly(0, 5, 10, 15, 20);
    for (int i = 0; i < 5; i++) {
      assertThat(resumed.series("accuracy").row(i)).containsExactly(whole.series("accuracy").row(i));
    }
  }

  @Test
  void a_truncated_or_altered_checkpoint_is_refused_naming_it(@TempDir Path dir) throws Exception {
    Experiment e = base().train(Training.miniBatch(0.5).batch(100).steps(30).seed(1).checkpointEvery(10));
    assertThatThrownBy(() -> e.onStep(ev -> {
      if (ev.step() == 25) {
        throw new IllegalStateException("killed");
      }
    }).run(Report.to(dir))).hasMessage("killed");
    Path checkpoint = dir.resolve("checkpoint.bin");
    byte[] good = java.nio.file.Files.readAllBytes(checkpoint);

    java.nio.file.Files.write(checkpoint, java.util.Arrays.copyOf(good, good.length - 100));
    assertThatThrownBy(() -> e.resume(Report.to(dir))).isInstanceOf(io.github.gradsense.report.CorruptFileException.class)
        .hasMessageContaining("checkpoint " + checkpoint.toAbsolutePath() + " is corrupt");
    byte[] flipped = good.clone();
    flipped[good.length / 2] ^= 0x10;                       // one bit in the weights
    java.nio.file.Files.write(checkpoint, flipped);
    assertThatThrownBy(() -> e.resume(Report.to(dir))).hasMessageContaining("is corrupt");
    java.nio.file.Files.write(checkpoint, good);
    assertThat(e.resume(Report.to(dir)).finalLoss()).isEqualTo(e.run().finalLoss());
  }

  @Test
  void resuming_needs_a_checkpoint(@TempDir Path dir) {
    assertThatThrownBy(() -> base().resume(Report.to(dir)))
        .hasMessageContaining("no checkpoint to resume from")
        .hasMessageContaining("checkpoint.bin");
    assertThatThrownBy(() -> base().resume(Report.none())).hasMessage("resume needs the report folder of the run");
  }

  @Test
  void a_task_is_checked_against_the_network_and_the_objective() {
    var task = io.github.gradsense.data.Tasks.whichImage(io.github.gradsense.data.ImageSource.synthetic()).crop(8);
    Experiment e = Experiment.named("task").task(task).train(Training.sgd(0.05).batch(16).steps(20)).progress(false);
    assertThatThrownBy(() -> e.network(Networks.sequential(8, 8, 3).flatten().dense(5)).validate())
        .hasMessage("network output width 5 does not match the task's " + task.classes() + " classes");
    assertThatThrownBy(() -> e.network(Networks.sequential(4, 4, 3).flatten().dense(task.classes())).validate())
        .hasMessage("network input width 48 does not match the task's input of 192");
    assertThatThrownBy(() -> e.task(task.reconstruction()).network(Networks.sequential(8, 8, 3).flatten().dense(5)).validate())
        .hasMessage("reconstruction needs the network's output width to equal the input width 192, got 5");
    assertThatThrownBy(() -> e.network(Networks.sequential(8, 8, 3).flatten().dense(task.classes()))
        .train(Training.expectedGradient(0.05)).validate())
        .hasMessage("training: task 'which-image' trains by mini-batch SGD, Training.sgd(η), not Training.ExpectedGradient, "
            + "which trains a linear autoencoder on a data(...) set");
    assertThatThrownBy(() -> e.data(SAMPLES).network(Networks.linearAutoencoder()).validate())
        .hasMessage("experiment 'task' has both data and a task: keep one");
  }
}
