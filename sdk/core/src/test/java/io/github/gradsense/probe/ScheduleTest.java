package io.github.gradsense.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ScheduleTest {

  @Test
  void every_n_steps_includes_zero_and_the_last() {
    assertThat(Schedule.every(4).steps(10)).containsExactly(0, 4, 8, 10);
  }

  @Test
  void log_spacing_is_dense_early_and_sparse_late() {
    long[] s = Schedule.logSpaced(5).steps(10_000);
    assertThat(s).containsExactly(0, 1, 10, 100, 1000, 10_000);
  }

  @Test
  void linear_and_explicit_schedules() {
    assertThat(Schedule.linear(4).steps(8)).containsExactly(0, 2, 4, 6, 8);
    assertThat(Schedule.at(3, 50, 7).steps(20)).containsExactly(3, 7, 20);
  }

  @Test
  void a_zero_interval_is_rejected() {
    assertThatThrownBy(() -> Schedule.every(0)).hasMessage("every must be in [1, 1000000000], got 0");
  }
}
