package io.github.gradsense.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gradsense.data.Data;
import io.github.gradsense.data.Spectrum;
import io.github.gradsense.experiment.Experiment;
import io.github.gradsense.experiment.Sweep;
import io.github.gradsense.experiment.SweepRunner;
import io.github.gradsense.network.Networks;
import io.github.gradsense.probe.Probes;
import io.github.gradsense.runtime.RuntimeConfig;
import io.github.gradsense.train.Training;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sweep on Spark is the same sweep: the same cells, the same numbers, retried tasks and reruns losing nothing. */
class SparkSweepRunnerTest {
  private static SparkSession spark;

  static Sweep sweep() {
    Experiment template = Experiment.named("spark")
        .data(Data.gaussian(Spectrum.powerLaw(6, 1.0, 1.0)))
        .network(Networks.linearAutoencoder().tied())
        .train(Training.expectedGradient(0.5).steps(40))
        .probe(Probes.modeStrength(3).every(10))
        .runtime(RuntimeConfig.defaults().withThreads(1));
    return Sweep.of(template).overSeeds(1, 2)
        .over("learningRate", (Experiment e, Double lr) -> e.training(t -> t.learningRate(lr)), List.of(0.25, 0.5));
  }

  @BeforeAll
  static void start() {
    // local[2, 2]: two executor threads, a failed task tried twice
    spark = SparkSession.builder().master("local[2,2]").appName("gradsense-sweep-test")
        .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2").getOrCreate();
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @Test
  void a_sweep_on_spark_gives_the_in_process_numbers_bit_for_bit(@TempDir Path onSpark, @TempDir Path inProcess)
      throws IOException {
    Sweep.SweepResult s = sweep().run(onSpark, SparkSweepRunner.of(spark));
    Sweep.SweepResult l = sweep().run(inProcess, SweepRunner.local(1));

    assertThat(s.ran()).isEqualTo(4);
    assertThat(Files.readAllLines(s.table())).isEqualTo(Files.readAllLines(l.table())).hasSize(1 + 4 * 5 * 3);
    Path parquet = SparkSweeps.toParquet(spark, s);
    assertThat(parquet.resolve("seed=1")).isDirectory();
    assertThat(spark.read().parquet(parquet.toString()).count()).isEqualTo(4 * 5 * 3);
  }

  @Test
  void a_cell_task_that_fails_once_is_retried_and_the_table_is_the_undisturbed_one(@TempDir Path out,
      @TempDir Path undisturbed, @TempDir Path marks) throws IOException {
    String markFolder = marks.toString();
    SparkSweepRunner faulty = SparkSweepRunner.of(spark).beforeEachCell((settings, id) -> {
      if (settings.get("seed").equals("2") && settings.get("learningRate").equals("0.25")) {
        try {
          Path mark = Path.of(markFolder, id);
          if (!Files.exists(mark)) {
            Files.createFile(mark);
            throw new IllegalStateException("injected fault in cell " + settings);
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    });

    Sweep.SweepResult r = sweep().run(out, faulty);

    try (var tried = Files.list(marks)) {
      assertThat(tried.count()).as("the fault fired once").isEqualTo(1);
    }
    assertThat(Files.readAllLines(r.table())).isEqualTo(Files.readAllLines(sweep().run(undisturbed).table()));
    // and run again, nothing runs twice
    assertThat(sweep().run(out, SparkSweepRunner.of(spark)).ran()).isZero();
  }
}
