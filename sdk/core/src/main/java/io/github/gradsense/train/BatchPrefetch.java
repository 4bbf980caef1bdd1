package io.github.gradsense.train;

import io.github.gradsense.data.Batch;
import io.github.gradsense.data.TaskData;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Draws the batch of update {@code t + 1} on a background thread while TensorFlow runs update
 * {@code t}. A batch is a pure function of (seed, step, size) ({@link TaskData}), so the batch a
 * step receives is the same bits whether it was drawn ahead or on the spot; prefetching changes
 * when it is drawn, never what.
 *
 * <p>Drawing ahead only pays when drawing costs something: the first batch is drawn on the caller
 * and timed, and a task whose batches take under {@link #WORTH_NANOS} (a full-batch regression,
 * a few crops) keeps drawing on the caller, without a thread handoff per step.
 *
 * <pre>{@code
 * BatchPrefetch p = new BatchPrefetch(data, seed, batchSize, totalSteps);
 * Batch b = p.batch(step);          // then TensorFlow runs while batch step+1 is drawn
 * }</pre>
 */
final class BatchPrefetch {

  /** Draw times below this (0.5 ms) are not worth a thread handoff per step. */
  static final long WORTH_NANOS = 500_000;

  private static final ExecutorService DRAWERS = Executors.newCachedThreadPool(new ThreadFactory() {
    private final AtomicInteger n = new AtomicInteger();

    @Override
    public Thread newThread(Runnable r) {
      Thread t = new Thread(r, "gradsense-batch-prefetch-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    }
  });

  private final TaskData data;
  private final long seed;
  private final int size;
  private final long totalSteps;
  private @Nullable Boolean ahead;
  private long pendingStep = -1;
  private @Nullable CompletableFuture<Batch> pending;

  BatchPrefetch(TaskData data, long seed, int size, long totalSteps) {
    this.data = data;
    this.seed = seed;
    this.size = size;
    this.totalSteps = totalSteps;
  }

  /** Forces drawing ahead on or off (tests); by default it is decided by the first draw's time. */
  BatchPrefetch ahead(boolean on) {
    this.ahead = on;
    return this;
  }

  /**
   * The batch of update {@code step}: the one drawn ahead when it was for this step, otherwise
   * drawn now; then starts drawing {@code step + 1} when drawing ahead pays and steps remain.
   */
  Batch batch(long step) {
    Batch b;
    if (pending != null && pendingStep == step) {
      b = join(pending);
    } else {
      if (pending != null) {
        pending.cancel(false);     // a resumed or rewound run: that batch is not needed
      }
      long t0 = System.nanoTime();
      b = data.batch(seed, step, size);
      if (ahead == null) {
        ahead = System.nanoTime() - t0 >= WORTH_NANOS;
      }
    }
    pending = null;
    long next = step + 1;
    if (Boolean.TRUE.equals(ahead) && next < totalSteps) {
      pendingStep = next;
      pending = CompletableFuture.supplyAsync(() -> data.batch(seed, next, size), DRAWERS);
    }
    return b;
  }

  /** Whether batches are drawn ahead (decided at the first batch unless forced). */
  boolean drawsAhead() {
    return Boolean.TRUE.equals(ahead);
  }

  private static Batch join(CompletableFuture<Batch> f) {
    try {
      return f.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw e;
    }
  }
}
