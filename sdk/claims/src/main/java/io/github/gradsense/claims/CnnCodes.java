package io.github.gradsense.claims;

import io.github.gradsense.analysis.CardinalBias;
import io.github.gradsense.analysis.CircularSample;
import io.github.gradsense.analysis.LinearSensitivityTheory;
import io.github.gradsense.analysis.RankTests;
import io.github.gradsense.analysis.SensitivityCurve;
import io.github.gradsense.data.Data;
import io.github.gradsense.data.Dataset;
import io.github.gradsense.data.HueHistogram;
import io.github.gradsense.data.HuePrior;
import io.github.gradsense.data.ImageSource;
import io.github.gradsense.data.ImageTransform;
import io.github.gradsense.data.SyntheticScenes;
import io.github.gradsense.data.Tasks;
import io.github.gradsense.data.WhichImageTask;
import io.github.gradsense.experiment.Experiment;
import io.github.gradsense.report.Report;
import io.github.gradsense.experiment.Results;
import io.github.gradsense.network.Networks;
import io.github.gradsense.network.ParameterValues;
import io.github.gradsense.network.Sequential;
import io.github.gradsense.network.Shuffles;
import io.github.gradsense.probe.Probe;
import io.github.gradsense.probe.Probes;
import io.github.gradsense.report.Json;
import io.github.gradsense.report.Plot;
import io.github.gradsense.report.RunWriter;
import io.github.gradsense.report.Verdict;
import io.github.gradsense.runtime.RuntimeConfig;
import io.github.gradsense.stimulus.Gabor;
import io.github.gradsense.stimulus.Stimuli;
import io.github.gradsense.stimulus.UniformHue;
import io.github.gradsense.train.Training;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Claims C2 (deep) and C3 on one set of trainings (Benjamin et al. 2022, Figs. 2 and 3): a small
 * CNN trained on natural images becomes more sensitive to cardinal than oblique Gabors, layer by
 * layer, against untrained and weight-shuffled nulls and against the same CNN trained on the
 * images turned by 45°; and its hue sensitivity moves with a 90° hue shift of the training images.
 *
 * <p>Trainings: per seed a <em>normal</em> net on the images, and {@link #controls} (from the
 * first seed) <em>control</em> nets on the images rotated by 45° <em>and</em> hue-shifted by
 * +90°; normal net {@code k} pairs with control {@code k mod controls}. One control serves both claims: the
 * rotation moves the images' orientation statistics and leaves their hues, the hue shift (a
 * pointwise map of colours) moves their hues and leaves the orientation of every edge, so the
 * control predicts an oblique code for C2 and a 90° lag for C3. The conformance suite trains the
 * two controls apart ({@code C2DeepCardinalBiasTest}, {@code C3HueTest}, 4 seeds, photographs);
 * this shared control halves the main job's CNN time, and the main job trains one control for
 * its two normal seeds (its 10-minute budget: three CNNs of 4000 steps, 75–85 s each on 2 cores),
 * so its second pair is across seeds, as noisy as two normal nets of different seeds are, which the
 * same-hue control measures.
 *
 * <p>Network and task as the conformance suite's: which of the images and which of its 2 × 2
 * regions a random 32-px RGB crop came from; conv 16@5, ReLU, max-pool, conv 32@5, ReLU, max-pool,
 * dense 128, ReLU, dense; SGD 0.01, momentum 0.9, weight decay 5·10⁻⁴, batch 128, 4000 steps.
 *
 * <pre>{@code
 * CnnCodes.Summary s = new CnnCodes(CnnCodes.embeddedScenes(), 4000, 2).run(Path.of("out/cnn"));
 * s.cardinalBiasVerdicts(); s.hueVerdicts();
 * }</pre>
 */
