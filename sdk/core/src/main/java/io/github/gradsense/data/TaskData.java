package io.github.gradsense.data;

import java.util.List;

/**
 * The opened data of a {@link TaskSpec}: batches as a pure function of (seed, step), so that a run
 * is reproducible and a resumed run draws exactly the batches it would have drawn.
 *
 * <pre>{@code
 * TaskData d = spec.open(RuntimeConfig.defaults());
 * Batch first = d.batch(7, 0, 128);
 * Batch eval = d.evaluation(3, 500, 1);        // 500 examples of class 3, labels clean
 * }</pre>
 */
public interface TaskData {

  /** The training batch of update {@code step} (0-based). */
  Batch batch(long seed, long step, int size);

  /** {@code count} examples of class {@code label} with clean labels, for accuracy probes. */
  Batch evaluation(int label, int count, long seed);

  /** Provenance of the data (images and their SHA-256, or generator parameters). */
  List<Dataset.Source> sources();
}
