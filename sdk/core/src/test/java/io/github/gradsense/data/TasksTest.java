package io.github.gradsense.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.gradsense.runtime.RuntimeConfig;
import io.github.gradsense.stimulus.Stimuli;
import org.junit.jupiter.api.Test;

/** The training tasks: batches as pure functions of (seed, step), priors, label noise, crops. */
class TasksTest {
  private static final RuntimeConfig CONFIG = RuntimeConfig.defaults();
  private static final OrientationTask SMALL = Tasks.orientationBins().grating(Stimuli.rotatedGrating().size(8));

  @Test
  void the_balanced_calibration_reproduces_the_authors_numbers() {
    LabelNoise q = LabelNoise.balanced(60, OrientationPrior.COMMON_VERTICAL, 1.3, 0.15);
    // METHODS §E2: H from 0.075 at 0° to 0.891 at 90°, q from ≈0.99 at 0° to ≈0.69 at 90°
    assertThat(LabelNoise.binaryEntropy(q.keep(0))).isCloseTo(1.3 * (1 - 0.15 / OrientationPrior.COMMON_VERTICAL.density(Math.PI / 120)), within(1e-12));
    assertThat(q.keep(0)).isCloseTo(0.99, within(0.005));
    assertThat(q.keep(30)).isCloseTo(0.69, within(0.01));
    // every bin: H(q_k) = b(1 − a/p(θ_k)) on the branch q ∈ [0.5, 1). (p(1 − H) = p(1 − b) + ab is
    // constant only for b = 1; with b = 1.3 the common bins end up with less information per example.)
    for (int k = 0; k < 60; k++) {
      double p = OrientationPrior.COMMON_VERTICAL.density((k + 0.5) * Math.PI / 60);
      assertThat(LabelNoise.binaryEntropy(q.keep(k))).isCloseTo(1.3 * (1 - 0.15 / p), within(1e-12));
      assertThat(q.keep(k)).isBetween(0.5, 1.0);
    }
    assertThatThrownBy(() -> LabelNoise.balanced(60, OrientationPrior.COMMON_VERTICAL, 1.3, 0.5))
        .hasMessageContaining("outside (0, 1)");
  }

  @Test
  void orientations_follow_the_prior_and_labels_the_noise() {
    TaskData data = SMALL.prior(OrientationPrior.COMMON_VERTICAL)
        .noise(LabelNoise.balanced(60, OrientationPrior.COMMON_VERTICAL, 1.3, 0.15)).open(CONFIG);
    int[] drawn = new int[60];
    int[] kept = new int[60];
    int n = 0;
    for (long step = 0; step < 40; step++) {
      Batch b = data.batch(1, step, 1000);
      for (int label : b.labels()) {
        n++;
        if (label >= 0) {
          kept[label]++;
        }
      }
    }
    // kept-label counts ∝ p(θ) q(θ): near 90° (bins 25-34) against near 0° (bins 0-4, 55-59)
    double common = 0;
    double rare = 0;
    for (int k = 25; k < 35; k++) {
      common += kept[k];
    }
    for (int k : new int[] {0, 1, 2, 3, 4, 55, 56, 57, 58, 59}) {
      rare += kept[k];
    }
    LabelNoise q = LabelNoise.balanced(60, OrientationPrior.COMMON_VERTICAL, 1.3, 0.15);
    double expected = 0;
    double expectedRare = 0;
    for (int k = 25; k < 35; k++) {
      expected += OrientationPrior.COMMON_VERTICAL.density((k + 0.5) * Math.PI / 60) * q.keep(k);
    }
    for (int k : new int[] {0, 1, 2, 3, 4, 55, 56, 57, 58, 59}) {
      expectedRare += OrientationPrior.COMMON_VERTICAL.density((k + 0.5) * Math.PI / 60) * q.keep(k);
    }
    // 40 000 draws: about 5 000 and 2 500 per group, so the ratio is within ±6 % at 3σ
    assertThat(common / rare).isCloseTo(expected / expectedRare, within(0.06 * expected / expectedRare));
    assertThat(n).isEqualTo(40_000);
  }

  @Test
  void batches_are_pure_functions_of_seed_and_step() {
    TaskData data = SMALL.open(CONFIG);
    assertThat(data.batch(3, 7, 16).inputs()).containsExactly(data.batch(3, 7, 16).inputs());
    assertThat(data.batch(3, 7, 16).labels()).containsExactly(data.batch(3, 7, 16).labels());
    assertThat(data.batch(3, 8, 16).inputs()).isNotEqualTo(data.batch(3, 7, 16).inputs());
    assertThat(data.batch(4, 7, 16).inputs()).isNotEqualTo(data.batch(3, 7, 16).inputs());
    Batch eval = data.evaluation(20, 50, 1);
    assertThat(eval.labels()).containsOnly(20);
    assertThat(SMALL.bin(Math.PI / 2)).isEqualTo(30);
    assertThat(SMALL.bin(Math.PI - 1e-12)).isEqualTo(59);
  }