public final class CnnCodes {
  /** Crop side (pixels). */
  public static final int CROP = 32;
  /** Regions per image side: each image gives {@code REGIONS²} classes. */
  public static final int REGIONS = 2;
  /**
   * The frequencies (cycles/deg) the Gabor probe frequency is chosen from: one octave below the
   * paper's 2 c/deg up to half the Nyquist frequency of a 32-px crop.
   */
  public static final double[] FREQUENCIES = {1.0, 1.5, 2.0, 2.5, 3.0, 3.5};
  /** The conv stages' probe points: a stage's CBI is the mean over its conv, ReLU and max-pool. */
  public static final List<String> STAGE1 = List.of("conv1", "relu1", "maxpool1");
  /** The second stage's probe points. */
  public static final List<String> STAGE2 = List.of("conv2", "relu2", "maxpool2");
  /** The layer whose curves the figures show: the second stage's ReLU. */
  public static final String SHOWN = "relu2";
  /** The uniform-hue stimulus (360 hues, 8 × 8 saturation × value). */
  public static final UniformHue HUE = Stimuli.uniformHue().size(CROP);
  /**
   * The hue prior of the embedded scenes' variant: warm- and blue-heavy like photographs (45 % of
   * the leaves around 30°, 25 % around 215°, the rest anywhere).
   */
  public static final HuePrior WARM_BLUE = HuePrior.peaks(List.of(new HuePrior.Peak(30, 25, 0.45), new HuePrior.Peak(215, 20, 0.25)));
  /** The contrast of the embedded scenes' leaf stripes, without which flat leaves teach colour, not orientation. */
  public static final double TEXTURE = 0.3;
  /** Bars on the hue lags (degrees): the HSV sector rotations that bracket 90° are 60° and 120°. */
  public static final double SECTOR_BAR = 30;
  /** C2 CNN's premise: the training images are cardinal and the turned images oblique at the probe frequency. */
  public static final Criterion PREMISE = Criterion.of("CBI of the crops' variance along the Gabor tangent, images | turned images",
      "> 1 | < 1", 1, "1 is no orientation preference; the claim's premise (the net follows the images), METHODS §B7");
  /** C2 CNN: every trained net is more cardinal than every net trained on the turned images. */
  public static final Criterion ROTATED_CONTROL = Criterion.of("smallest gap of the mean CBI, conv1–maxpool2 (trained − turned), over all pairs",
      "> 0", 0, "the paper's rotated-images control (Fig. 2): the bias follows the images; every seed must agree");
  /** C2 CNN: the trained nets' second stage ranks above untrained nets. */
  public static final Criterion UNTRAINED_NULL = Criterion.of("exact one-sided Mann–Whitney p, stage-2 CBI", "< 0.05", 0.05,
      "the untrained nets are the pixel grid's own anisotropy (METHODS §H1–3); 5 % is the conventional level");
  /** C2 CNN: each trained net's second stage ranks above its own weight shuffles. */
  public static final Criterion SHUFFLED_NULL = Criterion.of("Fisher's combined permutation p, stage-2 CBI", "< 0.05", 0.05,
      "the authors' shuffle control (METHODS §B2): the weights' marginals without their arrangement; 5 % level");
  /** C3: the hue-shifted nets' axial hue preference moved by 90°, within {@link #SECTOR_BAR}. */
  public static final Criterion HUE_LAG = Criterion.of(
      "circular mean of the seed pairs' axial lags (mod 180°), their spread, each lag's distance from 0°",
      "90° ± 30°, spread < 30°, each ≥ 30°; agreeing layers ≥ half", SECTOR_BAR,
      "HSV→RGB is linear in 60° sectors: the rotations that bracket 90° are 60° and 120° (C3HueTest)");

  private final ImageSource images;
  private final long steps;
  private final int seeds;
  private int controls = 1;
  private long firstSeed = 1;
  private int untrained = 20;
  private int shuffles = 20;

