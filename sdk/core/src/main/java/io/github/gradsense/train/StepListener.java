package io.github.gradsense.train;

/**
 * Called after every update.
 *
 * <pre>{@code
 * StepListener every1000 = e -> { if (e.step() % 1000 == 0) System.out.println(e); };
 * }</pre>
 */
@FunctionalInterface
public interface StepListener {

  /** After update {@code event.step()}. */
  void onStep(StepEvent event);
}
