package io.github.gradsense.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.gradsense.stimulus.Stimuli;
import io.github.gradsense.stimulus.UniformHue;
import org.junit.jupiter.api.Test;

class SensitivityCurveTest {

  /** D(h) = (2 + cos(h − peak))², so √D peaks at {@code peak}. */
  private static double[] bump(double[] hueDeg, double peak) {
    double[] d = new double[hueDeg.length];
    for (int i = 0; i < d.length; i++) {
      double r = 2 + Math.cos(Math.toRadians(hueDeg[i] - peak));
      d[i] = r * r;
    }
    return d;
  }

  @Test
  void reads_a_hue_family_in_degrees_and_finds_the_peak_and_the_shift() {
    UniformHue hue = Stimuli.uniformHue().hues(360).single(0.7, 0.7);
    SensitivityCurve before = SensitivityCurve.of(hue, bump(hue.values(), 30));
    SensitivityCurve after = SensitivityCurve.of(hue, bump(hue.values(), 120));
    assertThat(before.period()).isEqualTo(360);
    // the grid has 360 hues over [0°, 360°] (spacing 1.003°), so peaks and lags are exact to within 1°
    assertThat(before.peak()).isCloseTo(30, within(1.0));
    assertThat(after.shiftFrom(before)).isCloseTo(90, within(1.0));
    assertThat(before.shiftFrom(after)).isCloseTo(270, within(1.0));
    assertThat(after.peakDistance(100)).isCloseTo(20, within(1.0));
  }

  @Test
  void reads_a_gabor_family_in_radians_and_gives_the_same_index_as_cardinal_bias() {
    var gabor = Stimuli.gabor().orientations(180).phases(2);
    double[] theta = gabor.values();
    double[] d = new double[theta.length];
    for (int i = 0; i < d.length; i++) {
      d[i] = 1 + 0.5 * Math.cos(4 * theta[i]);   // peaks at 0°, 90°, 180°
    }
    SensitivityCurve c = SensitivityCurve.of(gabor, d);
    assertThat(c.period()).isEqualTo(180);
    assertThat(c.cardinalBias().index()).isEqualTo(CardinalBias.of(theta, d).index());
    // √D ∝ √(1 + 0.5 cos 4θ): √1.5 / √0.5 = 1.73 at the window centres, a little less over ±5°
    assertThat(c.cardinalBias().index()).isGreaterThan(1.5);
  }

  @Test
  void correlates_with_a_histogram_of_the_same_shape() {
    UniformHue hue = Stimuli.uniformHue().hues(360).single(0.7, 0.7);
    double[] centres = new double[36];
    double[] histogram = new double[36];
    for (int i = 0; i < 36; i++) {
      centres[i] = 5 + 10 * i;
      histogram[i] = 2 + Math.cos(Math.toRadians(centres[i] - 30));
    }
    // the same cosine, up to the 10° bins' linear resampling: r = ±1 to within 1 %
    assertThat(SensitivityCurve.of(hue, bump(hue.values(), 30)).correlation(centres, histogram)).isGreaterThan(0.99);
    assertThat(SensitivityCurve.of(hue, bump(hue.values(), 210)).correlation(centres, histogram)).isLessThan(-0.99);
  }

  @Test
  void rejects_what_is_not_a_curve_naming_the_field() {
    UniformHue hue = Stimuli.uniformHue().hues(360).single(0.7, 0.7);
    assertThatThrownBy(() -> SensitivityCurve.of(hue, new double[3])).hasMessageContaining("degrees and sensitivity differ");
    assertThatThrownBy(() -> SensitivityCurve.of(Stimuli.grating(), new double[64])).hasMessageContaining("not circular");
    double[] bad = bump(hue.values(), 0);
    bad[3] = Double.NaN;
    assertThatThrownBy(() -> SensitivityCurve.of(hue, bad)).hasMessageContaining("sensitivity must be finite and >= 0");
    assertThatThrownBy(() -> SensitivityCurve.of(hue, bump(hue.values(), 0)).cardinalBias())
        .hasMessageContaining("needs an orientation curve");
    assertThatThrownBy(() -> new SensitivityCurve("hue", 400, new double[4], new double[4]))
        .hasMessage("period must be in (0, 360] degrees, got 400.0");
    assertThatThrownBy(() -> new SensitivityCurve("hue", 360, new double[3], new double[3]))
        .hasMessage("a curve needs at least 4 samples, got 3");
    SensitivityCurve h = SensitivityCurve.of(hue, bump(hue.values(), 0));
    SensitivityCurve g = SensitivityCurve.of(Stimuli.gabor().orientations(180).phases(2), new double[180]);
    assertThatThrownBy(() -> h.shiftFrom(g)).hasMessageContaining("curves differ in variable or grid: hue (360 samples)");
    assertThatThrownBy(() -> h.correlation(new double[3], new double[4]))
        .hasMessage("centres and histogram differ in length: 3 and 4");
  }
}
