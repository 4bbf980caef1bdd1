package io.github.gradsense.data;

import io.github.gradsense.runtime.Matrix;
import io.github.gradsense.internal.Seeds;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The opened data of a {@link RegressionTask}: a batch of the item count is the whole set in item
 * order (full-batch gradient descent); a smaller batch is a random subset without replacement, a
 * pure function of (seed, step).
 *
 * <pre>{@code
 * RegressionData d = (RegressionData) Tasks.hierarchy().open(RuntimeConfig.defaults());
 * Batch all = d.batch(0, 0, d.items());
 * }</pre>
 */
public final class RegressionData implements TaskData {
  private final RegressionTask task;
  private final Matrix inputs;
  private final Matrix targets;

  RegressionData(RegressionTask task) {
    this.task = task;
    this.inputs = task.inputs();
    this.targets = task.targets();
  }

  /** The task these data come from. */
  public RegressionTask task() {
    return task;
  }

  /** The inputs, one item per row. */
  public Matrix inputs() {
    return inputs;
  }

  /** The targets, one item per row. */
  public Matrix targets() {
    return targets;
  }

  /** Number of items. */
  public int items() {
    return inputs.rows();
  }

  @Override
  public Batch batch(long seed, long step, int size) {
    int n = items();
    if (size < 1 || size > n) {
      throw new IllegalArgumentException("batch must be in [1, " + n + "] (the task's items), got " + size);
    }
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    if (size < n) {
      SplittableRandom r = Seeds.random(seed, "regression-batch-" + step);
      for (int i = 0; i < size; i++) {                     // partial Fisher–Yates
        int j = i + r.nextInt(n - i);
        int t = order[i];
        order[i] = order[j];
        order[j] = t;
      }
    }
    return rows(order, size);
  }

  @Override
  public Batch evaluation(int label, int count, long seed) {
    throw new UnsupportedOperationException("a regression task has no classes; use batch(seed, 0, items())");
  }

  @Override
  public List<Dataset.Source> sources() {
    return List.of(new Dataset.Source(task.name(), "", "generated in Java: " + task));
  }

  private Batch rows(int[] order, int size) {
    int din = inputs.cols();
    int dout = targets.cols();
    float[] x = new float[size * din];
    float[] y = new float[size * dout];
    for (int b = 0; b < size; b++) {
      double[] xi = inputs.row(order[b]);
      double[] yi = targets.row(order[b]);
      for (int j = 0; j < din; j++) {
        x[b * din + j] = (float) xi[j];
      }
      for (int j = 0; j < dout; j++) {
        y[b * dout + j] = (float) yi[j];
      }
    }
    return new Batch(x, new int[0], y, size);
  }
}