  @Test
  void crops_come_from_their_image_and_region() {
    SyntheticScenes scenes = ImageSource.synthetic().withCount(3).withSize(64);
    WhichImageTask task = Tasks.whichImage(scenes).crop(8).regions(2).flips(false);
    assertThat(task.classes()).isEqualTo(12);
    assertThat(task.inputShape()).containsExactly(8, 8, 3);
    TaskData data = task.open(CONFIG);
    Batch b = data.batch(5, 0, 40);
    var images = scenes.load();
    for (int n = 0; n < 40; n++) {
      int label = b.labels()[n];
      RgbImage im = images.get(label / 4);
      int region = label % 4;
      // find the crop inside its region: some offset must reproduce every pixel
      boolean found = false;
      for (int y0 = (region / 2) * 32; y0 <= (region / 2) * 32 + 24 && !found; y0++) {
        for (int x0 = (region % 2) * 32; x0 <= (region % 2) * 32 + 24 && !found; x0++) {
          found = matches(b.inputs(), n * 192, im, x0, y0);
        }
      }
      assertThat(found).as("crop %d (label %d) lies in its region", n, label).isTrue();
    }
    assertThat(task.reconstruction().classes()).isZero();
    assertThatThrownBy(() -> Tasks.whichImage(scenes).crop(40).regions(2).open(CONFIG))
        .hasMessageContaining("too small for 2x2 regions of 40-px crops");
  }

  private static boolean matches(float[] batch, int offset, RgbImage im, int x0, int y0) {
    for (int y = 0; y < 8; y++) {
      for (int x = 0; x < 8; x++) {
        for (int c = 0; c < 3; c++) {
          if (batch[offset + (y * 8 + x) * 3 + c] != im.get(x0 + x, y0 + y, c)) {
            return false;
          }
        }
      }
    }
    return true;
  }

  @Test
  void hue_histograms_count_one_degree_bins_under_the_mask() {
    float[] rgb = new float[4 * 3];
    double[] orange = io.github.gradsense.stimulus.Colour.hsvToRgb(40.3 / 360, 0.8, 0.9);
    double[] dark = io.github.gradsense.stimulus.Colour.hsvToRgb(200.0 / 360, 0.8, 0.3);
    double[] grey = io.github.gradsense.stimulus.Colour.hsvToRgb(100.0 / 360, 0.05, 0.9);
    double[][] px = {orange, orange, dark, grey};
    for (int p = 0; p < 4; p++) {
      for (int c = 0; c < 3; c++) {
        rgb[3 * p + c] = (float) px[p][c];
      }
    }
    RgbImage img = RgbImage.of("t", 2, 2, rgb);
    HueHistogram h = HueHistogram.of(java.util.List.of(img), 0.1, 0.5);
    assertThat(h.pixels()).isEqualTo(4);
    assertThat(h.kept()).isEqualTo(2);
    assertThat(h.counts()[40]).isEqualTo(2);
    assertThat(h.density()[40]).isEqualTo(1.0);
    assertThat(h.axial()[220]).isEqualTo(1.0);
    assertThat(HueHistogram.of(java.util.List.of(img), 0.0, 0.0).kept()).isEqualTo(4);
    assertThatThrownBy(() -> HueHistogram.of(ImageSource.synthetic(), 1.5, 0.5))
        .hasMessage("minSaturation must be in [0.0, 1.0], got 1.5");
  }

  @Test
  void a_hue_shift_moves_the_histogram_by_exactly_its_angle() {
    SyntheticScenes scenes = ImageSource.synthetic().withCount(2).withSize(64);
    double[] normal = HueHistogram.of(scenes).smoothed(3);
    double[] shifted = HueHistogram.of(scenes.transformed(new ImageTransform.HueShift(90))).smoothed(3);
    double lag = io.github.gradsense.analysis.CircularCurves.peakShift(HueHistogram.centres(), normal, shifted, 360);
    assertThat(lag).isEqualTo(90.0);
  }

  @Test
  void a_peaked_hue_prior_puts_the_scenes_hues_at_its_peaks() {
    HuePrior twoPeaks = HuePrior.peaks(java.util.List.of(new HuePrior.Peak(60, 10, 0.5), new HuePrior.Peak(240, 10, 0.5)));
    double[] d = HueHistogram.of(ImageSource.synthetic().withCount(2).withSize(128).withHuePrior(twoPeaks)).density();
    double near = 0;
    for (int k = 0; k < 360; k++) {
      if (Math.abs(k + 0.5 - 60) <= 30 || Math.abs(k + 0.5 - 240) <= 30) {
        near += d[k];
      }
    }
    // ±3σ around each peak holds 99.7 % of the leaves' hues; the illumination field leaves hue alone
    assertThat(near).isGreaterThan(0.95);
    assertThatThrownBy(() -> HuePrior.peaks(java.util.List.of(new HuePrior.Peak(60, 10, 0.7), new HuePrior.Peak(240, 10, 0.7))))
        .hasMessageContaining("peak weights must sum to at most 1");
  }
}
