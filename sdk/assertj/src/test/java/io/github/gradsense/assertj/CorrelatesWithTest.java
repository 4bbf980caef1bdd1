package io.github.gradsense.assertj;

import static io.github.gradsense.assertj.GradsenseAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CorrelatesWithTest {
  // GIVEN a 10°-bin hue histogram h = 2 + cos(h − 30°)
  private static final double[] CENTRES = new double[36];
  private static final double[] HISTOGRAM = new double[36];

  static {
    for (int i = 0; i < 36; i++) {
      CENTRES[i] = 5 + 10 * i;
      HISTOGRAM[i] = 2 + Math.cos(Math.toRadians(CENTRES[i] - 30));
    }
  }

  @Test
  void a_curve_of_the_histograms_shape_correlates_with_it() {
    // WHEN the sensitivity peaks where the histogram does THEN r ≈ 1 passes a 0.9 bar
    assertThat(Curves.hue(30)).correlatesWith(CENTRES, HISTOGRAM, 0.9);
  }

  @Test
  void a_curve_peaking_opposite_fails_with_r() {
    // WHEN it peaks 180° away THEN r ≈ −1 fails the bar, and the message gives r and its formula
    assertThatThrownBy(() -> assertThat(Curves.hue(210)).correlatesWith(CENTRES, HISTOGRAM, 0.9))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expected √D(hue) to track the histogram with Pearson r >= 0.9000, but r = -1.000")
        .hasMessageContaining("over 360 grid points");
  }
}
