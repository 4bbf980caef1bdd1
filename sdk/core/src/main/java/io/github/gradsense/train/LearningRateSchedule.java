package io.github.gradsense.train;

import static io.github.gradsense.internal.Checks.checkPositive;
import static io.github.gradsense.internal.Checks.checkRange;

/**
 * A step-wise learning-rate schedule: the base rate multiplied by {@code factor} every
 * {@code every} updates (the authors' ImageNet recipe: ÷10 every 30 epochs). {@link #constant()}
 * keeps the base rate.
 *
 * <pre>{@code
 * LearningRateSchedule s = LearningRateSchedule.stepwise(1000, 0.1);   // ×0.1 after 1000, 2000, … updates
 * double lr = s.rate(0.05, 2500);                                      // 0.0005
 * }</pre>
 *
 * @param every updates between drops, 0 for a constant rate, in [0, 10^9]
 * @param factor multiplier at each drop, in (0, 1]
 */
public record LearningRateSchedule(long every, double factor) {

  /** Validates the fields. */
  public LearningRateSchedule {
    checkRange("every", every, 0, 1_000_000_000L);
    checkPositive("factor", factor);
    if (factor > 1) {
      throw new IllegalArgumentException("factor must be in (0, 1], got " + factor);
    }
  }

  /** The base rate throughout. */
  public static LearningRateSchedule constant() {
    return new LearningRateSchedule(0, 1);
  }

  /** The base rate times {@code factor} after every {@code every} updates. */
  public static LearningRateSchedule stepwise(long every, double factor) {
    checkRange("every", every, 1, 1_000_000_000L);
    return new LearningRateSchedule(every, factor);
  }

  /** The rate of update {@code step} (0-based). */
  public double rate(double base, long step) {
    return every == 0 ? base : base * Math.pow(factor, step / every);
  }
}
