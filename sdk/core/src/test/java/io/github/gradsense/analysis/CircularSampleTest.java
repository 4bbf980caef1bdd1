package io.github.gradsense.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("CircularSample: mean direction and spread of angles")
class CircularSampleTest {

  @Test
  void agreeing_axes_have_their_mean_and_a_small_spread() {
    // GIVEN axial lags (period 180°) clustered near 100°, one of them across the wrap
    CircularSample s = CircularSample.of(180, 95, 105, 100, 100 + 180);
    assertThat(s.mean()).isCloseTo(100, within(1e-9));
    assertThat(s.meanOffsetFrom(90)).isCloseTo(10, within(1e-9));
    // R = (1 + 2 cos 10°... ) / 4 for doubled angles ±10° and 0°, 0°
    double r = (2 + 2 * Math.cos(Math.toRadians(10))) / 4;
    assertThat(s.resultantLength()).isCloseTo(r, within(1e-12));
    assertThat(s.standardDeviation()).isCloseTo(Math.sqrt(-2 * Math.log(r)) * 90 / Math.PI, within(1e-9)).isLessThan(5);
  }

  @Test
  void cancelling_angles_have_no_mean_and_an_infinite_spread() {
    // GIVEN lags of 45° and 135° modulo 180°, whose arithmetic mean is exactly 90°
    CircularSample s = CircularSample.of(180, 45, 135);
    // THEN their mean vector vanishes: no mean, infinite spread
    assertThat(s.resultantLength()).isCloseTo(0, within(1e-12));
    assertThat(s.mean()).isNaN();
    assertThat(s.standardDeviation()).isInfinite();
  }

  @Test
  void bad_samples_name_what_is_wrong() {
    assertThatThrownBy(() -> CircularSample.of(180)).hasMessage("a circular sample needs at least one angle");
    assertThatThrownBy(() -> CircularSample.of(0, 1)).hasMessage("period must be a finite number > 0, got 0.0");
    assertThatThrownBy(() -> CircularSample.of(360, Double.NaN)).hasMessageContaining("angles must be finite");
  }
}