  /** {@code seeds} seeds (from 1) of {@code steps} updates each on {@code images}. */
  public CnnCodes(ImageSource images, long steps, int seeds) {
    if (steps < 1) {
      throw new IllegalArgumentException("steps must be ≥ 1, got " + steps);
    }
    if (seeds < 1 || seeds > 8) {
      throw new IllegalArgumentException("seeds must be in [1, 8], got " + seeds);
    }
    this.images = images;
    this.steps = steps;
    this.seeds = seeds;
  }

  /**
   * How many control nets (turned images) to train, from the first seed on, in [1, seeds]: normal
   * net {@code k} is paired with control {@code k mod controls}. The main job trains one (its
   * 10-minute budget); {@code --full} one per seed, every pair from one seed.
   */
  public CnnCodes controls(int n) {
    if (n < 1 || n > seeds) {
      throw new IllegalArgumentException("controls must be in [1, seeds = " + seeds + "], got " + n);
    }
    this.controls = n;
    return this;
  }

  /** The first training seed (the others follow it). */
  public CnnCodes firstSeed(long seed) {
    this.firstSeed = seed;
    return this;
  }

  /** How many untrained nets and how many shuffles per trained net make the nulls (each in [1, 38]). */
  public CnnCodes nulls(int untrainedNets, int shufflesPerNet) {
    if (untrainedNets < 1 || untrainedNets > 38 || shufflesPerNet < 1 || shufflesPerNet > 38) {
      throw new IllegalArgumentException("untrained nets and shuffles must be in [1, 38], got " + untrainedNets + " and " + shufflesPerNet);
    }
    this.untrained = untrainedNets;
    this.shuffles = shufflesPerNet;
    return this;
  }

  /** The embedded scenes' variant for CNNs: {@link #WARM_BLUE} hues, leaves striped at {@link #TEXTURE}. */
  public static ImageSource embeddedScenes() {
    return ImageSource.synthetic().withHuePrior(WARM_BLUE).withTexture(TEXTURE);
  }

  /** {@code images} turned by {@code degrees}: photographs rotated whole (valid region), synthetic scenes rendered turned. */
  public static ImageSource rotated(ImageSource images, double degrees) {
    return images instanceof SyntheticScenes s ? s.withOrientationOffset(degrees) : images.rotated(degrees);
  }

  /** The control's images: turned by 45° and every hue shifted by +90°. */
  public static ImageSource control(ImageSource images) {
    return rotated(images, 45).transformed(new ImageTransform.HueShift(90));
  }

  /** The task on {@code images}. */
  public static WhichImageTask task(ImageSource images) {
    return Tasks.whichImage(images).crop(CROP).regions(REGIONS);
  }

  /** The architecture for {@code classes} outputs, freshly initialised. */
  public static Sequential network(int classes) {
    return Networks.sequential(CROP, CROP, 3).conv(16, 5).relu().maxPool(2).conv(32, 5).relu().maxPool(2)
        .flatten().dense(128).relu().dense(classes);
  }

  /** Probe points from the first convolution to the last hidden layer and the output. */
  public static List<String> points(int classes) {
    List<String> p = new ArrayList<>(network(classes).probePoints());
    p.remove("output");
    p.remove("flatten1");     // the same values as maxpool2
    return p;
  }

  /** The Gabor probe at {@code frequency}: in [0, 1] like the crops, 90 orientations, 4 phases. */
  public static Gabor gabor(double frequency) {
    return Stimuli.gabor().size(CROP).frequency(frequency).orientations(90).phases(4).inUnitRange();
  }

