package io.github.gradsense.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.gradsense.analysis.CircularCurves;
import io.github.gradsense.data.HueHistogram;
import io.github.gradsense.data.ImageSource;
import io.github.gradsense.data.ImageTransform;
import io.github.gradsense.experiment.Results;
import io.github.gradsense.network.ParameterValues;
import io.github.gradsense.probe.Probes;
import io.github.gradsense.stimulus.Stimuli;
import io.github.gradsense.stimulus.UniformHue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Claim C3, hue (Benjamin et al. Fig. 3, METHODS §D): the small CNN of {@link SmallCnn} trained on
 * natural images and on the same images with every hue shifted by +90° (HSV, saturation and value
 * untouched).
 *
 * <p>Pinned: the training histograms (1° bins, mask S ≥ 0.1 and V ≥ 0.5, smoothed by a 5° Gaussian)
 * are exactly 90° apart (circular cross-correlation lag); and from the second stage's ReLU up
 * (relu2, maxpool2, dense1, relu3, dense2) the hue-shifted net's sensitivity curve {@code √D(h)}
 * is the normal net's moved by 90° ± 15°, modulo 180°, for the mean of two training seeds (for
 * each seed, the lag of the peak of the circular cross-correlation of the normal and the shifted
 * net's curves; the two lags' axial circular mean). Why modulo 180°: the curves are close to
 * 180°-periodic (their correlation with the axial histogram exceeds that with the histogram), so a
 * shift by 90° and one by 270° are nearly the same curve, and seeds pick either: on the photographs
 * seed 1 gave 95–99° from conv2 up and seed 2 269–287° in the second stage, 83–84° in the dense
 * layers. Why two seeds: one pair's lag varies by about ±15° (60°-periodic structure of the HSV
 * map, whose derivative has breaks every 60°, and each net's idiosyncrasies). conv2 (before its
 * ReLU) is reported, not pinned: on the synthetic scenes seed 2 gave 28° there against 93° for
 * seed 1. The stimulus is the authors' marginalised generator: uniform images, 360 hues, 8 × 8
 * (S, V) on [0.5, 0.9].
 *
 * <p>Measured and reported, not pinned: the paper's stronger claim that sensitivity tracks the
 * training hue histogram, as Pearson's r (circular, on the hue grid) between √D and the smoothed
 * histogram, and between √D and its axial version (h and h + 180° pooled), per probe point, for two
 * training seeds. See the closing note of issue 3/6 for where it was found to hold.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("C3 hue sensitivity follows a hue shift of the training images")
class C3HueTest {
  static final UniformHue HUE = Stimuli.uniformHue().size(SmallCnn.CROP);
  static final List<String> MIDDLE_UP = List.of("relu2", "maxpool2", "dense1", "relu3", "dense2");

  private List<String> points;
  private double[] histogram;
  private double[] shiftedHistogram;
  private Map<String, double[]> normal;
  private Map<String, double[]> shifted;
  private Map<String, double[]> normalSeed2;
  private Map<String, double[]> shiftedSeed2;

  @BeforeAll
  void trainAndMeasure() {
    ImageSource images = SmallCnn.images();
    ImageSource rotatedHues = images.transformed(new ImageTransform.HueShift(90));
    int classes = SmallCnn.task(images).classes();
    points = SmallCnn.points(classes);
    histogram = HueHistogram.of(images).smoothed(5);
    shiftedHistogram = HueHistogram.of(rotatedHues).smoothed(5);
    normal = curves("normal", classes, SmallCnn.trained("normal", images, 1));
    normalSeed2 = curves("normal", classes, SmallCnn.trained("normal", images, 2));
    shifted = curves("hue90", classes, SmallCnn.trained("hue90", rotatedHues, 1));
    shiftedSeed2 = curves("hue90", classes, SmallCnn.trained("hue90", rotatedHues, 2));
    System.out.println("C3 on " + images.describe() + ": hue lag (shifted vs normal net) and tracking r per probe point");
    System.out.println(String.format(Locale.ROOT, "%-9s %6s %6s %6s %8s %8s %8s %8s %8s", "point", "axial", "lag s1", "lag s2",
        "r(s1)", "r(s2)", "axial1", "axial2", "r(shift)"));
    double[] axial = axial(histogram);
    for (String p : points) {
      System.out.println(String.format(Locale.ROOT, "%-9s %6.1f %6.1f %6.1f %8.3f %8.3f %8.3f %8.3f %8.3f", p, axialLag(p),
          lag(p, 1), lag(p, 2),
          track(normal.get(p), histogram), track(normalSeed2.get(p), histogram),
          track(normal.get(p), axial), track(normalSeed2.get(p), axial), track(shifted.get(p), shiftedHistogram)));
    }
  }

