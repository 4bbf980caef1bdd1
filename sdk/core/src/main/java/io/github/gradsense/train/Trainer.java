package io.github.gradsense.train;

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