  /**
   * The CBI of the training crops' own variance along each Gabor's tangent, per frequency of
   * {@link #FREQUENCIES}: {@code V(θ) = (1/m) Σ_φ ṡ_{θ,φ}ᵀ Σ ṡ_{θ,φ}}, {@code Σ} the covariance of
   * 20,000 grey 32-px crops: the bias a code that learns the images' variance in order acquires.
   */
  public static Map<Double, Double> imageBias(ImageSource images) {
    Dataset crops = Data.naturalPatches(images).patchSize(CROP).count(20_000).build(RuntimeConfig.defaults());
    double[] variance = crops.pca().eigenvalues();
    Map<Double, Double> out = new LinkedHashMap<>();
    for (double f : FREQUENCIES) {
      Gabor g = gabor(f).channels(1).rescale(Gabor.Contrast.FIXED);
      out.put(f, CardinalBias.of(g.values(), new LinearSensitivityTheory(g, crops.pca(), crops.dim()).predict(variance)).index());
    }
    return out;
  }

  /** The frequency at which the images are the most cardinal, chosen before any network is trained. */
  public static double probeFrequency(Map<Double, Double> imageBias) {
    return imageBias.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
  }

  /** Trains the network on {@code images} from {@code seed}, writing the run under {@code dir} when not null. */
  public static Results train(String name, ImageSource images, long steps, long seed, @Nullable Path dir) {
    WhichImageTask task = task(images);
    Experiment e = Experiment.named(name).task(task).network(network(task.classes()))
        .train(Training.sgd(0.01).momentum(0.9).weightDecay(5e-4).batch(128).steps(steps).seed(seed));
    return dir == null ? e.run() : e.run(Report.to(dir));
  }

  /** Measures {@code probes} on the network with {@code parameters} (or freshly drawn with {@code seed} if null). */
  public static Results measure(String name, int classes, @Nullable List<ParameterValues> parameters, long seed, Probe... probes) {
    Sequential net = parameters == null ? network(classes) : network(classes).withParameters(parameters);
    // the task only lends the input shape and class count: small scenes, cheap to open
    WhichImageTask task = task(ImageSource.synthetic().withCount(classes / (REGIONS * REGIONS)).withSize(64));
    Experiment e = Experiment.named(name).task(task).network(net).train(Training.sgd(0.01).steps(1).seed(seed)).progress(false);
    for (Probe p : probes) {
      e = e.probe(p);
    }
    return e.measure();
  }

