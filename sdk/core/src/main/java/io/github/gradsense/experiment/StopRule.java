package io.github.gradsense.experiment;

import io.github.gradsense.train.StepEvent;
import java.util.function.Predicate;

/**
 * Ends a run after the first reading of probe {@code series} whose first point's row satisfies
 * {@code condition} (the training's step count stays the upper bound).
 *
 * @param series the probe's series name
 * @param condition the test on its row
 * @param recorder where the rows are
 */
record StopRule(String series, Predicate<double[]> condition, ProbeRecorder recorder) implements RunListener {
  @Override
  public void onStep(Run run, StepEvent e) {
    double[] row = recorder.rowAt(series, e.step());
    if (row != null && condition.test(row)) {
      run.stop();
    }
  }
}
