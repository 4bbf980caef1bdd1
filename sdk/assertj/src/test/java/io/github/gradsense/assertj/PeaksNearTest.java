package io.github.gradsense.assertj;

import static io.github.gradsense.assertj.GradsenseAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.byLessThan;
import static org.assertj.core.api.Assertions.within;

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

  @Test
  void the_tolerance_is_an_assertj_offset() {
    // GIVEN the same curves WHEN the tolerance is AssertJ's within(...) THEN the checks read as above
    assertThat(Curves.hue(30)).peaksNear(30, within(2.0));
    assertThat(Curves.hue(355)).peaksNear(0, within(6.0));
    assertThatThrownBy(() -> assertThat(Curves.hue(120)).peaksNear(30, within(10.0)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expected the hue curve to peak within 10.00° of 30.00°, but √D peaks at 120.")
        .hasMessageContaining("90.33° away")
        .hasMessageNotContaining("strict");
  }

  @Test
  void within_admits_a_peak_exactly_that_far_and_by_less_than_does_not() {
    // GIVEN a peak d = 90.33° from 30° WHEN the offset is exactly d THEN within passes and the
    // strict byLessThan fails, saying the offset is strict
    double d = Curves.hue(120).peakDistance(30);
    assertThat(Curves.hue(120)).peaksNear(30, within(d));
    assertThatThrownBy(() -> assertThat(Curves.hue(120)).peaksNear(30, byLessThan(d)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("to peak within 90.33° of 30.00°")
        .hasMessageContaining("(a strict offset: exactly 90.33° is too far)");
  }

  @Test
  void a_negative_or_nan_tolerance_is_refused() {
    // AssertJ refuses the offset as it is made; the double form, which makes one, refuses it too
    assertThatIllegalArgumentException().isThrownBy(() -> assertThat(Curves.hue(30)).peaksNear(30, within(-1.0)))
        .withMessage("An offset value should be greater than or equal to zero");
    assertThatIllegalArgumentException().isThrownBy(() -> assertThat(Curves.hue(30)).peaksNear(30, within(Double.NaN)))
        .withMessage("An offset value should be greater than or equal to zero");
    assertThatIllegalArgumentException().isThrownBy(() -> assertThat(Curves.hue(30)).peaksNear(30, byLessThan(Double.NaN)));
    assertThatIllegalArgumentException().isThrownBy(() -> assertThat(Curves.hue(30)).peaksNear(30, Double.NaN));
    assertThatIllegalArgumentException().isThrownBy(() -> assertThat(Curves.hue(30)).peaksNear(30, -1));
  }
}
