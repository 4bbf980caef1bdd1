package io.github.gradsense.train;

import java.util.List;
import org.tensorflow.op.core.Variable;

/**
 * Performs updates one at a time. Built by an experiment for its network, data and
 * {@link Training}; a step fails with {@link TrainingDivergedException} if the loss is not finite.
 *
 * <pre>{@code
 * while (trainer.stepsDone() < trainer.totalSteps()) {
 *   StepEvent e = trainer.step();
 * }
 * }</pre>
 */
public interface Trainer {

  /** One update; returns its event (the loss of the batch it was computed on). */
  StepEvent step();

  /** Updates done so far. */
  long stepsDone();

  /** Updates planned in total. */
  long totalSteps();

  /** The epoch the next update belongs to. */
  long epoch();

  /** Variables the trainer keeps besides the network's (momentum velocities), for checkpoints. */
  default List<? extends Variable<?>> state() {
    return List.of();
  }

  /** Continues as if {@code steps} updates had been done (after restoring a checkpoint). */
  default void resumeAt(long steps) {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot resume");
  }

  /** A trainer with nothing to do: the network stays as initialised. */
  static Trainer none() {
    return new Trainer() {
      @Override
      public StepEvent step() {
        throw new IllegalStateException("this trainer has no steps");
      }

      @Override
      public long stepsDone() {
        return 0;
      }

      @Override
      public long totalSteps() {
        return 0;
      }

      @Override
      public long epoch() {
        return 0;
      }
    };
  }
}
