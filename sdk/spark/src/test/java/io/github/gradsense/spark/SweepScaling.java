package io.github.gradsense.spark;

import io.github.gradsense.claims.PathwaySpecialisation;
import io.github.gradsense.experiment.Experiment;
import io.github.gradsense.experiment.Sweep;
import io.github.gradsense.experiment.SweepRunner;
import io.github.gradsense.runtime.RuntimeConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;

/**
 * Cells per minute of a C6-style sweep (two pathways, depth 2, width {@code W}, 1000 steps, {@code n}
 * seeds): one cell at a time with 2 intra-op threads, two cells at a time with 1 thread each, and
 * Spark {@code local[2]} with 1 thread each. A measurement program, not a test: run it on a quiet
 * machine and report the ratios.
 */
public final class SweepScaling {
  private SweepScaling() {}

  public static void main(String[] args) throws Exception {
    int width = args.length > 0 ? Integer.parseInt(args[0]) : 250;
    int seeds = args.length > 1 ? Integer.parseInt(args[1]) : 8;
    long[] s = java.util.stream.LongStream.rangeClosed(1, seeds).toArray();
    Experiment base = PathwaySpecialisation.experiment(2, width, false);
    Path root = Files.createTempDirectory("sweep-scaling");
    double one = time(Sweep.of(base.runtime(RuntimeConfig.defaults().withThreads(2))).overSeeds(s), root.resolve("a"),
        SweepRunner.local(1));
    double two = time(Sweep.of(base.runtime(RuntimeConfig.defaults().withThreads(1))).overSeeds(s), root.resolve("b"),
        SweepRunner.local(2));
    SparkSession spark = SparkSession.builder().master("local[2]").config("spark.ui.enabled", "false").getOrCreate();
    double sparkTwo = time(Sweep.of(base.runtime(RuntimeConfig.defaults().withThreads(1))).overSeeds(s), root.resolve("c"),
        SparkSweepRunner.of(spark));
    // Spark's overhead per task: an empty job of as many tasks
    long t0 = System.nanoTime();
    org.apache.spark.api.java.JavaSparkContext.fromSparkContext(spark.sparkContext())
        .parallelize(java.util.Collections.nCopies(seeds, 0), seeds).foreach(x -> { });
    double emptyJob = (System.nanoTime() - t0) / 1e9;
    spark.stop();
    System.out.printf(Locale.ROOT, "width %d, %d cells of depth 2 (1000 steps):%n", width, seeds);
    System.out.printf(Locale.ROOT, "  in-process, 1 cell  x 2 threads: %.1f s, %.1f cells/min%n", one, 60 * seeds / one);
    System.out.printf(Locale.ROOT, "  in-process, 2 cells x 1 thread : %.1f s, %.1f cells/min (%.2fx)%n", two, 60 * seeds / two, one / two);
    System.out.printf(Locale.ROOT, "  Spark local[2], 1 thread each  : %.1f s, %.1f cells/min (%.2fx of 2 cells in-process)%n",
        sparkTwo, 60 * seeds / sparkTwo, two / sparkTwo);
    System.out.printf(Locale.ROOT, "  Spark, an empty job of %d tasks: %.3f s (%.1f ms per task)%n", seeds, emptyJob, 1000 * emptyJob / seeds);
  }

  private static double time(Sweep sweep, Path out, SweepRunner runner) {
    long t0 = System.nanoTime();
    Sweep.SweepResult r = sweep.run(out, runner);
    if (r.ran() != r.cells().size()) {
      throw new IllegalStateException("ran " + r.ran() + " of " + r.cells().size());
    }
    return (System.nanoTime() - t0) / 1e9;
  }
}
