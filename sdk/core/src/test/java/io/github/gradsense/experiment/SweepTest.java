package io.github.gradsense.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.gradsense.data.Data;
import io.github.gradsense.data.Spectrum;
import io.github.gradsense.network.Networks;
import io.github.gradsense.probe.Probes;
import io.github.gradsense.runtime.RuntimeConfig;
import io.github.gradsense.train.StepEvent;
import io.github.gradsense.train.Training;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sweep is its cells; each cell is an experiment whose folder is its spec's hash, run once. */
class SweepTest {
  private static final Experiment TEMPLATE = Experiment.named("sweep")
      .data(Data.gaussian(Spectrum.powerLaw(6, 1.0, 1.0)))
      .network(Networks.linearAutoencoder().tied())
      .train(Training.expectedGradient(0.5).steps(40))
      .probe(Probes.modeStrength(3).every(10))
      .runtime(RuntimeConfig.defaults().withThreads(1));

  private static Sweep sweep() {
    return Sweep.of(TEMPLATE).overSeeds(1, 2)
        .over("learningRate", (Experiment e, Double lr) -> e.training(t -> t.learningRate(lr)), List.of(0.25, 0.5));
  }

  @Test
  void cells_are_every_combination_named_by_their_spec() {
    List<Sweep.Cell> cells = sweep().cells();
    assertThat(cells).extracting(c -> c.settings().toString())
        .containsExactly("{seed=1, learningRate=0.25}", "{seed=1, learningRate=0.5}", "{seed=2, learningRate=0.25}",
            "{seed=2, learningRate=0.5}");
    assertThat(cells).extracting(Sweep.Cell::id).doesNotHaveDuplicates().allMatch(id -> id.matches("[0-9a-f]{16}"));
    // the same cell of a sweep declared again has the same folder; a changed one a new folder
    assertThat(sweep().cells().get(3).id()).isEqualTo(cells.get(3).id());
    assertThat(Sweep.of(TEMPLATE.training(t -> t.steps(41))).overSeeds(2).cells().get(0).id()).isNotIn(
        cells.stream().map(Sweep.Cell::id).toList());
  }

  @Test
  void a_sweep_runs_each_cell_as_its_experiment_and_gathers_one_tidy_table(@TempDir Path out) throws Exception {
    Sweep.SweepResult r = sweep().run(out, SweepRunner.local(2));

    assertThat(r.ran()).isEqualTo(4);
    List<String> table = Files.readAllLines(r.table());
    assertThat(table.get(0)).isEqualTo("seed,learningRate,cell,series,step,epoch,point,column,value");
    // 4 cells × 5 readings (0, 10, …, 40) × 3 PCs
    assertThat(table).hasSize(1 + 4 * 5 * 3);
    // a cell's numbers are its experiment's, bit for bit, whether run in the sweep (two at a time) or alone
    Sweep.Cell last = r.cells().get(3);
    Results alone = TEMPLATE.training(t -> t.seed(2).learningRate(0.5)).progress(false).run();
    double pc2 = alone.series("mode-strength").row(4)[1];
    assertThat(table).contains("2,0.5," + last.id() + ",mode-strength,40,40,,pc2," + pc2);
    assertThat(r.folderOf(last).resolve("run.json")).exists();
    assertThat(r.folderOf(last).resolve(Sweep.CELL_FILE)).exists();
  }

