package io.github.gradsense.claims;

import io.github.gradsense.analysis.CircularSample;
import io.github.gradsense.analysis.SensitivityCurve;
import io.github.gradsense.data.HueHistogram;
import io.github.gradsense.data.ImageSource;
import io.github.gradsense.data.OrientationHistogram;
import io.github.gradsense.report.Plot;
import io.github.gradsense.report.RunWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The figures of {@link CnnCodes}: what Benjamin et al. show in Figs. 2 and 3, each with a caption
 * that says what to look for and the number that decides the verdict. Sensitivity curves are drawn
 * as {@code √D(θ)} over their own mean, so that curves of very different scale compare by shape
 * (1 = the curve's mean), and image statistics sit on their own axis.
 */
final class CnnFigures {
  private final Path cardinalOut;
  private final Path hueOut;
  private final List<String> points;
  private final double frequency;

  /** Figures of C2 written under {@code cardinalOut}, of C3 under {@code hueOut}. */
  CnnFigures(Path cardinalOut, Path hueOut, List<String> points, double frequency) {
    this.cardinalOut = cardinalOut;
    this.hueOut = hueOut;
    this.points = points;
    this.frequency = frequency;
  }

  private static Plot.Figure write(Path dir, Plot p, String name, String reading) {
    try (RunWriter w = RunWriter.open(dir)) {
      return p.writeTo(w, name).explained(reading);
    }
  }

  /** Fig. 2b: CBI against depth, mean ± sd over seeds, untrained nets and shuffles. */
  Plot.Figure cbiByLayer(List<Map<String, Double>> normal, List<Map<String, Double>> turned, List<Map<String, Double>> untrained,
      List<List<Map<String, Double>>> shuffled) {
    double[] x = new double[points.size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = i;
    }
    Plot p = Plot.titled(String.format(Locale.ROOT, "Cardinal bias by layer (Gabor %.1f cycles/deg)", frequency), "probe point",
        "cardinal-bias index").xLabels(points).legendBelow();
    p.line("trained (mean ± sd, " + normal.size() + " seeds)", x, meanAt(normal), sdAt(normal));
    p.line("trained on turned images (" + turned.size() + (turned.size() == 1 ? " net)" : " nets)"), x, meanAt(turned), sdAt(turned));
    p.line("untrained (" + untrained.size() + " nets)", x, meanAt(untrained), sdAt(untrained));
    List<Map<String, Double>> allShuffles = shuffled.stream().flatMap(List::stream).toList();
    p.line("weight-shuffled (" + allShuffles.size() + ")", x, meanAt(allShuffles), sdAt(allShuffles));
    double[] one = new double[x.length];
    Arrays.fill(one, 1);
    p.theory("no preference", x, one);
    // a few shuffles give near-degenerate curves whose index is far off: their bars may run off the
    // top, which is scaled to the trained nets
    double[] top = meanAt(normal);
    double[] sd = sdAt(normal);
    double highest = 0;
    for (int i = 0; i < top.length; i++) {
      highest = Math.max(highest, top[i] + sd[i]);
    }
    p.yRange(0, Math.ceil(1.25 * Math.max(highest, 1.5)));
    List<String> conv = new ArrayList<>(CnnCodes.STAGE1);
    conv.addAll(CnnCodes.STAGE2);
    double gap = Double.POSITIVE_INFINITY;
    for (Map<String, Double> n : normal) {
      for (Map<String, Double> t : turned) {
        gap = Math.min(gap, CnnCodes.mean(n, conv) - CnnCodes.mean(t, conv));
      }
    }
    double stage2 = normal.stream().mapToDouble(m -> CnnCodes.mean(m, CnnCodes.STAGE2)).min().orElseThrow();
    double nullTop = untrained.stream().mapToDouble(m -> CnnCodes.mean(m, CnnCodes.STAGE2)).max().orElseThrow();
    return write(cardinalOut, p, "cbi-by-layer", String.format(Locale.ROOT, "Look for the trained line above 1 and above the three controls "
        + "in the conv stages, rising from the first stage to the second; the turned net's bias is gone (its images are oblique). "
        + "Deciding numbers: the smallest gap trained − turned over conv1–maxpool2 is %.3f (must be > 0); the lowest "
        + "trained stage-2 mean CBI is %.3f against the highest of the untrained nets' %.3f (Mann–Whitney, p < 0.05). The dense "
        + "head is reported, not judged: there the which-image classifier reads out rarer oblique structure. The shuffles' "
        + "spread is wide (a few give near-degenerate curves whose index is far off); their median stage-2 CBI is %.3f.",
        gap, stage2, nullTop, median(allShuffles.stream().mapToDouble(m -> CnnCodes.mean(m, CnnCodes.STAGE2)).toArray())));
  }

  /** Orientation curves at {@link CnnCodes#SHOWN}, each over its own mean, with the images' orientation energy on the right. */
  Plot.Figure orientationCurves(List<Map<String, SensitivityCurve>> normal, List<Map<String, SensitivityCurve>> turned,
      List<Map<String, SensitivityCurve>> untrained, List<Map<String, SensitivityCurve>> shuffled, ImageSource images) {
    String at = CnnCodes.SHOWN;
    double[] deg = normal.get(0).get(at).degrees();
    Plot p = Plot.titled("Orientation sensitivity at " + at + " (median over nets)", "Gabor orientation θ (deg)",
        "√D(θ) / its mean");
    p.line("trained", deg, medianNormalised(normal, at));
    p.line("trained on turned images", deg, medianNormalised(turned, at));
    p.line("untrained", deg, medianNormalised(untrained, at));
    p.line("weight-shuffled", deg, medianNormalised(shuffled, at));
    double[] density = OrientationHistogram.of(images).density();
    double[] rel = Arrays.stream(density).map(v -> v * density.length).toArray();
    p.onRightAxis("images' orientation energy", OrientationHistogram.centres(), rel, "orientation energy / uniform");
    double cbi = normal.stream().mapToDouble(m -> m.get(at).cardinalBias().index()).average().orElseThrow();
    double cbiTurned = turned.stream().mapToDouble(m -> m.get(at).cardinalBias().index()).average().orElseThrow();
    return write(cardinalOut, p, "orientation-curves", String.format(Locale.ROOT, "Look for the trained curve's peaks at 0° and 90° where the "
        + "images' orientation energy (dashed, right axis) peaks, and the turned net's curve peaking at 45° and 135° instead; "
        + "the untrained and shuffled curves stay near 1 (flat). Each net's √D is divided by its own mean, then the median "
        + "over nets is drawn. CBI at %s: trained %.3f, turned %.3f (seed means).", at, cbi, cbiTurned));
  }

  /** The same curves in polar form, mirrored to a full turn (orientation is axial). */
  Plot.Figure orientationPolar(List<Map<String, SensitivityCurve>> normal, List<Map<String, SensitivityCurve>> turned,
      List<Map<String, SensitivityCurve>> untrained, List<Map<String, SensitivityCurve>> shuffled) {
    String at = CnnCodes.SHOWN;
    double[] deg = normal.get(0).get(at).degrees();
    double[] full = new double[2 * deg.length];
    for (int i = 0; i < deg.length; i++) {
      full[i] = deg[i];
      full[i + deg.length] = deg[i] + 180;
    }
    Function<double[], double[]> twice = r -> {
      double[] o = Arrays.copyOf(r, 2 * r.length);
      System.arraycopy(r, 0, o, r.length, r.length);
      return o;
    };
    Plot p = Plot.polar("Orientation sensitivity at " + at + " (polar)", "√D / mean");
    p.polar("trained", full, twice.apply(medianNormalised(normal, at)));
    p.polar("trained on turned images", full, twice.apply(medianNormalised(turned, at)));
    p.polar("untrained", full, twice.apply(medianNormalised(untrained, at)));
    p.polar("weight-shuffled", full, twice.apply(medianNormalised(shuffled, at)));
    return write(cardinalOut, p, "orientation-polar", "Look for a cross: the trained net's curve bulging out along the horizontal and "
        + "vertical axes (cardinal orientations) and the turned net's along the diagonals; a circle (the dashed unit circle) is "
        + "a net with no preference. Orientation is axial, so each curve is drawn twice, at θ and θ + 180°.");
  }

  /** The images' CBI per Gabor frequency: where the probe frequency comes from. */
  Plot.Figure imageBias(Map<Double, Double> normal, Map<Double, Double> turned) {
    double[] f = normal.keySet().stream().mapToDouble(Double::doubleValue).toArray();
    Plot p = Plot.titled("The images predict the bias: CBI of the crops' variance along the Gabor tangent", "Gabor frequency (cycles/deg)",
        "cardinal-bias index of the images");
    p.line("training images", f, normal.values().stream().mapToDouble(Double::doubleValue).toArray());
    p.line("turned images", f, turned.values().stream().mapToDouble(Double::doubleValue).toArray());
    double[] one = new double[f.length];
    Arrays.fill(one, 1);
    p.theory("no preference", f, one);
    return write(cardinalOut, p, "image-bias-by-frequency", String.format(Locale.ROOT, "The nets are probed at the frequency where the training "
        + "images are most cardinal, chosen before any training: %.1f cycles/deg, images' CBI %.3f there against %.3f for the turned "
        + "images (must be > 1 and < 1).", frequency, normal.get(frequency), turned.get(frequency)));
  }

  /** Hue sensitivity against the training hue histograms: the normal and the 90°-shifted pair. */
  Plot.Figure hueCurves(List<Map<String, SensitivityCurve>> normal, List<Map<String, SensitivityCurve>> turned, double[] histogram,
      double[] turnedHistogram) {
    String at = CnnCodes.SHOWN;
    double[] deg = normal.get(0).get(at).degrees();
    Plot p = Plot.titled("Hue sensitivity at " + at + " and the training hues", "hue (deg)", "√D(h) / mean √D");
    p.line("trained on the images", deg, medianNormalised(normal, at));
    p.line("trained on hues shifted by +90°", deg, medianNormalised(turned, at));
    double[] c = HueHistogram.centres();
    p.onRightAxis("images' hue histogram", c, relative(histogram), "hue frequency / uniform", "trained on the images");
    p.onRightAxis("shifted images' hue histogram", c, relative(turnedHistogram), "hue frequency / uniform",
        "trained on hues shifted by +90°");
    double[] lags = new double[normal.size()];
    for (int k = 0; k < lags.length; k++) {
      lags[k] = turned.get(k % turned.size()).get(at).axialShiftFrom(normal.get(k).get(at));
    }
    return write(hueOut, p, "hue-curves", String.format(Locale.ROOT, "Look for the shifted net's curve following its images' histogram "
        + "(dashed) 90° along: where one curve peaks the other follows 90° later. Curves nearly repeat every 180° (complementary "
        + "hues move the same RGB channel), so the verdict reads the axial lag of the second harmonic: %s at %s (must be 90° ± 30°).",
        Arrays.toString(Arrays.stream(lags).map(v -> Math.round(v * 10) / 10.0).toArray()), at));
  }

  /** Hue curves in polar form. */
  Plot.Figure huePolar(List<Map<String, SensitivityCurve>> normal, List<Map<String, SensitivityCurve>> turned) {
    String at = CnnCodes.SHOWN;
    double[] deg = normal.get(0).get(at).degrees();
    Plot p = Plot.polar("Hue sensitivity at " + at + " (polar)", "√D / mean");
    p.polar("trained on the images", deg, medianNormalised(normal, at));
    p.polar("trained on hues shifted by +90°", deg, medianNormalised(turned, at));
    return write(hueOut, p, "hue-polar", "Look for the shifted net's shape turned by a quarter turn (90°) against the normal net's; "
        + "the dashed unit circle is a net with no hue preference.");
  }

  /** The axial lag per layer: each seed pair and the same-hue control, with the bars. */
  Plot.Figure hueLags(List<Map<String, Double>> lags, List<Map<String, Double>> sameHue) {
    double[] x = new double[points.size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = i;
    }
    Plot p = Plot.titled("Hue lag by layer (axial, mod 180°)", "probe point", "lag (deg)").xLabels(points).yRange(0, 180);
    for (int k = 0; k < lags.size(); k++) {
      p.points("pair " + (k + 1) + ": shifted vs normal seed " + (k + 1), x, points.stream().mapToDouble(lags.get(k)::get).toArray());
    }
    for (int k = 0; k < sameHue.size(); k++) {
      p.points("control: seed " + (k + 2) + " vs seed " + (k + 1) + ", same hues", x,
          points.stream().mapToDouble(sameHue.get(k)::get).toArray());
    }
    double[] shift = new double[x.length];
    Arrays.fill(shift, 90);
    p.theory("90°: the shift", x, shift);
    for (double bar : new double[] {60, 120}) {
      double[] y = new double[x.length];
      Arrays.fill(y, bar);
      p.reference(String.format(Locale.ROOT, "%.0f°: 90° ± 30°", bar), x, y);
    }
    for (double bar : new double[] {30, 150}) {
      double[] y = new double[x.length];
      Arrays.fill(y, bar);
      p.reference(String.format(Locale.ROOT, "%.0f°: the same-hue control's bound", bar), x, y);
    }
    StringBuilder means = new StringBuilder();
    for (String pt : points) {
      double[] l = lags.stream().mapToDouble(m -> m.get(pt)).toArray();
      means.append(String.format(Locale.ROOT, "%s %.0f°, ", pt, CircularSample.of(180, l).mean()));
    }
    return write(hueOut, p, "hue-lag-by-layer", "Look for the shifted-vs-normal lags between the 60° and 120° lines (90° ± 30°) and the "
        + "same-hue control near 0° or 180° (within 30°: nets trained on the same hues agree); a layer whose control is outside "
        + "that band is not reproducible across seeds and is not judged. Circular means of the lags: "
        + means.substring(0, means.length() - 2) + ".");
  }

  private static double[] relative(double[] histogram) {
    double mean = Arrays.stream(histogram).average().orElse(1);
    return Arrays.stream(histogram).map(v -> v / mean).toArray();
  }

  /**
   * Each net's √D over its own mean, then the median over nets at each θ: robust to the few
   * weight shuffles whose curves are near-degenerate (with two nets, their mean).
   */
  private static double[] medianNormalised(List<Map<String, SensitivityCurve>> nets, String at) {
    double[][] curves = new double[nets.size()][];
    for (int k = 0; k < curves.length; k++) {
      double[] r = nets.get(k).get(at).root();
      double mean = Arrays.stream(r).average().orElse(0);
      curves[k] = Arrays.stream(r).map(v -> mean > 0 ? v / mean : Double.NaN).toArray();
    }
    double[] out = new double[curves[0].length];
    for (int i = 0; i < out.length; i++) {
      final int at2 = i;
      out[i] = median(Arrays.stream(curves).mapToDouble(c -> c[at2]).toArray());
    }
    return out;
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }

  private double[] meanAt(List<Map<String, Double>> runs) {
    return points.stream().mapToDouble(p -> runs.stream().mapToDouble(m -> m.get(p)).average().orElseThrow()).toArray();
  }

  private double[] sdAt(List<Map<String, Double>> runs) {
    return points.stream().mapToDouble(p -> {
      double[] v = runs.stream().mapToDouble(m -> m.get(p)).toArray();
      if (v.length < 2) {
        return 0;
      }
      double mean = Arrays.stream(v).average().orElseThrow();
      return Math.sqrt(Arrays.stream(v).map(a -> (a - mean) * (a - mean)).sum() / (v.length - 1));
    }).toArray();
  }
}