  /**
   * What the trainings measured. Per probe point: the CBIs per seed (normal, control), of the
   * untrained nets and of the shuffles; the hue lags per seed pair and of the same-hue control.
   *
   * @param probeFrequency the Gabor frequency (cycles/deg) chosen from the images
   * @param imageBias the images' CBI per frequency
   * @param controlImageBias the turned images' CBI per frequency
   * @param points the probe points
   * @param normal CBI per seed, per point
   * @param turned the control nets' CBI per control seed, per point
   * @param untrained CBI per untrained net, per point
   * @param shuffled CBI per seed, per shuffle, per point
   * @param hueLags axial lag (control vs normal net) per normal seed (paired with control {@code k mod controls}), per point
   * @param sameHueLags axial lag between consecutive seeds' normal nets, per point (empty with one seed)
   * @param cardinalFigures the figures of C2 (deep)
   * @param hueFigures the figures of C3
   */
  public record Summary(double probeFrequency, Map<Double, Double> imageBias, Map<Double, Double> controlImageBias,
      List<String> points, List<Map<String, Double>> normal, List<Map<String, Double>> turned,
      List<Map<String, Double>> untrained, List<List<Map<String, Double>>> shuffled, List<Map<String, Double>> hueLags,
      List<Map<String, Double>> sameHueLags, List<Plot.Figure> cardinalFigures, List<Plot.Figure> hueFigures) {

    /** C2 (deep): the images' premise, the rotated control, the untrained and shuffled nulls. */
    public List<Verdict> cardinalBiasVerdicts() {
      List<String> conv = new ArrayList<>(STAGE1);
      conv.addAll(STAGE2);
      double f = probeFrequency;
      List<Verdict> v = new ArrayList<>();
      v.add(PREMISE.verdict("C2 CNN", String.format(Locale.ROOT, "at the probe frequency (%.1f c/deg, chosen from the images before "
              + "training) the training images are cardinal and the turned images oblique", f),
              imageBias.get(f) > PREMISE.bound() && controlImageBias.get(f) < PREMISE.bound())
          .with("images", imageBias.get(f)).with("turned images", controlImageBias.get(f)));
      double smallestGap = Double.POSITIVE_INFINITY;
      for (Map<String, Double> n : normal) {
        for (Map<String, Double> t : turned) {
          smallestGap = Math.min(smallestGap, mean(n, conv) - mean(t, conv));
        }
      }
      Verdict rotatedV = ROTATED_CONTROL.verdict("C2 CNN", "over the two conv stages, every trained net is more cardinal than every net "
              + "trained on the images turned by 45°", smallestGap > ROTATED_CONTROL.bound());
      for (int k = 0; k < normal.size(); k++) {
        rotatedV = rotatedV.with("trained seed " + (k + 1), mean(normal.get(k), conv));
      }
      for (int k = 0; k < turned.size(); k++) {
        rotatedV = rotatedV.with("turned seed " + (k + 1), mean(turned.get(k), conv));
      }
      v.add(rotatedV.with("smallest gap", smallestGap));
      double[] trained = normal.stream().mapToDouble(m -> mean(m, STAGE2)).toArray();
      double[] nulls = untrained.stream().mapToDouble(m -> mean(m, STAGE2)).toArray();
      double mw = RankTests.mannWhitneyGreater(trained, nulls);
      v.add(UNTRAINED_NULL.verdict("C2 CNN", "the trained nets' second stage ranks above " + nulls.length + " untrained nets",
              mw < UNTRAINED_NULL.bound())
          .with("p", mw).with("trained mean", Arrays.stream(trained).average().orElseThrow())
          .with("untrained mean", Arrays.stream(nulls).average().orElseThrow()));
      double[] p = new double[normal.size()];
      for (int k = 0; k < p.length; k++) {
        p[k] = RankTests.permutationP(trained[k], shuffled.get(k).stream().mapToDouble(m -> mean(m, STAGE2)).toArray());
      }
      double fisher = RankTests.fisher(p);
      v.add(SHUFFLED_NULL.verdict("C2 CNN", "each trained net's second stage ranks above its own " + shuffled.get(0).size()
              + " weight shuffles (combined over seeds)", fisher < SHUFFLED_NULL.bound())
          .with("p", fisher));
      return v;
    }

    /**
     * C3: at every probe point where two nets trained on the same hues agree (their axial lag
     * within {@link #SECTOR_BAR} of 0°), the control nets' hue preference moved by 90°.
     */
    public List<Verdict> hueVerdicts() {
      List<String> decided = new ArrayList<>();
      List<String> undecided = new ArrayList<>();
      for (String pt : points) {
        boolean agree = sameHueLags.stream().allMatch(m -> distanceFromZero(m.get(pt)) < SECTOR_BAR);
        (agree ? decided : undecided).add(pt);
      }
      double worstMean = 0;
      double worstSpread = 0;
      double nearestZero = 90;
      for (String pt : decided) {
        double[] lags = hueLags.stream().mapToDouble(m -> m.get(pt)).toArray();
        CircularSample s = CircularSample.of(180, lags);
        worstMean = Math.max(worstMean, Math.abs(s.meanOffsetFrom(90)));
        worstSpread = Math.max(worstSpread, lags.length > 1 ? s.standardDeviation() : 0);
        for (double l : lags) {
          nearestZero = Math.min(nearestZero, distanceFromZero(l));
        }
      }
      boolean enough = decided.size() * 2 >= points.size();
      boolean moved = worstMean <= SECTOR_BAR && worstSpread < SECTOR_BAR && nearestZero >= SECTOR_BAR;
      Verdict lag = HUE_LAG.verdict("C3", "the hue-shifted nets' axial hue preference moved by 90° at every layer where nets trained on "
              + "the same hues agree (" + decided.size() + " of " + points.size() + " layers"
              + (undecided.isEmpty() ? "" : "; not reproducible across seeds at " + String.join(", ", undecided)) + ")",
              enough && moved)
          .with("largest |mean − 90°|", worstMean).with("largest spread", worstSpread).with("nearest lag to 0°", nearestZero)
          .with("layers decided", decided.size());
      return List.of(lag);
    }

    static double distanceFromZero(double axialLag) {
      double a = ((axialLag % 180) + 180) % 180;
      return Math.min(a, 180 - a);
    }
  }

