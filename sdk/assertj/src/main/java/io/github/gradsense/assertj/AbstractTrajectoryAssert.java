package io.github.gradsense.assertj;

import io.github.gradsense.analysis.ModeDynamics;
import io.github.gradsense.analysis.Trajectory;
import java.util.Locale;
import java.util.Objects;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.data.Percentage;

/**
 * The checks on a mode's learning trajectory {@code u(t)} (a mode strength or a pathway's
 * {@code K(α, α)} over steps), for {@link TrajectoryAssert} and for a lab's own assert that adds
 * checks of its own. Every check returns {@code SELF}, so the kit's checks and a subclass's chain
 * in any order.
 *
 * <pre>{@code
 * class MyTrajectoryAssert extends AbstractTrajectoryAssert<MyTrajectoryAssert> {
 *   MyTrajectoryAssert(Trajectory actual) {
 *     super(actual, MyTrajectoryAssert.class);
 *   }
 *
 *   MyTrajectoryAssert endsAbove(double u) {
 *     isNotNull();
 *     if (!(actual.last() > u)) {
 *       failWithMessage("Expected the trajectory to end above %s, but it ends at %s", u, actual.last());
 *     }
 *     return myself;
 *   }
 * }
 *
 * new MyTrajectoryAssert(u).followsClosedForm(saxe, withPercentage(3)).endsAbove(2.9);
 * }</pre>
 *
 * @param <SELF> the assert's own type, which every check returns
 */
public abstract class AbstractTrajectoryAssert<SELF extends AbstractTrajectoryAssert<SELF>>
    extends AbstractAssert<SELF, Trajectory> {

  /**
   * @param actual the trajectory under test
   * @param selfType the concrete assert's class, {@code SELF}
   */
  protected AbstractTrajectoryAssert(Trajectory actual, Class<?> selfType) {
    super(actual, selfType);
  }

  /**
   * The trajectory crosses half its theory's target {@code s/2} at the theory's half-time
   * {@code ∫ du / (rate · u^(2−2/N) (s − u))} from {@code u₀} to {@code s/2}, within the relative
   * tolerance {@code tolerance} of it (half-times, not pointwise values: discrete steps lag the
   * flow by a few steps, METHODS §G). A relative tolerance, so AssertJ's {@link Percentage}, as in
   * {@code isCloseTo(expected, withinPercentage(3))}; a half-time exactly that far off passes.
   *
   * <pre>{@code
   * assertThat(u).followsClosedForm(saxe, withPercentage(3));
   * }</pre>
   */
  public SELF followsClosedForm(ModeDynamics theory, Percentage tolerance) {
    isNotNull();
    Objects.requireNonNull(tolerance, "The given percentage should not be null");
    double expected = theory.halfTime();
    double measured = actual.crossingTime(theory.target() / 2);
    if (Double.isNaN(measured)) {
      failWithMessage("Expected the trajectory to reach s/2 = %s (half-time %s by du/dt = %s · u^(2−2/%d) (s − u), u₀ = %s), "
          + "but it never did; its last value is %s", fmt(theory.target() / 2), fmt(expected), fmt(theory.rate()),
          theory.depth(), fmt(theory.u0()), fmt(actual.last()));
    }
    double error = Math.abs(measured - expected) / expected;
    if (100 * error > tolerance.value) {
      failWithMessage("Expected the half-time %s (du/dt = %s · u^(2−2/%d) (s − u), s = %s, u₀ = %s) within %s %%, "
          + "but the trajectory crossed s/2 at %s: %s %% off", fmt(expected), fmt(theory.rate()), theory.depth(),
          fmt(theory.target()), fmt(theory.u0()), fmt(tolerance.value), fmt(measured), fmt(100 * error));
    }
    return myself;
  }

  /**
   * The trajectory crosses {@code s/2} at its theory's half-time within the fraction
   * {@code relativeTolerance} of it; the same as
   * {@link #followsClosedForm(ModeDynamics, Percentage) followsClosedForm(theory,
   * withPercentage(100 * relativeTolerance))}, which new code should call.
   */
  public SELF followsClosedForm(ModeDynamics theory, double relativeTolerance) {
    return followsClosedForm(theory, Percentage.withPercentage(100 * relativeTolerance));
  }

  private static String fmt(double x) {
    return String.format(Locale.ROOT, "%.4g", x);
  }
}
