package io.github.gradsense.experiment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs a sweep's unfinished cells, each with {@link Sweep#runCell}; where they run is the runner's
 * business (this JVM, or a cluster's executors), what they compute is not.
 *
 * <pre>{@code
 * sweep.run(Path.of("out/sweep"), SweepRunner.local(2));   // two cells at a time in this JVM
 * }</pre>
 */
@FunctionalInterface
public interface SweepRunner {

  /** Runs {@code cells} into folders under {@code cellsFolder}; throws if any cell failed, after the others ran. */
  void run(List<Sweep.Cell> cells, Path cellsFolder);

  /**
   * In this JVM, {@code parallel} cells at a time (each with its own TensorFlow session and the
   * template's threads), in [1, 64]; progress on standard error.
   */
  static SweepRunner local(int parallel) {
    if (parallel < 1 || parallel > 64) {
      throw new IllegalArgumentException("parallel must be in [1, 64], got " + parallel);
    }
    return (cells, folder) -> {
      ExecutorService pool = Executors.newFixedThreadPool(parallel);
      try {
        List<Future<?>> running = new ArrayList<>();
        int[] done = {0};
        long t0 = System.nanoTime();
        for (Sweep.Cell c : cells) {
          running.add(pool.submit(() -> {
            Sweep.runCell(c, folder);
            synchronized (done) {
              done[0]++;
              System.err.printf(Locale.ROOT, "[sweep] cell %d/%d done %s (%.1f s)%n", done[0], cells.size(), c.settings(),
                  (System.nanoTime() - t0) / 1e9);
            }
          }));
        }
        RuntimeException first = null;
        for (Future<?> f : running) {
          try {
            f.get();
          } catch (ExecutionException e) {
            if (first == null) {
              first = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running the sweep", e);
          }
        }
        if (first != null) {
          throw first;
        }
      } finally {
        pool.shutdownNow();
      }
    };
  }
}