  private static Map<String, double[]> curves(String name, int classes, List<ParameterValues> params) {
    List<String> pts = SmallCnn.points(classes);
    Results r = SmallCnn.measure("c3-" + name, classes, params, 0,
        Probes.sensitivity(HUE).named("hue").at(pts.toArray(new String[0])).batch(16));
    Map<String, double[]> out = new LinkedHashMap<>();
    for (String p : pts) {
      double[] d = r.series("sensitivity-hue", p).row(0);
      double[] root = new double[d.length];
      for (int i = 0; i < d.length; i++) {
        root[i] = Math.sqrt(Math.max(0, d[i]));
      }
      out.put(p, root);
    }
    return out;
  }

  /** The lag of the peak of the circular cross-correlation of one seed's normal and hue-shifted curves. */
  private double lag(String point, int seed) {
    return seed == 1
        ? CircularCurves.peakShift(HUE.values(), normal.get(point), shifted.get(point), 360)
        : CircularCurves.peakShift(HUE.values(), normalSeed2.get(point), shiftedSeed2.get(point), 360);
  }

  /**
   * The axial lag (modulo 180°) averaged over the two seed pairs, as a circular mean of the doubled
   * angles, in [0°, 180°).
   */
  private double axialLag(String point) {
    double c = 0;
    double s = 0;
    for (int seed = 1; seed <= 2; seed++) {
      double a = Math.toRadians(2 * lag(point, seed));
      c += Math.cos(a);
      s += Math.sin(a);
    }
    return (Math.toDegrees(Math.atan2(s, c)) / 2 + 180) % 180;
  }

  private static double[] mean(double[] a, double[] b) {
    double[] m = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      m[i] = 0.5 * (a[i] + b[i]);
    }
    return m;
  }

  private static double track(double[] curve, double[] density) {
    return CircularCurves.correlation(HUE.values(), curve, HueHistogram.centres(), density, 360);
  }

  private static double[] axial(double[] density) {
    double[] a = new double[360];
    for (int k = 0; k < 360; k++) {
      a[k] = density[k] + density[(k + 180) % 360];
    }
    return a;
  }

  /** Signed distance of an axial lag from 90° on the half circle. */
  private static double offFrom90(double axialLag) {
    return ((axialLag - 90) % 180 + 270) % 180 - 90;
  }

  @Test
  @DisplayName("the training histograms are 90° apart")
  void the_histograms_are_ninety_degrees_apart() {
    assertThat(CircularCurves.peakShift(HueHistogram.centres(), histogram, shiftedHistogram, 360)).isEqualTo(90.0);
  }

  @Test
  @DisplayName("from the second stage's ReLU up, the sensitivity curve moves by 90° ± 15° (modulo 180°, mean of two seeds)")
  void the_sensitivity_curve_moves_with_the_hues() {
    for (String p : MIDDLE_UP) {
      assertThat(offFrom90(axialLag(p))).as("%s: axial lag %.1f° (seed lags %.1f°, %.1f°)", p, axialLag(p), lag(p, 1), lag(p, 2))
          .isCloseTo(0.0, within(15.0));
    }
  }
}
