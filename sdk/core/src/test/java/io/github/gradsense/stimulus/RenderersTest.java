package io.github.gradsense.stimulus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.gradsense.runtime.RuntimeConfig;
import io.github.gradsense.runtime.TfSession;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat64;

/** Every graph renderer against its float64 Java reference; golden checksums; parameter checks. */
class RenderersTest {

  /** Largest |graph − reference| over every image of {@code thetas}. */
  static double maxGraphVsReference(StimulusFamily f, double[] thetas) {
    try (TfSession<TFloat64> s = TfSession.float64(RuntimeConfig.defaults().withThreads(2))) {
      double[] graph = s.fetch(f.render(s.tf(), s.vector(thetas)));
      int size = f.imageSize();
      assertThat(graph).hasSize(thetas.length * f.nuisanceCount() * size);
      double worst = 0;
      for (int i = 0; i < thetas.length; i++) {
        for (int j = 0; j < f.nuisanceCount(); j++) {
          double[] ref = f.reference(thetas[i], j);
          int base = (i * f.nuisanceCount() + j) * size;
          for (int p = 0; p < size; p++) {
            worst = Math.max(worst, Math.abs(graph[base + p] - ref[p]));
          }
        }
      }
      return worst;
    }
  }

  @Test
  void graph_renderers_match_their_java_references() {
    assertThat(maxGraphVsReference(Stimuli.gabor().size(32), new double[] {0, 0.3, 1.2, Math.PI})).isLessThan(1e-12);
    assertThat(maxGraphVsReference(Stimuli.gabor().size(20).channels(1).rescale(Gabor.Contrast.FIXED), new double[] {0.1, 2})).isLessThan(1e-12);
    assertThat(maxGraphVsReference(Stimuli.grating().size(16).phases(4), new double[] {1, 5.5, 10})).isLessThan(1e-12);
    assertThat(maxGraphVsReference(Stimuli.uniformHue().size(2), new double[] {0, 45, 200, 359.5})).isLessThan(1e-12);
    assertThat(maxGraphVsReference(Stimuli.uniformHue().size(3).single(1.0, 0.8), new double[] {10, 130, 250})).isLessThan(1e-12);
    assertThat(maxGraphVsReference(Stimuli.rotatedGrating().phases(3), new double[] {0, 0.7, 2.0, Math.PI / 2})).isLessThan(1e-12);
  }

  @Test
  void closed_form_tangents_equal_double_backward_through_the_renderer() {
    for (StimulusFamily f : new StimulusFamily[] {
        Stimuli.gabor().size(24).orientations(7).phases(3),
        Stimuli.gabor().size(16).channels(1).orientations(7).phases(2).rescale(Gabor.Contrast.FIXED),
        Stimuli.grating().size(16).frequencies(5).phases(3)}) {
      try (TfSession<TFloat64> s = TfSession.float64(RuntimeConfig.defaults().withThreads(2))) {
        Operand<TFloat64> theta = s.vector(f.values());
        Operand<TFloat64>[] closed = f.renderWithTangent(s.tf(), theta);
        double[] images = s.fetch(closed[0]);
        double[] tangent = s.fetch(closed[1]);
        Operand<TFloat64> generic = io.github.gradsense.runtime.Jvp.of(s.tf(), f.render(s.tf(), theta), theta, s.tf().onesLike(theta));
        assertThat(images).containsExactly(s.fetch(f.render(s.tf(), theta)), within(1e-15));
        assertThat(tangent).as(f.name()).containsExactly(s.fetch(generic), within(1e-12));
      }
    }
  }

  @Test
  void golden_checksums_catch_silent_changes() {
    // SHA-256 of every reference image rounded to 8 decimals (stimupy's practice); the renderers
    // use StrictMath, so these hold on every platform. A change here changes every curve.
    assertThat(Checksums.of(Stimuli.gabor().size(16).orientations(12).phases(3)))
        .isEqualTo("7be1f72c70e44ff13d4d5d91aad33e33c618b8dd2f5427333c18a9f6a6013224");
    assertThat(Checksums.of(Stimuli.gabor().size(16).orientations(12).phases(3).channels(1).rescale(Gabor.Contrast.FIXED)))
        .isEqualTo("225c616c56d957b319a58c5a45fcc8a30c3ca06c05d2dbc15666f1993ca38410");
    assertThat(Checksums.of(Stimuli.grating().size(16).frequencies(6).phases(4)))
        .isEqualTo("63424b1af56c67573417d70bdf5577243fd5b0aa62fdf6595e787697d0d7b295");
    assertThat(Checksums.of(Stimuli.uniformHue().size(2).hues(13).grid(2, 0.5, 0.9)))
        .isEqualTo("0763544b297fd56ecf007d2e371c3450f80f787c41c2669ac544fcb2510e692c");
  }

  @Test
  void the_gabor_follows_the_authors_conventions() {
    Gabor g = Stimuli.gabor();
    assertThat(g.size()).isEqualTo(224);
    assertThat(g.values()).hasSize(180).startsWith(0.0).endsWith(Math.PI);
    assertThat(g.nuisanceCount()).isEqualTo(10);
    assertThat(g.cyclesPerImage()).isCloseTo(4.48, within(1e-12));
    // θ = 0: horizontal stripes, constant along each row (at the envelope's centre row and column)
    double[] img = g.size(32).channels(1).rescale(Gabor.Contrast.FIXED).reference(0, 0);
    assertThat(img[16 * 32 + 10]).isCloseTo(img[16 * 32 + 22], within(1e-12));
    // min-max rescaled images span [−1, 1]
    double[] mm = g.size(32).reference(0.7, 3);
    assertThat(java.util.Arrays.stream(mm).min().orElseThrow()).isCloseTo(-1, within(1e-12));
    assertThat(java.util.Arrays.stream(mm).max().orElseThrow()).isCloseTo(1, within(1e-12));
    // size keeps the paper's geometry: 32 px at 100·32/224 px/deg
    assertThat(g.size(32).pixelsPerDegree()).isCloseTo(100.0 * 32 / 224, within(1e-12));
  }

