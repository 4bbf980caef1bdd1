package io.github.gradsense.assertj;

import io.github.gradsense.analysis.ModeDynamics;
import io.github.gradsense.analysis.Trajectory;
import java.util.Locale;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on a mode's learning trajectory {@code u(t)} (a mode strength or a pathway's
 * {@code K(α, α)} over steps).
 *
 * <pre>{@code
 * ModeDynamics saxe = ModeDynamics.regression(2, 0.002, Math.sqrt(15), 0.01);
 * assertThat(share.trajectory("m1-k1")).followsClosedForm(saxe, 0.03);
 * }</pre>
 */
public final class TrajectoryAssert extends AbstractAssert<TrajectoryAssert, Trajectory> {

  TrajectoryAssert(Trajectory actual) {
    super(actual, TrajectoryAssert.class);
  }

  /**
   * The trajectory crosses half its theory's target {@code s/2} at the theory's half-time
   * {@code ∫ du / (rate · u^(2−2/N) (s − u))} from {@code u₀} to {@code s/2}, within the relative
   * tolerance {@code relativeTolerance} (half-times, not pointwise values: discrete steps lag the
   * flow by a few steps, METHODS §G).
   */
  public TrajectoryAssert followsClosedForm(ModeDynamics theory, double relativeTolerance) {
    isNotNull();
    double expected = theory.halfTime();
    double measured = actual.crossingTime(theory.target() / 2);
    if (Double.isNaN(measured)) {
      failWithMessage("Expected the trajectory to reach s/2 = %s (half-time %s by du/dt = %s · u^(2−2/%d) (s − u), u₀ = %s), "
          + "but it never did; its last value is %s", fmt(theory.target() / 2), fmt(expected), fmt(theory.rate()),
          theory.depth(), fmt(theory.u0()), fmt(actual.last()));
    }
    double error = Math.abs(measured - expected) / expected;
    if (error > relativeTolerance) {
      failWithMessage("Expected the half-time %s (du/dt = %s · u^(2−2/%d) (s − u), s = %s, u₀ = %s) within %s %%, "
          + "but the trajectory crossed s/2 at %s: %s %% off", fmt(expected), fmt(theory.rate()), theory.depth(),
          fmt(theory.target()), fmt(theory.u0()), fmt(100 * relativeTolerance), fmt(measured), fmt(100 * error));
    }
    return this;
  }

  private static String fmt(double x) {
    return String.format(Locale.ROOT, "%.4g", x);
  }
}
