package io.github.gradsense.assertj;

import static io.github.gradsense.assertj.GradsenseAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.byLessThan;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class IsShiftedByTest {

  @Test
  void a_curve_moved_by_90_degrees_is_shifted_by_90() {
    // GIVEN a curve peaking at 30° and the same moved to 120° WHEN compared THEN the lag is 90° (within 1°)
    assertThat(Curves.hue(120)).isShiftedBy(90, 1, Curves.hue(30));
    // and the comparison is circular: 350° → 80° is a shift of 90° too
    assertThat(Curves.hue(80)).isShiftedBy(90, 1, Curves.hue(350));
  }

  @Test
  void a_curve_moved_by_60_degrees_fails_with_the_lag_and_both_peaks() {
    // GIVEN a move of 60° WHEN 90° ± 15° is required THEN it fails, giving τ = 60° and 30° off
    assertThatThrownBy(() -> assertThat(Curves.hue(90)).isShiftedBy(90, 15, Curves.hue(30)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("shifted by 90.00° ± 15.00°")
        .hasMessageContaining("is at τ = 60.17° (29.83° off; reference peaks at 30.08°, this curve at 90.25°)");   // on the 360-point grid over [0°, 360°]
  }

  @Test
  void the_tolerance_is_an_assertj_offset() {
    assertThat(Curves.hue(120)).isShiftedBy(90, within(1.0), Curves.hue(30));
    assertThat(Curves.hue(80)).isShiftedBy(90, within(1.0), Curves.hue(350));
    assertThatThrownBy(() -> assertThat(Curves.hue(90)).isShiftedBy(90, within(15.0), Curves.hue(30)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("shifted by 90.00° ± 15.00°")
        .hasMessageContaining("is at τ = 60.17° (29.83° off; reference peaks at 30.08°, this curve at 90.25°)")
        .hasMessageNotContaining("strict");
    assertThatThrownBy(() -> assertThat(Curves.hue(90)).isShiftedBy(90, byLessThan(15.0), Curves.hue(30)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("shifted by 90.00° ± 15.00°")
        .hasMessageContaining("(a strict offset: exactly 15.00° is too far)");
  }
}
