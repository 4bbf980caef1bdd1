package io.github.gradsense.data;

import static io.github.gradsense.internal.Checks.checkRange;

import io.github.gradsense.runtime.Matrix;

/**
 * Shi et al.'s hierarchical task (METHODS §F2): {@code 2^(levels−1)} one-hot items, each with
 * {@code 2^levels − 1} binary features from a binary tree — one feature shared by all items, two by
 * the halves, four by the quarters, …, one per item. With the default 4 levels: 8 items, 15
 * features, and {@code Σ_yx = Yᵀ X} has singular values 3.87, 2.65, 1.73 (×2), 1.00 (×4): only
 * the first two modes are non-degenerate.
 *
 * <pre>{@code
 * HierarchyTask tree = Tasks.hierarchy();          // 8 → 15
 * HierarchyTask deeper = tree.levels(5);           // 16 → 31
 * }</pre>
 *
 * @param levels levels of the feature tree, in [1, 12]
 */
public record HierarchyTask(int levels) implements RegressionTask {

  /** Validates the levels. */
  public HierarchyTask {
    checkRange("levels", levels, 1, 12);
  }

  /** Another number of levels. */
  public HierarchyTask levels(int count) {
    return new HierarchyTask(count);
  }

  @Override
  public String name() {
    return "hierarchy-" + levels;
  }

  @Override
  public Matrix inputs() {
    return Matrix.identity(1 << (levels - 1));
  }

  @Override
  public Matrix targets() {
    int items = 1 << (levels - 1);
    int features = (1 << levels) - 1;
    double[] y = new double[items * features];
    int f = 0;
    for (int level = 0; level < levels; level++) {
      int groups = 1 << level;
      int perGroup = items / groups;
      for (int g = 0; g < groups; g++, f++) {
        for (int i = g * perGroup; i < (g + 1) * perGroup; i++) {
          y[i * features + f] = 1;
        }
      }
    }
    return Matrix.of(items, features, y);
  }
}
