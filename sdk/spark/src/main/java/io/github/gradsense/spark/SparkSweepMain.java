package io.github.gradsense.spark;

import io.github.gradsense.experiment.Sweep;
import io.github.gradsense.report.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.jspecify.annotations.Nullable;

/**
 * A sweep file on Spark, for {@code spark-submit}: {@code FILE.json [--out DIR]}; the master is
 * spark-submit's. Writes the cells, {@code sweep.csv} and {@code sweep.parquet} under the folder,
 * which every executor must see.
 *
 * <pre>
 * spark-submit --master spark://host:7077 --class io.github.gradsense.spark.SparkSweepMain \
 *     gradsense-spark-0.1.0-all.jar lr.json --out /shared/out/lr
 * </pre>
 */
public final class SparkSweepMain {
  private SparkSweepMain() {}

  /** {@code FILE.json [--out DIR]}. */
  public static void main(String[] args) {
    if (args.length != 1 && !(args.length == 3 && args[1].equals("--out"))) {
      System.err.println("usage: SparkSweepMain FILE.json [--out DIR]");
      System.exit(2);
    }
    Sweep sweep;
    try {
      sweep = Sweep.fromJson(Json.mapper().readTree(Path.of(args[0]).toFile()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + args[0] + ": " + e.getMessage(), e);
    }
    Sweep.SweepResult r = run(sweep, Path.of(args.length == 3 ? args[2] : "out/sweep"), null);
    System.out.printf("%d cells (%d run now); table: %s%n", r.cells().size(), r.ran(), r.table());
  }

  /** Runs {@code sweep} into {@code out} on the session of {@code master} (null: spark-submit's, else local[*]). */
  public static Sweep.SweepResult run(Sweep sweep, Path out, @Nullable String master) {
    SparkSession.Builder b = SparkSession.builder().appName("gradsense sweep");
    if (master != null) {
      b = b.master(master);
    } else if (!new org.apache.spark.SparkConf().contains("spark.master")) {
      b = b.master("local[*]");
    }
    SparkSession spark = b.getOrCreate();
    Sweep.SweepResult r = sweep.run(out, SparkSweepRunner.of(spark));
    SparkSweeps.toParquet(spark, r);
    return r;
  }
}
