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
    Sweep twoThreads = Sweep.of(base.runtime(RuntimeConfig.defaults().withThreads(2))).overSeeds(s);
    Sweep oneThread = Sweep.of(base.runtime(RuntimeConfig.defaults().withThreads(1))).overSeeds(s);
    SparkSession spark = SparkSession.builder().master("local[2]").config("spark.ui.enabled", "false").getOrCreate();
    // warm-up: TensorFlow's first session, the JIT, Spark's first job
    time(oneThread, root.resolve("w1"), SweepRunner.local(2));
    time(twoThreads, root.resolve("w2"), SweepRunner.local(1));
    time(oneThread, root.resolve("w3"), SparkSweepRunner.of(spark));
    double[] one = new double[3];
    double[] two = new double[3];
    double[] sp = new double[3];
    for (int i = 0; i < 3; i++) {   // interleaved, the median of three
      one[i] = time(twoThreads, root.resolve("a" + i), SweepRunner.local(1));
      two[i] = time(oneThread, root.resolve("b" + i), SweepRunner.local(2));
      sp[i] = time(oneThread, root.resolve("c" + i), SparkSweepRunner.of(spark));
    }
    java.util.Arrays.sort(one);
    java.util.Arrays.sort(two);
    java.util.Arrays.sort(sp);
    System.out.printf(Locale.ROOT, "runs (s): 1x2 %s, 2x1 %s, spark %s%n", java.util.Arrays.toString(one),
        java.util.Arrays.toString(two), java.util.Arrays.toString(sp));
    double oneMedian = one[1];
    double twoMedian = two[1];
    double sparkTwo = sp[1];
    // Spark's overhead per task: an empty job of as many tasks
    long t0 = System.nanoTime();
    org.apache.spark.api.java.JavaSparkContext.fromSparkContext(spark.sparkContext())
        .parallelize(java.util.Collections.nCopies(seeds, 0), seeds).foreach(x -> { });
    double emptyJob = (System.nanoTime() - t0) / 1e9;
    spark.stop();
    System.out.printf(Locale.ROOT, "width %d, %d cells of depth 2 (1000 steps):%n", width, seeds);
    System.out.printf(Locale.ROOT, "  in-process, 1 cell  x 2 threads: %.2f s, %.1f cells/min%n", oneMedian, 60 * seeds / oneMedian);
    System.out.printf(Locale.ROOT, "  in-process, 2 cells x 1 thread : %.2f s, %.1f cells/min (%.2fx)%n", twoMedian,
        60 * seeds / twoMedian, oneMedian / twoMedian);
    System.out.printf(Locale.ROOT, "  Spark local[2], 1 thread each  : %.2f s, %.1f cells/min (%.2fx of 2 cells in-process)%n",
        sparkTwo, 60 * seeds / sparkTwo, twoMedian / sparkTwo);
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