  /** {@link Claim#C2CNN} with {@code settings}: the shared trainings, then its verdicts and figures. */
  static ClaimResult reproduceCardinalBias(ClaimSettings settings, Path dir) {
    Summary s = shared(settings);
    return Claim.C2CNN.result(s.cardinalBiasVerdicts(), s.cardinalFigures());
  }

  /** {@link Claim#C3} with {@code settings}: the shared trainings, then its verdict and figures. */
  static ClaimResult reproduceHue(ClaimSettings settings, Path dir) {
    Summary s = shared(settings);
    return Claim.C3.result(s.hueVerdicts(), s.hueFigures());
  }

  /**
   * The CNN trainings of a reproduction, run once (under {@code out/cnn}; each claim's figures in its
   * own folder): normal nets of 2 seeds and one control (turned images), 4000 steps each (full
   * sizes: 4 seeds of both, 10,000 steps; quick: 40 steps, 3 nulls).
   */
  private static Summary shared(ClaimSettings settings) {
    return settings.cnn(() -> {
      boolean quick = settings.quick();
      boolean full = settings.full();
      CnnCodes codes = new CnnCodes(settings.source(CnnCodes::embeddedScenes), quick ? 40 : full ? 10_000 : 4_000, full ? 4 : 2)
          .controls(full ? 4 : 1).firstSeed(settings.seed());
      if (quick) {
        codes.nulls(3, 3);
      }
      Path out = settings.out();
      return codes.run(out.resolve("cnn"), out.resolve(Claim.C2CNN.folder()), out.resolve(Claim.C3.folder()));
    });
  }

  /** Trains, probes and writes the trainings, the summary and the figures under {@code out}. */
  public Summary run(Path out) {
    return run(out, out, out);
  }

