package io.github.gradsense.experiment;

import io.github.gradsense.probe.Schedule;
import io.github.gradsense.train.StepEvent;
import io.github.gradsense.train.StepListener;
import java.util.Arrays;
import java.util.Objects;

/**
 * One concern of a run, told when it starts, after every update, and when it ends (DJL's
 * {@code TrainingListener}). The run loop itself only steps the trainer; recording the probes,
 * writing their CSV and {@code .npy} files, checkpoints, progress and the stop rule are listeners,
 * called in the order they were added, the experiment's own after the user's.
 *
 * <pre>{@code
 * RunListener log = new RunListener() {
 *   public void onStep(Run run, StepEvent e) { if (e.step() % 1000 == 0) System.out.println(e.loss()); }
 * };
 * Results r = experiment.listener(log).run();
 * }</pre>
 */
public interface RunListener {

  /** Before the first update (after a resumed run's checkpoint is restored). */
  default void onStart(Run run) {}

  /** After update {@code event.step()}. */
  default void onStep(Run run, StepEvent event) {}

  /** After the last update, before the results are gathered. */
  default void onEnd(Run run) {}

  /** A listener calling {@code callback} after every update. */
  static RunListener onStep(StepListener callback) {
    Objects.requireNonNull(callback, "callback");
    return new RunListener() {
      @Override
      public void onStep(Run run, StepEvent e) {
        callback.onStep(e);
      }
    };
  }

  /** A listener calling {@code callback} after the updates of {@code schedule} (step 0 is never an update). */
  static RunListener onStep(Schedule schedule, StepListener callback) {
    Objects.requireNonNull(schedule, "schedule");
    Objects.requireNonNull(callback, "callback");
    return new RunListener() {
      private long[] at = new long[0];

      @Override
      public void onStart(Run run) {
        at = schedule.steps(run.totalSteps());
      }

      @Override
      public void onStep(Run run, StepEvent e) {
        if (Arrays.binarySearch(at, e.step()) >= 0) {
          callback.onStep(e);
        }
      }
    };
  }
}
