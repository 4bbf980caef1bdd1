package io.github.gradsense.spark;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.gradsense.experiment.Experiment;
import io.github.gradsense.experiment.ExperimentSpec;
import io.github.gradsense.experiment.Sweep;
import io.github.gradsense.experiment.SweepRunner;
import io.github.gradsense.report.Json;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.jspecify.annotations.Nullable;

/**
 * Runs a sweep's cells as Apache Spark tasks, one task per cell: the driver ships each cell as its
 * spec's JSON ({@link ExperimentSpec#settings()}, closed type names) and its settings; an executor
 * rebuilds the experiment ({@link ExperimentSpec#fromSettings}), opens its own TensorFlow session and
 * runs the cell into the sweep's folder with {@link Sweep#runCell} (hidden until finished, then
 * moved into place), so a retried task starts that cell afresh and nothing is half-written. The
 * folder must be one every executor sees (a shared file system on a cluster). The numbers are the
 * in-process runner's, bit for bit, at the same runtime settings.
 *
 * <pre>{@code
 * SparkSession spark = SparkSession.builder().master("local[2]").getOrCreate();
 * Sweep.SweepResult r = sweep.run(Path.of("out/sweep"), SparkSweepRunner.of(spark));
 * SparkSweeps.toParquet(spark, r);   // out/sweep/sweep.parquet, partitioned by the first axis
 * }</pre>
 */
public final class SparkSweepRunner implements SweepRunner {
  private final SparkSession spark;
  private final @Nullable BeforeCell beforeCell;

  /** Called on the executor before a cell runs (fault injection in tests, logging); must be serialisable. */
  @FunctionalInterface
  public interface BeforeCell extends Serializable {
    /** Before the cell with these settings and folder name runs, on its executor. */
    void accept(Map<String, String> settings, String cellId);
  }

  private SparkSweepRunner(SparkSession spark, @Nullable BeforeCell beforeCell) {
    this.spark = spark;
    this.beforeCell = beforeCell;
  }

  /** Cells as tasks of {@code spark}'s context. */
  public static SparkSweepRunner of(SparkSession spark) {
    return new SparkSweepRunner(Objects.requireNonNull(spark, "spark"), null);
  }

  /** With {@code hook} called on the executor before each cell. */
  public SparkSweepRunner beforeEachCell(BeforeCell hook) {
    return new SparkSweepRunner(spark, Objects.requireNonNull(hook, "hook"));
  }

  @Override
  public void run(List<Sweep.Cell> cells, Path cellsFolder) {
    if (cells.isEmpty()) {
      return;
    }
    List<String> tasks = new ArrayList<>();
    for (Sweep.Cell c : cells) {
      Map<String, Object> task = new LinkedHashMap<>();
      task.put("name", c.experiment().name());
      task.put("settings", c.settings());
      task.put("id", c.id());
      task.put("spec", c.experiment().spec().settings());
      tasks.add(Json.write(task));
    }
    String folder = cellsFolder.toAbsolutePath().toString();
    BeforeCell hook = beforeCell;
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    jsc.setJobDescription("gradsense sweep: " + cells.size() + " cells into " + folder);
    jsc.parallelize(tasks, tasks.size()).foreach(json -> runTask(json, folder, hook));
  }

  /** On an executor: rebuilds the cell from its JSON and runs it. */
  static void runTask(String json, String folder, @Nullable BeforeCell hook) {
    JsonNode task;
    try {
      task = Json.mapper().readTree(json);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException("a sweep task that is not JSON: " + e.getOriginalMessage(), e);
    }
    Map<String, String> settings = new LinkedHashMap<>();
    task.get("settings").fields().forEachRemaining(e -> settings.put(e.getKey(), e.getValue().asText()));
    Map<String, JsonNode> spec = new LinkedHashMap<>();
    task.get("spec").fields().forEachRemaining(e -> spec.put(e.getKey(), e.getValue()));
    Experiment experiment = Experiment.of(ExperimentSpec.fromSettings(task.get("name").asText(), spec));
    Sweep.Cell cell;
    try {
      cell = new Sweep.Cell(settings, experiment, task.get("id").asText());
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("cell " + settings + " rebuilt on the executor is another experiment: its spec did "
          + "not survive JSON (" + e.getMessage() + ")", e);
    }
    if (hook != null) {
      hook.accept(settings, cell.id());
    }
    Sweep.runCell(cell, Path.of(folder));
  }
}