  /**
   * Trains and probes under {@code out} (one folder per training run, {@code cnn-codes.json}),
   * writing C2's figures under {@code cardinalFigures} and C3's under {@code hueFigures}.
   */
  public Summary run(Path out, Path cardinalFigures, Path hueFigures) {
    ImageSource turnedImages = control(images);
    int classes = task(images).classes();
    List<String> points = points(classes);
    Map<Double, Double> bias = imageBias(images);
    Map<Double, Double> turnedBias = imageBias(rotated(images, 45));
    double f = probeFrequency(bias);
    Gabor gabor = gabor(f);
    System.out.println(String.format(Locale.ROOT, "C2 CNN: images' CBI per frequency (normal | turned): %s; probe frequency %.1f c/deg",
        describe(bias, turnedBias), f));
    List<Map<String, Double>> normal = new ArrayList<>();
    List<Map<String, Double>> turned = new ArrayList<>();
    List<Map<String, SensitivityCurve>> normalOrientation = new ArrayList<>();
    List<Map<String, SensitivityCurve>> turnedOrientation = new ArrayList<>();
    List<Map<String, SensitivityCurve>> normalHue = new ArrayList<>();
    List<Map<String, SensitivityCurve>> turnedHue = new ArrayList<>();
    List<List<ParameterValues>> trained = new ArrayList<>();
    for (int k = 0; k < seeds; k++) {
      long seed = firstSeed + k;
      Results n = train("cnn-normal-s" + seed, images, steps, seed, out.resolve("trainings").resolve("normal-s" + seed));
      trained.add(n.finalParameters());
      normalOrientation.add(orientation("normal", classes, n.finalParameters(), gabor, points));
      normalHue.add(hue("normal", classes, n.finalParameters(), points));
      normal.add(cbi(normalOrientation.get(k)));
      if (k < controls) {
        Results t = train("cnn-turned-s" + seed, turnedImages, steps, seed, out.resolve("trainings").resolve("turned-s" + seed));
        turnedOrientation.add(orientation("turned", classes, t.finalParameters(), gabor, points));
        turnedHue.add(hue("turned", classes, t.finalParameters(), points));
        turned.add(cbi(turnedOrientation.get(k)));
      }
    }
    List<Map<String, SensitivityCurve>> untrainedCurves = new ArrayList<>();
    for (int j = 0; j < untrained; j++) {
      untrainedCurves.add(orientation("untrained", classes, null, gabor, points, 11 + j));
    }
    List<List<Map<String, Double>>> shuffled = new ArrayList<>();
    List<Map<String, SensitivityCurve>> shuffledCurves = new ArrayList<>();
    for (int k = 0; k < seeds; k++) {
      List<Map<String, Double>> own = new ArrayList<>();
      for (int j = 1; j <= shuffles; j++) {
        Map<String, SensitivityCurve> c = orientation("shuffled", classes, Shuffles.authors(trained.get(k), j), gabor, points);
        shuffledCurves.add(c);
        own.add(cbi(c));
      }
      shuffled.add(own);
    }
    List<Map<String, Double>> lags = new ArrayList<>();
    List<Map<String, Double>> sameHue = new ArrayList<>();
    for (int k = 0; k < seeds; k++) {
      Map<String, Double> l = new LinkedHashMap<>();
      Map<String, Double> c = new LinkedHashMap<>();
      for (String pt : points) {
        l.put(pt, turnedHue.get(k % controls).get(pt).axialShiftFrom(normalHue.get(k).get(pt)));
        if (k + 1 < seeds) {
          c.put(pt, normalHue.get(k + 1).get(pt).axialShiftFrom(normalHue.get(k).get(pt)));
        }
      }
      lags.add(l);
      if (!c.isEmpty()) {
        sameHue.add(c);
      }
    }
    List<Map<String, Double>> untrainedCbi = untrainedCurves.stream().map(CnnCodes::cbi).toList();
    double[] histogram = HueHistogram.of(images).smoothed(5);
    double[] turnedHistogram = HueHistogram.of(turnedImages).smoothed(5);
    CnnFigures figs = new CnnFigures(cardinalFigures, hueFigures, points, f);
    List<Plot.Figure> cardinal = List.of(
        figs.cbiByLayer(normal, turned, untrainedCbi, shuffled),
        figs.orientationCurves(normalOrientation, turnedOrientation, untrainedCurves, shuffledCurves, images),
        figs.orientationPolar(normalOrientation, turnedOrientation, untrainedCurves, shuffledCurves),
        figs.imageBias(bias, turnedBias));
    List<Plot.Figure> hue = List.of(
        figs.hueCurves(normalHue, turnedHue, histogram, turnedHistogram),
        figs.huePolar(normalHue, turnedHue),
        figs.hueLags(lags, sameHue));
    Summary s = new Summary(f, bias, turnedBias, points, normal, turned, untrainedCbi, shuffled, lags, sameHue, cardinal, hue);
    try (RunWriter w = RunWriter.open(out)) {
      w.writeAtomically("cnn-codes.json", Json.write(Map.of("claims", "C2 (CNN) and C3", "images", images.describe(),
          "steps", steps, "seeds", seeds, "controls", controls, "firstSeed", firstSeed,
          "control", "rotated by 45° and hue-shifted by +90°",
          "probeFrequency", f, "summary", s)));
    }
    print(s);
    return s;
  }

