package io.github.gradsense.train;

/**
 * Thrown when the loss becomes NaN or infinite. The message gives the step, the loss and the knob
 * to change.
 *
 * <pre>{@code
 * try { experiment.run(); } catch (TrainingDivergedException e) { System.err.println(e.getMessage()); }
 * }</pre>
 */
public final class TrainingDivergedException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final long step;
  private final double loss;

  /** A divergence at {@code step} with {@code loss} and {@code advice}. */
  public TrainingDivergedException(long step, double loss, String advice) {
    super("training diverged at step " + step + ": loss = " + loss + ". " + advice);
    this.step = step;
    this.loss = loss;
  }

  /** The update at which the loss stopped being finite. */
  public long step() {
    return step;
  }

  /** The non-finite loss. */
  public double loss() {
    return loss;
  }
}
