package io.github.gradsense.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.gradsense.stimulus.Gabor;
import io.github.gradsense.stimulus.Stimuli;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrientationHistogramTest {

  /** A Gabor rendered by its Java reference, as a grey RGB image. */
  private static RgbImage gabor(double thetaDegrees) {
    Gabor g = Stimuli.gabor().size(64).channels(1).frequency(2.0).rescale(Gabor.Contrast.FIXED);
    double[] grey = g.reference(Math.toRadians(thetaDegrees), 0);
    float[] rgb = new float[grey.length * 3];
    for (int i = 0; i < grey.length; i++) {
      rgb[3 * i] = rgb[3 * i + 1] = rgb[3 * i + 2] = (float) (0.5 + 0.5 * grey[i]);   // [−1, 1] to [0, 1]
    }
    return RgbImage.of("gabor-" + thetaDegrees, 64, 64, rgb);
  }

  private static double peak(OrientationHistogram h) {
    double[] e = h.energy();
    int best = 0;
    for (int i = 1; i < e.length; i++) {
      if (e[i] > e[best]) {
        best = i;
      }
    }
    return best + 0.5;
  }

  @Test
  void a_gabor_of_orientation_theta_puts_its_energy_at_theta_in_the_gabors_own_convention() {
    for (double theta : new double[] {0, 30, 90, 120, 150}) {
      OrientationHistogram h = OrientationHistogram.of(List.of(gabor(theta)));
      double d = Math.abs(peak(h) - theta);
      // 1° bins, and a 14-pixel period on a square grid biases the gradient angle by up to ~1°
      assertThat(Math.min(d, 180 - d)).as("θ = %s°", theta).isLessThanOrEqualTo(2.5);
    }
  }

  @Test
  void cardinal_stripes_have_more_cardinal_energy_and_the_density_sums_to_one() {
    OrientationHistogram cardinal = OrientationHistogram.of(List.of(gabor(0), gabor(90)));
    OrientationHistogram oblique = OrientationHistogram.of(List.of(gabor(45), gabor(135)));
    // a Gabor's energy sits within a few degrees of its orientation (its bandwidth at 2 cycles/deg is
    // narrow), so the other class's windows get a small fraction: a factor of 10 either way is loose
    assertThat(cardinal.cardinalOverOblique(10)).isGreaterThan(10);
    assertThat(oblique.cardinalOverOblique(10)).isLessThan(0.1);
    assertThat(java.util.Arrays.stream(cardinal.density()).sum()).isCloseTo(1.0, within(1e-12));
    assertThatThrownBy(() -> cardinal.cardinalOverOblique(30)).hasMessageContaining("halfWidth must be in (0, 22.5]");
    assertThatThrownBy(() -> new OrientationHistogram(new double[90])).hasMessage("energy must have 180 bins of 1°, got 90");
  }
}