  private static void print(Summary s) {
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "C2 CNN, CBI per probe point at %.1f c/deg%n%-12s", s.probeFrequency(), "point"));
    s.points().forEach(p -> sb.append(String.format(Locale.ROOT, " %8s", p)));
    for (int k = 0; k < s.normal().size(); k++) {
      row(sb, "normal s" + (k + 1), s.points(), s.normal().get(k));
    }
    for (int k = 0; k < s.turned().size(); k++) {
      row(sb, "turned s" + (k + 1), s.points(), s.turned().get(k));
    }
    row(sb, "untrained", s.points(), meanOf(s.untrained(), s.points()));
    row(sb, "shuffled", s.points(), meanOf(s.shuffled().stream().flatMap(List::stream).toList(), s.points()));
    sb.append(String.format(Locale.ROOT, "%nC3, axial hue lag (turned vs normal net, mod 180°)%n%-12s", "point"));
    s.points().forEach(p -> sb.append(String.format(Locale.ROOT, " %8s", p)));
    for (int k = 0; k < s.hueLags().size(); k++) {
      row(sb, "pair s" + (k + 1), s.points(), s.hueLags().get(k));
    }
    for (int k = 0; k < s.sameHueLags().size(); k++) {
      row(sb, "same hue " + (k + 1), s.points(), s.sameHueLags().get(k));
    }
    System.out.println(sb);
  }

  private static void row(StringBuilder sb, String label, List<String> points, Map<String, Double> values) {
    sb.append(String.format(Locale.ROOT, "%n%-12s", label));
    points.forEach(p -> sb.append(String.format(Locale.ROOT, " %8.3f", values.get(p))));
  }

  static Map<String, Double> meanOf(List<Map<String, Double>> runs, List<String> points) {
    Map<String, Double> m = new LinkedHashMap<>();
    for (String p : points) {
      m.put(p, runs.stream().mapToDouble(r -> r.get(p)).average().orElse(Double.NaN));
    }
    return m;
  }

  private static String describe(Map<Double, Double> a, Map<Double, Double> b) {
    List<String> parts = new ArrayList<>();
    a.forEach((k, v) -> parts.add(String.format(Locale.ROOT, "%.1f: %.3f | %.3f", k, v, b.get(k))));
    return String.join(", ", parts);
  }

  private Map<String, SensitivityCurve> orientation(String name, int classes, @Nullable List<ParameterValues> params, Gabor g,
      List<String> points) {
    return orientation(name, classes, params, g, points, 0);
  }

  private static Map<String, SensitivityCurve> orientation(String name, int classes, @Nullable List<ParameterValues> params, Gabor g,
      List<String> points, long seed) {
    Results r = measure("c2-cnn-" + name, classes, params, seed, Probes.sensitivity(g).named("gabor").at(points.toArray(new String[0])).batch(30));
    Map<String, SensitivityCurve> out = new LinkedHashMap<>();
    for (String p : points) {
      out.put(p, SensitivityCurve.of(g, r.series("sensitivity-gabor", p).row(0)));
    }
    return out;
  }

  private static Map<String, SensitivityCurve> hue(String name, int classes, List<ParameterValues> params, List<String> points) {
    Results r = measure("c3-" + name, classes, params, 0, Probes.sensitivity(HUE).named("hue").at(points.toArray(new String[0])).batch(16));
    Map<String, SensitivityCurve> out = new LinkedHashMap<>();
    for (String p : points) {
      out.put(p, SensitivityCurve.of(HUE, r.series("sensitivity-hue", p).row(0)));
    }
    return out;
  }

  static Map<String, Double> cbi(Map<String, SensitivityCurve> curves) {
    Map<String, Double> out = new LinkedHashMap<>();
    curves.forEach((p, c) -> out.put(p, c.cardinalBias().index()));
    return out;
  }

  static double mean(Map<String, Double> m, List<String> keys) {
    return keys.stream().mapToDouble(m::get).average().orElseThrow();
  }
}