  @Test
  void hue_images_are_colorsys_and_uniform() {
    double[] img = Stimuli.uniformHue().size(2).single(0.5, 0.8).reference(210, 0);
    assertThat(img).containsExactly(new double[] {0.4, 0.6, 0.8, 0.4, 0.6, 0.8, 0.4, 0.6, 0.8, 0.4, 0.6, 0.8}, within(1e-15));
    assertThat(Stimuli.uniformHue().nuisanceCount()).isEqualTo(64);
    assertThat(Stimuli.uniformHue().saturations()).startsWith(0.5).endsWith(0.9);
  }

  @Test
  void at_a_sector_break_the_hue_tangent_is_the_derivative_on_the_entering_side() {
    // GIVEN hues exactly on breaks of HSV→RGB (0°, 60°, 120°, 300°, 360°) and one inside a sector
    UniformHue hue = Stimuli.uniformHue().size(1).single(0.5, 0.8);
    double[] h = {0, 60, 120, 300, 360, 200};
    double step = 1e-6;
    try (TfSession<TFloat64> s = TfSession.float64(RuntimeConfig.defaults().withThreads(2))) {
      Operand<TFloat64> theta = s.vector(h);
      double[] tangent = s.fetch(io.github.gradsense.runtime.Jvp.of(s.tf(), hue.render(s.tf(), theta), theta, s.tf().onesLike(theta)));
      for (int i = 0; i < h.length; i++) {
        // WHEN compared with the one-sided difference into the sector the hue enters
        double[] here = hue.reference(h[i], 0);
        double[] right = hue.reference(h[i] + step, 0);
        int moving = 0;
        for (int c = 0; c < 3; c++) {
          assertThat(tangent[3 * i + c]).as("hue %.0f°, channel %d", h[i], c).isCloseTo((right[c] - here[c]) / step, within(1e-6));
          moving += Math.abs(tangent[3 * i + c]) > 0 ? 1 : 0;
        }
        // THEN exactly one channel moves, at S·V/60 per degree (no double count at a break)
        assertThat(moving).as("channels moving at %.0f°", h[i]).isEqualTo(1);
        assertThat(Math.abs(tangent[3 * i] + tangent[3 * i + 1] + tangent[3 * i + 2])).isCloseTo(0.5 * 0.8 / 60, within(1e-15));
      }
    }
  }

  @Test
  void a_custom_family_renders_through_its_lambda() {
    CustomFamily bar = Stimuli.custom("bar", "position", "px", Stimuli.values(4, 12, 5), 1, 4, 16, 1,
        (tf, theta) -> {
          Operand<TFloat64> col = tf.reshape(tf.range(tf.constant(0.0), tf.constant(16.0), tf.constant(1.0)),
              tf.constant(new long[] {1, 1, 16, 1}));
          Operand<TFloat64> d = tf.math.sub(col, tf.reshape(theta, tf.constant(new long[] {-1, 1, 1, 1})));
          return tf.math.mul(tf.math.exp(tf.math.mul(tf.math.square(d), tf.constant(-0.5))),
              tf.ones(tf.constant(new long[] {1, 4, 1, 1}), TFloat64.class));
        }).reference((theta, nu) -> {
          double[] out = new double[64];
          for (int r = 0; r < 4; r++) {
            for (int c = 0; c < 16; c++) {
              out[r * 16 + c] = Math.exp(-0.5 * (c - theta) * (c - theta));
            }
          }
          return out;
        });
    assertThat(maxGraphVsReference(bar, bar.values())).isLessThan(1e-12);
  }

  @Test
  void bad_parameters_name_the_field_and_range() {
    assertThatThrownBy(() -> Stimuli.gabor().frequency(-1)).hasMessage("frequency must be a finite number > 0, got -1.0");
    assertThatThrownBy(() -> Stimuli.gabor().frequency(60))
        .hasMessageStartingWith("frequency must be in (0, pixelsPerDegree/2 = 50.0) cycles/deg");
    assertThatThrownBy(() -> Stimuli.gabor().envelope(1.0))
        .hasMessageStartingWith("envelope must be in (0, size/4/pixelsPerDegree = 0.56] degrees");
    assertThatThrownBy(() -> Stimuli.gabor().phases(0)).hasMessage("phases must be in [1, 10000], got 0");
    assertThatThrownBy(() -> Stimuli.grating().frequencies(1)).hasMessage("frequencies must be in [2, 100000], got 1");
    assertThatThrownBy(() -> new UniformHue(8, 360, java.util.List.of(), java.util.List.of(0.5)))
        .hasMessage("the (saturation, value) grid must not be empty: got 0 saturations and 1 values");
    assertThatThrownBy(() -> Stimuli.uniformHue().single(1.2, 0.5)).hasMessage("saturation must be in [0.0, 1.0], got 1.2");
  }
}
