package io.github.gradsense.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gradsense.data.Data;
import io.github.gradsense.data.Spectrum;
import io.github.gradsense.experiment.Experiment;
import io.github.gradsense.network.Networks;
import io.github.gradsense.probe.Probes;
import io.github.gradsense.report.Json;
import io.github.gradsense.report.Report;
import io.github.gradsense.runtime.RuntimeConfig;
import io.github.gradsense.train.Training;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gradsense sweep FILE.json}: any run's config as the template, axes over its settings; a rerun resumes. */
class SweepCommandTest {

  private static int run(StringWriter err, String... args) {
    return Gradsense.commandLine().setErr(new PrintWriter(err)).execute(args);
  }

  private static Path sweepFile(Path dir) throws Exception {
    Experiment template = Experiment.named("lr").data(Data.gaussian(Spectrum.powerLaw(6, 1.0, 1.0)))
        .network(Networks.linearAutoencoder().tied()).train(Training.expectedGradient(0.5).steps(30))
        .probe(Probes.modeStrength(2).every(10)).runtime(RuntimeConfig.defaults().withThreads(1)).progress(false);
    template.run(Report.to(dir.resolve("template")));
    var config = Json.mapper().readTree(dir.resolve("template").resolve("run.json").toFile()).get("config");
    Path file = dir.resolve("lr.json");
    Files.writeString(file, "{\"name\": \"lr\", \"template\": " + config + ", \"axes\": ["
        + "{\"name\": \"learningRate\", \"setting\": \"training.learningRate\", \"values\": [0.25, 0.5, 1.0]}]}");
    return file;
  }

  @Test
  void a_sweep_file_runs_its_cells_and_a_rerun_runs_none(@TempDir Path dir) throws Exception {
    Path file = sweepFile(dir);
    Path out = dir.resolve("out");

    assertThat(run(new StringWriter(), "sweep", file.toString(), "--out", out.toString(), "--parallel", "2")).isZero();

    List<String> table = Files.readAllLines(out.resolve("sweep.csv"));
    assertThat(table.get(0)).startsWith("learningRate,cell,series,");
    assertThat(table).hasSize(1 + 3 * 4 * 2);
    try (var cells = Files.list(out.resolve("cells"))) {
      assertThat(cells.filter(c -> Files.exists(c.resolve("cell.json"))).count()).isEqualTo(3);
    }
    long before = Files.getLastModifiedTime(out.resolve("cells")).toMillis();
    assertThat(run(new StringWriter(), "sweep", file.toString(), "--out", out.toString())).isZero();
    assertThat(Files.readAllLines(out.resolve("sweep.csv"))).isEqualTo(table);
    assertThat(Files.getLastModifiedTime(out.resolve("cells")).toMillis()).isEqualTo(before);
  }

  @Test
  void bad_input_is_exit_code_2_with_a_message(@TempDir Path dir) throws Exception {
    StringWriter err = new StringWriter();
    assertThat(run(err, "sweep", dir.resolve("missing.json").toString())).isEqualTo(2);
    assertThat(err.toString()).contains("is not a file");

    Path bad = dir.resolve("bad.json");
    Files.writeString(bad, "{\"name\": \"x\", \"axes\": []}");
    err = new StringWriter();
    assertThat(run(err, "sweep", bad.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("'template' (a spec, as run.json's config) is missing");

    err = new StringWriter();
    assertThat(run(err, "sweep", sweepFile(dir).toString(), "--runner", "spark", "--out", dir.resolve("o").toString()))
        .isEqualTo(2);
    assertThat(err.toString()).contains("--runner spark needs gradsense-spark and Apache Spark on the class path");

    err = new StringWriter();
    assertThat(run(err, "sweep", sweepFile(dir).toString(), "--parallel", "0")).isEqualTo(2);
    assertThat(err.toString()).contains("--parallel must be in [1, 64], got 0");
  }
}
