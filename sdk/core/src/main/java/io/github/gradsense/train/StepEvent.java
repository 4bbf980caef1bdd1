package io.github.gradsense.train;

/**
 * One update as seen by a {@link StepListener}.
 *
 * <pre>{@code
 * StepListener log = e -> System.out.println(e.step() + " " + e.loss());
 * }</pre>
 *
 * @param step number of updates done (1 after the first)
 * @param epoch epoch of that update (0-based; the step count in expected-gradient mode)
 * @param loss the loss of the batch the update was computed on (before the update)
 */
public record StepEvent(long step, long epoch, double loss) {}
