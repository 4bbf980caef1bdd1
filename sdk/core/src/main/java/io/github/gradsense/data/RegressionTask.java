package io.github.gradsense.data;

import io.github.gradsense.runtime.Matrix;
import io.github.gradsense.runtime.RuntimeConfig;
import java.util.List;

/**
 * A regression task on a finite set of items: every input (a row of {@link #inputs()}) has a target
 * (the same row of {@link #targets()}). Its input–output correlation
 * {@code Σ_yx = Yᵀ X = U S Vᵀ} defines the modes that {@code Probes.pathwayShare()} reads.
 * Trained with {@code Objective.summedSquaredError()} by default; a batch as large as the item set
 * is the full batch, in item order.
 *
 * <pre>{@code
 * RegressionTask tree = Tasks.hierarchy();             // 8 one-hot items → 15 tree features
 * Matrix sigma = tree.targets().transpose().times(tree.inputs());
 * }</pre>
 */
public interface RegressionTask extends TaskSpec {

  /** The inputs, one item per row. */
  Matrix inputs();

  /** The targets, one item per row. */
  Matrix targets();

  /** Number of items. */
  default int items() {
    return inputs().rows();
  }

  @Override
  default List<Integer> inputShape() {
    return List.of(inputs().cols());
  }

  @Override
  default int classes() {
    return 0;
  }

  @Override
  default int targetWidth() {
    return targets().cols();
  }

  /** The input–output correlation {@code Σ_yx = Yᵀ X} (unnormalised: a sum over items). */
  default Matrix correlation() {
    return targets().transpose().times(inputs());
  }

  @Override
  default TaskData open(RuntimeConfig config) {
    return new RegressionData(this);
  }
}
