package io.github.gradsense.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.gradsense.analysis.CircularCurves;
import io.github.gradsense.analysis.CircularSample;
import io.github.gradsense.analysis.SensitivityCurve;
import io.github.gradsense.claims.CnnCodes;
import io.github.gradsense.data.HueHistogram;
import io.github.gradsense.data.ImageSource;
import io.github.gradsense.data.ImageTransform;
import io.github.gradsense.experiment.Results;
import io.github.gradsense.network.ParameterValues;
import io.github.gradsense.probe.Probes;
import io.github.gradsense.stimulus.UniformHue;
import java.util.ArrayList;
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
 * natural images and, from the same seed, on the same images with every hue shifted by +90° (HSV,
 * saturation and value untouched), for {@link #PAIRS} seeds.
 *
 * <p>Statistic: each pair's <em>axial lag</em>, how far the hue-shifted net's axial preference
 * moved from the normal net's, modulo 180°
 * ({@link SensitivityCurve#axialShiftFrom}: the direction of the second circular harmonic of
 * {@code √D(h)}). Why axial: the curves nearly repeat every 180° (complementary hues move the same
 * RGB channel), so a move by 90° and one by 270° are the same. Why the second harmonic rather than
 * the peak of the curves' cross-correlation: HSV→RGB is linear inside 60° sectors and the tangent
 * jumps from one channel to another at every break, so each curve is a step function in the first
 * layer and carries steps at the same absolute hues deeper in; a cross-correlation's peak locks
 * onto those steps (lags of 60° or 120°, on either of which a seed can land: conv1 gave 60° and
 * 300° for two seeds, whose mean is 90° by cancellation), while the harmonic is a smooth
 * functional of the whole curve that steps do not pin.
 *
 * <p>Pinned at every probe point from conv1 to the last layer, on photographs and on the embedded
 * scenes alike (on the embedded scenes it fails today at conv1 only, see {@link SmallCnn#TEXTURE}:
 * lags 9.3°, 128.6°, 154.1°, 99.0°, spread 36.3°, and the unshifted control there differs by 49°,
 * 5°, 66°, 60°, so conv1's axial preference is not reproducible across seeds on those scenes;
 * relu1 to dense2 pass, means 86.7–96.0°, spreads 10.8–22.7°), over the {@link #PAIRS} pairs:
 * (1) the circular mean of the axial lags is 90° ± 30°; (2) the pairs agree: the lags' circular
 * standard deviation is below 30°, so the mean is no average of disagreeing seeds (lags of 45°
 * and 135° have a mean of 90° and a spread of 45°); (3) each pair moved: its own lag is at least
 * 30° from 0° (mod 180°), outside the region the unshifted control must stay in. The bars come
 * from the sectors: a hue rotation is linear in RGB, and so exactly learnable by a network whose
 * first layer is linear in RGB, only in steps of 120° (a cyclic permutation of the channels), and
 * the sector-aligned rotations that bracket 90° are 60° and 120°, 30° either side; an unmoved
 * curve has lag 0°, three bars away, and 30° is half-way from it to the nearest sector rotation.
 * Measured on the photographs, 4000 steps ({@link SmallCnn}), Zen 5 CPU, under four
 * floating-point paths (default kernels on 2 threads, seeds 1–4; one intra-op thread, seeds 1–4;
 * one thread with oneDNN limited to AVX2, seeds 11–14; oneDNN off, seeds 1–4): means 85–109°,
 * spreads 0.7–23.4°, the
 * nearest pair 30.4° from 0° (oneDNN off, seed 4, dense1: 149.6°, with relu2 and maxpool2 at
 * 147.3°: the margin over bar (3) is thin for this seed; 40° on the other three paths). Seed 4's normal net, whose
 * axial preference is weakest, lags by 124–140° from relu2 to dense1 on two of the paths, which
 * bars (2) and (3) admit and a per-pair 90° ± 30° would not. At 2000 steps the claim held on a
 * Zen 4 CPU under four paths (means 99–110°, spreads 1–22°) but not on Zen 5, where seed 4's pair
 * lagged 158° at relu2 and maxpool2 (22° from unmoved; spread 31.9°): that net had not yet
 * learned the images' hues there.
 *
 * <p>The stimulus is the authors' marginalised generator: uniform images, 360 hues, 8 × 8 (S, V)
 * on [0.5, 0.9]. Reported, not pinned: each pair's lag, the old cross-correlation lags beside
 * them, and the paper's stronger statement that sensitivity tracks the training hue histogram
 * (Pearson's r, circular, on the hue grid, with the smoothed histogram and its axial version).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("C3 hue sensitivity follows a hue shift of the training images")
class C3HueTest {
  static final UniformHue HUE = CnnCodes.HUE;
  /** Seed pairs (normal and hue-shifted net from one seed each). */
  static final int PAIRS = 4;
  /** Bars on the circular mean's distance from 90° and on the lags' spread (degrees; see above). */
  static final double SECTOR_BAR = CnnCodes.HUE_LAG.bound();

  private List<String> points;
  private double[] histogram;
  private double[] shiftedHistogram;
  private final List<Map<String, SensitivityCurve>> normal = new ArrayList<>();
  private final List<Map<String, SensitivityCurve>> shifted = new ArrayList<>();

  @BeforeAll
  void trainAndMeasure() {
    // The same claim on photographs and on the embedded scenes; what each gives is in the class
    // Javadoc (on the embedded scenes conv1 fails today).
    ImageSource images = SmallCnn.images();
    ImageSource rotatedHues = images.transformed(new ImageTransform.HueShift(90));
    int classes = SmallCnn.task(images).classes();
    points = SmallCnn.points(classes);
    histogram = HueHistogram.of(images).smoothed(5);
    shiftedHistogram = HueHistogram.of(rotatedHues).smoothed(5);
    for (long seed = 1; seed <= PAIRS; seed++) {
      normal.add(curves("normal", classes, SmallCnn.trained("normal", images, seed)));
      shifted.add(curves("hue90", classes, SmallCnn.trained("hue90", rotatedHues, seed)));
    }
    System.out.println("C3 on " + images.describe() + ": axial lag (shifted vs normal net, mod 180°) per seed pair, their "
        + "circular mean and spread, the cross-correlation lags (mod 360°), and tracking r of the normal nets");
    double[] axial = axial(histogram);
    for (String p : points) {
      StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-9s", p));
      for (double lag : lags(p)) {
        sb.append(String.format(Locale.ROOT, " %6.1f", lag));
      }
      CircularSample s = CircularSample.of(180, lags(p));
      sb.append(String.format(Locale.ROOT, " | mean %6.1f sd %5.1f | xcorr", s.mean(), s.standardDeviation()));
      for (int k = 0; k < PAIRS; k++) {
        sb.append(String.format(Locale.ROOT, " %5.0f", shifted.get(k).get(p).shiftFrom(normal.get(k).get(p))));
      }
      sb.append(" | r");
      for (int k = 0; k < PAIRS; k++) {
        sb.append(String.format(Locale.ROOT, " %5.2f/%5.2f", normal.get(k).get(p).correlation(HueHistogram.centres(), histogram),
            normal.get(k).get(p).correlation(HueHistogram.centres(), axial)));
      }
      System.out.println(sb);
    }
  }

  private static Map<String, SensitivityCurve> curves(String name, int classes, List<ParameterValues> params) {
    List<String> pts = SmallCnn.points(classes);
    Results r = SmallCnn.measure("c3-" + name, classes, params, 0,
        Probes.sensitivity(HUE).named("hue").at(pts.toArray(new String[0])).batch(16));
    Map<String, SensitivityCurve> out = new LinkedHashMap<>();
    for (String p : pts) {
      out.put(p, SensitivityCurve.of(HUE, r.series("sensitivity-hue", p).row(0)));
    }
    return out;
  }

  /** Each seed pair's axial lag at {@code point}, in [0°, 180°). */
  private double[] lags(String point) {
    double[] l = new double[PAIRS];
    for (int k = 0; k < PAIRS; k++) {
      l[k] = shifted.get(k).get(point).axialShiftFrom(normal.get(k).get(point));
    }
    return l;
  }

  private static double[] axial(double[] density) {
    double[] a = new double[360];
    for (int k = 0; k < 360; k++) {
      a[k] = density[k] + density[(k + 180) % 360];
    }
    return a;
  }

  @Test
  @DisplayName("the training histograms are 90° apart")
  void the_histograms_are_ninety_degrees_apart() {
    assertThat(CircularCurves.peakShift(HueHistogram.centres(), histogram, shiftedHistogram, 360)).isEqualTo(90.0);
  }

  /** The probe points pinned: every one. */
  private List<String> pinned() {
    return points;
  }

  @Test
  @DisplayName("at every layer the seed pairs' axial lags agree (circular sd < 30°) around 90° ± 30° (mod 180°), each ≥ 30° from 0°")
  void the_sensitivity_curve_moves_with_the_hues() {
    for (String p : pinned()) {
      CircularSample s = CircularSample.of(180, lags(p));
      assertThat(s.standardDeviation()).as("%s: spread of the pairs' lags %s", p, s).isLessThan(SECTOR_BAR);
      assertThat(s.meanOffsetFrom(90)).as("%s: circular mean of the pairs' lags %s", p, s).isCloseTo(0.0, within(SECTOR_BAR));
      double[] lags = lags(p);
      for (int k = 0; k < PAIRS; k++) {
        assertThat(Math.min(lags[k], 180 - lags[k])).as("%s: pair %d's own lag %.1f° from 0° (mod 180°)", p, k + 1, lags[k])
            .isGreaterThanOrEqualTo(SECTOR_BAR);
      }
    }
  }

  @Test
  @DisplayName("control: two normal nets of different seeds are not moved (lag within 30° of 0°), so the statistic can fail")
  void nets_trained_on_the_same_hues_are_not_moved() {
    // the same statistic on pairs with no hue shift between them: seed k's normal net against seed
    // k + 1's (cyclically), which differ by as much as the seed pairs above differ by chance
    for (String p : pinned()) {
      double[] l = new double[PAIRS];
      for (int k = 0; k < PAIRS; k++) {
        l[k] = normal.get((k + 1) % PAIRS).get(p).axialShiftFrom(normal.get(k).get(p));
      }
      CircularSample s = CircularSample.of(180, l);
      Report.print("C3 control " + p + ": axial lags normal(k+1) vs normal(k)", l);
      assertThat(s.meanOffsetFrom(0)).as("%s: unshifted control %s", p, s).isCloseTo(0.0, within(SECTOR_BAR));
    }
  }
}
