package io.github.gradsense.assertj;

import static io.github.gradsense.assertj.GradsenseAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PeaksNearTest {

  @Test
  void a_curve_peaking_at_30_degrees_peaks_near_30() {
    // GIVEN a hue curve √D = 2 + cos(h − 30°) WHEN asked for a peak within 2° of 30° THEN it passes
    assertThat(Curves.hue(30)).peaksNear(30, 2);
    // and the distance is circular: 355° is 5° from 0°
    assertThat(Curves.hue(355)).peaksNear(0, 6);
  }

  @Test
  void a_curve_peaking_at_120_degrees_fails_with_where_it_peaks() {
    // GIVEN the same curve moved to 120° WHEN asked for a peak near 30° THEN it fails, naming 120° and the distance
    assertThatThrownBy(() -> assertThat(Curves.hue(120)).peaksNear(30, 10))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expected the hue curve to peak within 10.00° of 30.00°")
        .hasMessageContaining("√D peaks at 120.")   // the authors' grid: 360 hues over [0°, 360°]
        .hasMessageContaining("90.33° away");
  }
}
