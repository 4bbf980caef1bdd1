package io.github.gradsense.assertj;

import static io.github.gradsense.assertj.GradsenseAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.byLessThan;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class IsAxiallyShiftedByTest {

  @Test
  void an_axis_moved_by_90_degrees_is_shifted_by_90_modulo_180() {
    // GIVEN axial curves (period 180°) with their axes at 20° and 110°, and a fixed 60° ripple
    // WHEN compared THEN the axis moved by 90° (the ripple, which does not move, has no second
    // harmonic and leaves the estimate alone)
    assertThat(Curves.axialHue(110)).isAxiallyShiftedBy(90, 2, Curves.axialHue(20));
    // and modulo 180°: 170° → 80° is a move by 90° (−90°) too
    assertThat(Curves.axialHue(80)).isAxiallyShiftedBy(90, 2, Curves.axialHue(170));
  }

  @Test
  void an_unmoved_axis_fails_with_both_axes_and_strengths() {
    // GIVEN an axis moved by 10° WHEN 90° ± 30° is required THEN it fails, naming both axes
    assertThatThrownBy(() -> assertThat(Curves.axialHue(30)).isAxiallyShiftedBy(90, 30, Curves.axialHue(20)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("moved by 90.00° ± 30.00° (mod 180.0°), but it moved by 10.0")
        .hasMessageContaining("axis = arg(Σ √D(θ) e^{2iθ}) / 2 is 30.0");
  }

  @Test
  void the_tolerance_is_an_assertj_offset() {
    assertThat(Curves.axialHue(110)).isAxiallyShiftedBy(90, within(2.0), Curves.axialHue(20));
    assertThat(Curves.axialHue(80)).isAxiallyShiftedBy(90, within(2.0), Curves.axialHue(170));
    assertThatThrownBy(() -> assertThat(Curves.axialHue(30)).isAxiallyShiftedBy(90, within(30.0), Curves.axialHue(20)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("moved by 90.00° ± 30.00° (mod 180.0°), but it moved by 10.0")
        .hasMessageNotContaining("strict");
    assertThatThrownBy(() -> assertThat(Curves.axialHue(30)).isAxiallyShiftedBy(90, byLessThan(30.0), Curves.axialHue(20)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("moved by 90.00° ± 30.00° (mod 180.0°)")
        .hasMessageContaining("(a strict offset: exactly 30.00° is too far)");
  }
}
