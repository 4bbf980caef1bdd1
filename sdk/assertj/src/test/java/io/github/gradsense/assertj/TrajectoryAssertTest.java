package io.github.gradsense.assertj;

import static io.github.gradsense.assertj.GradsenseAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.data.Percentage.withPercentage;

import io.github.gradsense.analysis.ModeDynamics;
import io.github.gradsense.analysis.Trajectory;
import org.junit.jupiter.api.Test;

class TrajectoryAssertTest {
  // GIVEN a mode learned by a two-matrix chain: du/dt = 2·2·0.002 u (3 − u), u₀ = 0.01
  private static final ModeDynamics SAXE = ModeDynamics.regression(2, 0.002, 3.0, 0.01);

  private static Trajectory sampled(double timeScale) {
    long[] steps = new long[2001];
    double[] u = new double[steps.length];
    for (int i = 0; i < steps.length; i++) {
      steps[i] = i;
      u[i] = SAXE.at(i / timeScale);
    }
    return Trajectory.of(steps, u);
  }

  @Test
  void a_trajectory_on_the_closed_form_passes() {
    // WHEN the trajectory is the closed form itself THEN its half-time matches within 0.5 %
    assertThat(sampled(1.0)).followsClosedForm(SAXE, 0.005);
  }

  @Test
  void a_trajectory_ten_percent_slow_fails_with_both_half_times_and_the_formula() {
    // WHEN the same curve runs 10 % slower THEN a 3 % tolerance fails, naming the numbers
    assertThatThrownBy(() -> assertThat(sampled(1.1)).followsClosedForm(SAXE, 0.03))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expected the half-time " + String.format(java.util.Locale.ROOT, "%.4g", SAXE.halfTime()))
        .hasMessageContaining("u^(2−2/2) (s − u)")
        .hasMessageContaining("10.00 % off");
  }

  @Test
  void a_trajectory_that_never_gets_half_way_fails_with_its_last_value() {
    Trajectory flat = Trajectory.of(new long[] {0, 1, 2}, new double[] {0.01, 0.01, 0.01});
    assertThatThrownBy(() -> assertThat(flat).followsClosedForm(SAXE, 0.03))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("but it never did; its last value is 0.01000");
  }

  @Test
  void the_relative_tolerance_is_an_assertj_percentage() {
    // the half-time is a relative claim, so the tolerance is a Percentage, as in isCloseTo(x, withinPercentage(p))
    assertThat(sampled(1.0)).followsClosedForm(SAXE, withPercentage(0.5));
    assertThatThrownBy(() -> assertThat(sampled(1.1)).followsClosedForm(SAXE, withPercentage(3)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining(") within 3.000 %, but the trajectory crossed s/2 at ")
        .hasMessageContaining("10.00 % off");
  }

  @Test
  void a_negative_or_nan_percentage_is_refused() {
    assertThatIllegalArgumentException().isThrownBy(() -> assertThat(sampled(1.0)).followsClosedForm(SAXE, withPercentage(-1)));
    assertThatIllegalArgumentException().isThrownBy(() -> assertThat(sampled(1.0)).followsClosedForm(SAXE, withPercentage(Double.NaN)));
    assertThatIllegalArgumentException().isThrownBy(() -> assertThat(sampled(1.0)).followsClosedForm(SAXE, Double.NaN));
  }
}
