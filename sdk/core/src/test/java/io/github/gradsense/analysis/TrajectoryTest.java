package io.github.gradsense.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class TrajectoryTest {

  @Test
  void crossing_times_interpolate_between_samples() {
    Trajectory u = Trajectory.of(new double[] {0, 1, 2, 3}, new double[] {0.1, 0.4, 0.8, 0.95});
    assertThat(u.halfTime()).isCloseTo(1.25, within(1e-15));
    assertThat(u.crossingTime(0.9)).isCloseTo(2 + 0.1 / 0.15, within(1e-12));
    assertThat(u.crossingTime(0.99)).isNaN();
    assertThat(u.at(2.5)).isCloseTo(0.875, within(1e-15));
  }

  @Test
  void a_logistic_has_the_theory_relative_width() {
    ModeDynamics m = new ModeDynamics(2, 1.0, 1.0, 0.0085);
    double[] t = new double[2001];
    for (int i = 0; i < t.length; i++) {
      t[i] = i * 0.01;
    }
    Trajectory u = Trajectory.of(t, m.at(t));
    assertThat(u.relativeWidth(0.1, 0.9)).isCloseTo(2 * Math.log(9) / Math.log(1 / 0.0085 - 1), within(1e-4));
  }

  @Test
  void times_must_increase() {
    assertThatThrownBy(() -> Trajectory.of(new double[] {0, 0}, new double[] {1, 2}))
        .hasMessage("times must be strictly increasing, but times[1] = 0.0");
  }
}
