package io.github.gradsense.assertj;

import static io.github.gradsense.assertj.GradsenseAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HasCardinalBiasTest {

  @Test
  void a_curve_peaking_at_the_cardinals_has_a_bias_above_one_and_one_peaking_at_the_obliques_below() {
    // GIVEN √D = 1 + 0.2 cos 4θ (CBI ≈ 1.2/0.8 = 1.5) and its mirror image (CBI ≈ 0.67)
    // WHEN the index is compared with 1.2 and 0.8 THEN both pass
    assertThat(Curves.orientation(0.2)).hasCardinalBiasAbove(1.2);
    assertThat(Curves.orientation(-0.2)).hasCardinalBiasBelow(0.8);
  }

  @Test
  void a_flat_curve_fails_with_the_formula_and_both_window_means() {
    // GIVEN a flat curve WHEN a bias above 1.2 is required THEN it fails with CBI = 1 and its formula
    assertThatThrownBy(() -> assertThat(Curves.orientation(0)).hasCardinalBiasAbove(1.2))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expected a cardinal-bias index above 1.200")
        .hasMessageContaining("mean √D within ±5.000° of 0°/90°/180° ÷ mean √D within ±5.000° of 45°/135° = 1.000 / 1.000 = 1.000");
    assertThatThrownBy(() -> assertThat(Curves.orientation(0.2)).hasCardinalBiasBelow(1.0))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expected a cardinal-bias index below 1.000");
  }

  @Test
  void a_hue_curve_has_no_cardinal_bias() {
    assertThatThrownBy(() -> assertThat(Curves.hue(0)).hasCardinalBiasAbove(1))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expected an orientation curve for the cardinal-bias index, but this one is over hue")
        .hasMessageNotContaining("Exception");
  }
}
