package io.github.gradsense.assertj;

import io.github.gradsense.analysis.Trajectory;

/**
 * Assertions on a mode's learning trajectory {@code u(t)}, from
 * {@link GradsenseAssertions#assertThat(Trajectory)}; the checks are those of
 * {@link AbstractTrajectoryAssert}, which a lab extends to add its own.
 *
 * <pre>{@code
 * ModeDynamics saxe = ModeDynamics.regression(2, 0.002, Math.sqrt(15), 0.01);
 * assertThat(share.trajectory("m1-k1")).followsClosedForm(saxe, withPercentage(3));
 * }</pre>
 */
public final class TrajectoryAssert extends AbstractTrajectoryAssert<TrajectoryAssert> {

  TrajectoryAssert(Trajectory actual) {
    super(actual, TrajectoryAssert.class);
  }
}
