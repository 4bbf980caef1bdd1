package io.github.gradsense.experiment;

/**
 * A running experiment as its {@link RunListener}s see it: what it is, how far it has come, and a
 * way to end it early.
 *
 * <pre>{@code
 * public void onStep(Run run, StepEvent e) { if (e.loss() < 1e-3) run.stop(); }
 * }</pre>
 */
public interface Run {

  /** The experiment being run. */
  ExperimentSpec spec();

  /** Updates done so far. */
  long stepsDone();

  /** Updates planned (an upper bound when a stop rule may end the run early). */
  long totalSteps();

  /** The epoch of the next update. */
  long epoch();

  /** The loss of the last update's batch (NaN before the first). */
  double lastLoss();

  /** Ends the run after the current update's listeners have run; every probe is then read once more. */
  void stop();

  /** Whether {@link #stop()} was called. */
  boolean stopping();
}
