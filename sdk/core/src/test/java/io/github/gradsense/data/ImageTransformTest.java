package io.github.gradsense.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.gradsense.stimulus.Colour;
import org.junit.jupiter.api.Test;

class ImageTransformTest {

  @Test
  void the_valid_region_of_a_rotated_rectangle_is_its_largest_inscribed_rectangle() {
    double[] square45 = Transforms.inscribed(100, 100, Math.toRadians(45));
    assertThat(square45[0]).isCloseTo(100 / Math.sqrt(2), within(1e-9));
    double[] none = Transforms.inscribed(768, 512, 0);
    assertThat(none).containsExactly(768, 512);
    double[] kodak = Transforms.inscribed(768, 512, Math.toRadians(45));
    assertThat(kodak[0]).isCloseTo(256 * Math.sqrt(2), within(1e-9));
  }

  @Test
  void rotating_vertical_stripes_by_90_degrees_gives_horizontal_ones_without_border() {
    int n = 40;
    float[] rgb = new float[n * n * 3];
    for (int y = 0; y < n; y++) {
      for (int x = 0; x < n; x++) {
        float v = (x / 4) % 2 == 0 ? 0.9f : 0.1f;
        for (int c = 0; c < 3; c++) {
          rgb[(y * n + x) * 3 + c] = v;
        }
      }
    }
    RgbImage stripes = RgbImage.of("stripes", n, n, rgb);
    RgbImage turned = new ImageTransform.Rotate(90).apply(stripes);
    // constant along rows, varying down columns
    for (int y = 0; y < turned.height(); y++) {
      assertThat(turned.grey(0, y)).isCloseTo(turned.grey(turned.width() - 1, y), within(1e-5f));
    }
    RgbImage r45 = new ImageTransform.Rotate(45).apply(stripes);
    assertThat(r45.width()).isLessThanOrEqualTo((int) (n / Math.sqrt(2)));
  }

  @Test
  void a_hue_shift_keeps_saturation_and_value() {
    RgbImage red = RgbImage.of("red", 1, 1, new float[] {0.8f, 0.2f, 0.2f});
    RgbImage shifted = new ImageTransform.HueShift(120).apply(red);
    double[] before = Colour.rgbToHsv(0.8, 0.2, 0.2);
    double[] after = Colour.rgbToHsv(shifted.get(0, 0, 0), shifted.get(0, 0, 1), shifted.get(0, 0, 2));
    assertThat(after[0]).isCloseTo(before[0] + 1.0 / 3, within(1e-6));
    assertThat(after[1]).isCloseTo(before[1], within(1e-6));
    assertThat(after[2]).isCloseTo(before[2], within(1e-6));
    assertThat(shifted.get(0, 0, 1)).isCloseTo(0.8f, within(1e-6f));   // red became green
  }

  @Test
  void colour_conversions_round_trip() {
    for (double h = 0; h < 1; h += 0.07) {
      double[] rgb = Colour.hsvToRgb(h, 0.6, 0.7);
      double[] hsv = Colour.rgbToHsv(rgb[0], rgb[1], rgb[2]);
      assertThat(hsv).containsExactly(new double[] {h, 0.6, 0.7}, within(1e-12));
    }
  }
}