  @Test
  void a_sweep_killed_midway_and_run_again_runs_only_the_unfinished_cells(@TempDir Path out, @TempDir Path whole)
      throws Exception {
    AtomicInteger started = new AtomicInteger();
    Sweep faulty = Sweep.of(TEMPLATE.listener(new RunListener() {
      @Override
      public void onStart(Run run) {
        if (started.incrementAndGet() == 3) {
          throw new IllegalStateException("killed");
        }
      }
    })).overSeeds(1, 2).over("learningRate", (Experiment e, Double lr) -> e.training(t -> t.learningRate(lr)),
        List.of(0.25, 0.5));
    assertThatThrownBy(() -> faulty.run(out)).hasMessageContaining("cell {seed=2, learningRate=0.25}")
        .hasMessageContaining("killed");
    // the failed cell left no folder (only its hidden, partial one); the other three finished
    try (var dirs = Files.list(out.resolve(Sweep.CELLS))) {
      assertThat(dirs.map(d -> d.getFileName().toString()).filter(n -> !n.startsWith(".")).count()).isEqualTo(3);
    }

    Sweep.SweepResult resumed = sweep().run(out);
    Sweep.SweepResult undisturbed = sweep().run(whole);

    assertThat(resumed.ran()).isEqualTo(1);
    assertThat(Files.readAllLines(resumed.table())).isEqualTo(Files.readAllLines(undisturbed.table()));
    assertThat(sweep().run(out).ran()).isZero();
  }

  @Test
  void an_axis_over_a_settings_path_is_the_same_sweep_and_a_file_declares_it(@TempDir Path dir) throws Exception {
    Sweep byPath = Sweep.of(TEMPLATE).over("seed", "training.seed", List.of(1, 2))
        .over("learningRate", "training.learningRate", List.of(0.25, 0.5));
    assertThat(byPath.cells()).extracting(Sweep.Cell::id).containsExactlyElementsOf(
        sweep().cells().stream().map(Sweep.Cell::id).toList());

    // a sweep file: any run's config as the template, axes by settings path
    TEMPLATE.progress(false).run(io.github.gradsense.report.Report.to(dir));
    var config = io.github.gradsense.report.Json.mapper().readTree(dir.resolve("run.json").toFile()).get("config");
    String file = "{\"name\": \"sweep\", \"template\": " + config + ", \"axes\": ["
        + "{\"name\": \"seed\", \"setting\": \"training.seed\", \"values\": [1, 2]},"
        + "{\"name\": \"learningRate\", \"setting\": \"training.learningRate\", \"values\": [0.25, 0.5]}]}";
    Sweep fromFile = Sweep.fromJson(io.github.gradsense.report.Json.mapper().readTree(file));
    assertThat(fromFile.cells()).extracting(Sweep.Cell::id).containsExactlyElementsOf(
        sweep().cells().stream().map(Sweep.Cell::id).toList());
    assertThat(fromFile.cells().get(1).settings()).containsExactly(java.util.Map.entry("seed", "1"),
        java.util.Map.entry("learningRate", "0.5"));

    // a bad path or value is named when the axis is added, not later when the cells are expanded
    assertThatThrownBy(() -> Sweep.of(TEMPLATE).over("x", "training.learningRat", List.of(1)))
        .hasMessageStartingWith("axis 'x': setting 'training.learningRat': no 'learningRat' there; it has [type, checkpointEvery, ");
    assertThatThrownBy(() -> Sweep.of(TEMPLATE).over("x", "training.learningRate", List.of(-1)))
        .hasMessageContaining("learningRate must be a finite number > 0, got -1.0");
  }

  @Test
  void bad_axes_are_refused_by_name() {
    assertThatThrownBy(() -> Sweep.of(TEMPLATE).overSeeds(1).overSeeds(2)).hasMessage("the sweep already has an axis 'seed'");
    assertThatThrownBy(() -> Sweep.of(TEMPLATE).over("step", (Experiment e, Integer v) -> e, List.of(1)))
        .hasMessageContaining("none of [cell, series, step, epoch, point, column, value], got 'step'");
    assertThatThrownBy(() -> Sweep.of(TEMPLATE).over("x", (Experiment e, Integer v) -> e, List.of()))
        .hasMessage("axis 'x' needs at least one value");
    assertThatThrownBy(() -> Sweep.of(TEMPLATE).over("x", (Experiment e, Integer v) -> e, List.of(1, 2)).cells())
        .hasMessageContaining("are the same experiment").hasMessageContaining("an axis changes nothing");
    assertThatThrownBy(() -> SweepRunner.local(0)).hasMessage("parallel must be in [1, 64], got 0");
  }
}
