package io.github.gradsense.data;

/**
 * One batch of a task: inputs (row-major, one sample after another, each in the task's input
 * shape), labels ({@code -1} marks an example whose label was dropped to the null class: it
 * contributes neither loss nor gradient) and, for regression tasks, targets (row-major, one row of
 * {@link TaskSpec#targetWidth()} values per sample). Reconstruction tasks have neither.
 *
 * <pre>{@code
 * Batch b = taskData.batch(seed, step, 128);
 * int n = b.size();
 * }</pre>
 *
 * @param inputs the samples, row-major
 * @param labels class labels (−1 for the null class), or an empty array
 * @param targets regression targets, row-major, or an empty array
 * @param size number of samples
 */
public record Batch(float[] inputs, int[] labels, float[] targets, int size) {

  /** A batch without regression targets. */
  public Batch(float[] inputs, int[] labels, int size) {
    this(inputs, labels, new float[0], size);
  }
}
