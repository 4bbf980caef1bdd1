package io.github.gradsense.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gradsense.analysis.CardinalBias;
import io.github.gradsense.data.ImageSource;
import io.github.gradsense.experiment.Results;
import io.github.gradsense.network.ParameterValues;
import io.github.gradsense.network.Shuffles;
import io.github.gradsense.probe.Probes;
import io.github.gradsense.stimulus.Gabor;
import io.github.gradsense.stimulus.Stimuli;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Claim C2 in a deep network (Benjamin et al. Fig. 2, METHODS §H1–3): a small CNN trained on
 * natural images ({@link SmallCnn}) is more sensitive to Gabors near 0°/90° than near 45°/135°,
 * the same CNN trained on the same images rotated by 45° (whole images rotated, crops from the
 * valid region only; on the embedded scenes, every leaf turned) is not, and the bias exceeds
 * untrained and weight-shuffled nulls (its growth with depth is reported, see below).
 *
 * <p>Statistic: the cardinal-bias index {@code CBI} (METHODS §B7: mean √D within ±5° of 0°, 90°,
 * 180° over the same within ±5° of 45°, 135°) at every probe point, for a Gabor in [0, 1] like the
 * crops, 2 cycles/deg (the authors' frequency; 7 px per cycle at 32 px), 90 orientations, 4 phases;
 * a stage's CBI is the mean over its three points (conv, ReLU, max-pool). One layer of one net at
 * one Gabor frequency is noisy (seed-to-seed sd of a point ≈ 0.1–0.2), a stage mean less so.
 *
 * <p>Pinned: (1) for each of {@link #SEEDS} training seeds (every seed must agree; no seed mean
 * can hide one that does not), the normal net's mean CBI over the two convolutional stages (six
 * points, conv1 to maxpool2) exceeds the rotated net's (on the embedded scenes seed 3 fails it
 * today); (2) the trained nets' second-stage CBIs
 * rank above those of 20 untrained nets (init seeds 11–30: the pixel grid's baseline), by the
 * one-sided Mann–Whitney test, exact (all {@code C(24, 4)} splits), p below 5 %: one test of all
 * seeds against the one shared null sample, whose p-values per seed would not be independent;
 * (3) each trained net's second stage ranks above 20 of the authors' weight shuffles of itself
 * (METHODS §B2: the same weights' marginal statistics without their arrangement): each seed's
 * permutation p-value {@code (1 + #{shuffles ≥ trained}) / 21}, independent across seeds since
 * every seed has its own shuffles, combined by Fisher's method ({@code −2 Σ ln p ~ χ²(2k)}), is
 * below 5 % (one-sided). The dense head is reported, not pinned:
 * there the which-image classifier reads out rarer, more discriminative oblique structure (the C5
 * effect in a classification task), and its CBI sits near or below the untrained baseline for
 * normal and rotated nets alike.
 *
 * <p>Measured on the photographs, 2000 steps, under four floating-point paths (default kernels
 * seeds 1–4 and 11–14, oneDNN limited to AVX2, one intra-op thread): the conv-stage gap is
 * 0.087–0.48 for every seed; Mann–Whitney p against untrained 9.4e-5 (every trained net above
 * every untrained one; the smallest p possible) to 0.0017, Fisher's p against shuffles 0.006–0.019. Not pinned, because single seeds break them although they hold on average: the
 * gap in the second stage alone (one thread, seed 3: −0.009; the seed mean 0.29–0.37 everywhere),
 * the bias growing from the first stage to the second (seed 11: 1.24 → 1.21; 9 of 10 seeds grow),
 * the gap growing (seed 3: 0.29 → 0.10), each seed above every untrained net (one thread, seed 3:
 * 1.081, the 14th of 20 untrained nets reaches 1.16) or above 19 of its 20 shuffles (seed 11).
 * The earlier pins (seeds 1 and 2 only: a gap at every point, a gap growing per seed, above 5
 * untrained nets) were true of those seeds and that CPU, not of the training.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("C2 cardinal bias in a small CNN, against rotated, untrained and shuffled nets")
class C2DeepCardinalBiasTest {
  static final Gabor GABOR = Stimuli.gabor().size(SmallCnn.CROP).frequency(2.0).orientations(90).phases(4).inUnitRange();
  static final long[] SEEDS = {1, 2, 3, 4};
  static final List<String> STAGE1 = List.of("conv1", "relu1", "maxpool1");
  static final List<String> STAGE2 = List.of("conv2", "relu2", "maxpool2");

  private int classes;
  private List<String> points;
  private final Map<Long, Map<String, Double>> normal = new LinkedHashMap<>();
  private final Map<Long, Map<String, Double>> rotated = new LinkedHashMap<>();
  private final List<Map<String, Double>> untrained = new ArrayList<>();
  private final Map<Long, List<Map<String, Double>>> shuffled = new LinkedHashMap<>();

  @BeforeAll
  void trainAndMeasure() {
    ImageSource images = SmallCnn.images();
    classes = SmallCnn.task(images).classes();
    points = SmallCnn.points(classes);
    for (long seed : SEEDS) {
      normal.put(seed, cbi("normal", SmallCnn.trained("normal", images, seed), seed));
      rotated.put(seed, cbi("rotated", SmallCnn.trained("rotated45", SmallCnn.rotated(images, 45), seed), seed));
    }
    for (long seed = 11; seed <= 30; seed++) {
      untrained.add(cbi("untrained", null, seed, STAGE2));
    }
    for (long seed : SEEDS) {
      List<ParameterValues> trained = SmallCnn.trained("normal", images, seed);
      List<Map<String, Double>> own = new ArrayList<>();
      for (long k = 1; k <= 20; k++) {
        own.add(cbi("shuffled", Shuffles.authors(trained, k), 0, STAGE2));
      }
      shuffled.put(seed, own);
    }
    System.out.println("C2 deep on " + images.describe() + ", Gabor 2 c/deg, CBI per probe point:");
    System.out.println(String.format(Locale.ROOT, "%-10s %s", "point", String.join(" ", points.stream().map(p -> String.format(Locale.ROOT, "%9s", p)).toList())));
    for (long seed : SEEDS) {
      row("normal s" + seed, normal.get(seed));
      row("rotated s" + seed, rotated.get(seed));
    }
    summary("untrained", untrained, STAGE2);
    for (long seed : SEEDS) {
      summary("shuffled s" + seed, shuffled.get(seed), STAGE2);
    }
    for (long seed : SEEDS) {
      System.out.println(String.format(Locale.ROOT, "seed %d: stage means normal %.3f → %.3f, rotated %.3f → %.3f; gap %.3f → %.3f",
          seed, mean(normal.get(seed), STAGE1), mean(normal.get(seed), STAGE2), mean(rotated.get(seed), STAGE1),
          mean(rotated.get(seed), STAGE2), mean(normal.get(seed), STAGE1) - mean(rotated.get(seed), STAGE1),
          mean(normal.get(seed), STAGE2) - mean(rotated.get(seed), STAGE2)));
    }
  }

  private Map<String, Double> cbi(String name, @Nullable List<ParameterValues> params, long seed) {
    return cbi(name, params, seed, points);
  }

  private Map<String, Double> cbi(String name, @Nullable List<ParameterValues> params, long seed, List<String> at) {
    Results r = SmallCnn.measure("c2-" + name, classes, params, seed,
        Probes.sensitivity(GABOR).named("gabor").at(at.toArray(new String[0])).batch(30));
    Map<String, Double> out = new LinkedHashMap<>();
    for (String p : at) {
      out.put(p, CardinalBias.of(GABOR.values(), r.series("sensitivity-gabor", p).row(0)).index());
    }
    return out;
  }

  private void row(String label, Map<String, Double> values) {
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-10s", label));
    for (String p : points) {
      sb.append(String.format(Locale.ROOT, " %9.3f", values.get(p)));
    }
    System.out.println(sb);
  }

  private void summary(String label, List<Map<String, Double>> runs, List<String> at) {
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-10s", label));
    for (String p : at) {
      double[] v = runs.stream().mapToDouble(m -> m.get(p)).toArray();
      double mean = Arrays.stream(v).average().orElseThrow();
      double sd = Math.sqrt(Arrays.stream(v).map(x -> (x - mean) * (x - mean)).sum() / (v.length - 1));
      sb.append(String.format(Locale.ROOT, " %5.3f±%.3f", mean, sd));
    }
    System.out.println(sb + "   (mean ± sd over " + runs.size() + ")");
  }

  private static double mean(Map<String, Double> m, List<String> keys) {
    return keys.stream().mapToDouble(m::get).average().orElseThrow();
  }

  @Test
  @DisplayName("for every seed, over the convolutional stages, the normal net is more cardinal than the rotated net")
  void normal_exceeds_rotated_in_the_convolutional_stages() {
    // On the embedded scenes (SmallCnn's textured variant) seeds 1, 2 and 4 hold (conv-stage gaps
    // 0.28–0.51) and seed 3 fails today: its rotated net comes out more cardinal in the second
    // stage (1.47 against 1.27), its training stopping far above the photographs' loss (3.17
    // against 1.4, chance 4.16). The claim runs there all the same: a seed that fails is a finding.
    List<String> conv = new ArrayList<>(STAGE1);
    conv.addAll(STAGE2);
    for (long seed : SEEDS) {
      assertThat(mean(normal.get(seed), conv)).as("seed %d, conv1–maxpool2: normal vs rotated", seed)
          .isGreaterThan(mean(rotated.get(seed), conv));
    }
  }

  @Test
  @DisplayName("the trained nets' second stages rank above 20 untrained nets (Mann–Whitney, exact, p < 0.05)")
  void the_trained_bias_exceeds_untrained_nets() {
    double[] trained = Arrays.stream(SEEDS).mapToDouble(seed -> mean(normal.get(seed), STAGE2)).toArray();
    double[] nulls = untrained.stream().mapToDouble(m -> mean(m, STAGE2)).toArray();
    double p = mannWhitneyGreater(trained, nulls);
    Report.print("stage-2 CBI of the trained nets, then Mann–Whitney p against 20 untrained nets", concat(trained, p));
    assertThat(p).isLessThan(0.05);
  }

  /**
   * The exact one-sided Mann–Whitney p-value that {@code a} tends to exceed {@code b}: the share of
   * the {@code C(n + m, n)} ways to split the pooled values into {@code n} and {@code m} whose
   * {@code U = #{(x, y): x > y} + ½ #{x = y}} is at least the observed one.
   */
  static double mannWhitneyGreater(double[] a, double[] b) {
    double[] pool = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, pool, a.length, b.length);
    int n = a.length;
    double observed = u(pool, range(n));
    long[] counts = new long[2];      // [splits, splits with U ≥ observed]
    splits(pool, n, 0, new int[n], 0, observed, counts);
    return (double) counts[1] / counts[0];
  }

  private static int[] range(int n) {
    int[] r = new int[n];
    for (int i = 0; i < n; i++) {
      r[i] = i;
    }
    return r;
  }

  private static void splits(double[] pool, int n, int from, int[] chosen, int depth, double observed, long[] counts) {
    if (depth == n) {
      counts[0]++;
      if (u(pool, chosen) >= observed - 1e-9) {
        counts[1]++;
      }
      return;
    }
    for (int i = from; i <= pool.length - (n - depth); i++) {
      chosen[depth] = i;
      splits(pool, n, i + 1, chosen, depth + 1, observed, counts);
    }
  }

  private static double u(double[] pool, int[] chosen) {
    boolean[] in = new boolean[pool.length];
    for (int i : chosen) {
      in[i] = true;
    }
    double u = 0;
    for (int i : chosen) {
      for (int j = 0; j < pool.length; j++) {
        if (!in[j]) {
          u += pool[i] > pool[j] ? 1 : pool[i] == pool[j] ? 0.5 : 0;
        }
      }
    }
    return u;
  }

  @Test
  @DisplayName("Mann–Whitney: four values above all twenty reach 1/C(24,4); four among them give no evidence")
  void mann_whitney_ranks_the_trained_nets_among_the_nulls() {
    double[] nulls = new double[20];
    for (int i = 0; i < 20; i++) {
      nulls[i] = 1 + 0.01 * i;
    }
    assertThat(mannWhitneyGreater(new double[] {2, 2.1, 2.2, 2.3}, nulls)).isCloseTo(1 / 10626.0, org.assertj.core.data.Offset.offset(1e-12));
    // interleaved with the nulls (ranks 3, 8, 13, 18 of 24): no evidence
    assertThat(mannWhitneyGreater(new double[] {1.025, 1.075, 1.125, 1.175}, nulls)).isGreaterThan(0.3);
    // one of four among the nulls' top quarter (5 above it, as one seed at one thread): still evidence, U = 75 of 80
    assertThat(mannWhitneyGreater(new double[] {1.145, 2, 2.1, 2.2}, nulls)).isLessThan(0.005);
    // one of four below every null: U = 60 of 80, p ≈ 0.067, not enough
    assertThat(mannWhitneyGreater(new double[] {0.5, 2, 2.1, 2.2}, nulls)).isGreaterThan(0.05);
  }

  @Test
  @DisplayName("combined over the seeds (Fisher), the trained nets' second stage ranks above their own 20 weight shuffles (p < 0.05)")
  void the_trained_bias_exceeds_its_shuffles() {
    double[] p = new double[SEEDS.length];
    for (int k = 0; k < SEEDS.length; k++) {
      p[k] = rankP(mean(normal.get(SEEDS[k]), STAGE2), shuffled.get(SEEDS[k]));
    }
    double combined = fisher(p);
    Report.print("stage-2 rank test against own shuffles: per-seed p, then Fisher's combined p", concat(p, combined));
    assertThat(combined).isLessThan(0.05);
  }

  /** The one-sided permutation p-value of {@code trained} among the nulls' stage-2 means: {@code (1 + #{≥}) / (1 + n)}. */
  private static double rankP(double trained, List<Map<String, Double>> nulls) {
    long above = nulls.stream().filter(m -> mean(m, STAGE2) >= trained).count();
    return (1.0 + above) / (1.0 + nulls.size());
  }

  @Test
  @DisplayName("Fisher's method: seeds at chance combine to no evidence, seeds all on top to strong evidence")
  void fishers_method_combines_p_values() {
    // four seeds each at the median of their shuffles give no evidence; four ranked first of 21 do
    assertThat(fisher(new double[] {0.5, 0.5, 0.5, 0.5})).isCloseTo(0.6980, org.assertj.core.data.Offset.offset(1e-4));
    assertThat(fisher(new double[] {1 / 21.0, 1 / 21.0, 1 / 21.0, 1 / 21.0})).isLessThan(0.005);
    // one seed: the combined p is its own
    assertThat(fisher(new double[] {0.03})).isCloseTo(0.03, org.assertj.core.data.Offset.offset(1e-12));
  }

  /** Fisher's combined p-value: {@code P(χ²(2k) ≥ −2 Σ ln p)}, in closed form for even degrees of freedom. */
  static double fisher(double[] p) {
    double half = 0;
    for (double x : p) {
      half -= Math.log(x);
    }
    double term = 1;
    double sum = 1;
    for (int i = 1; i < p.length; i++) {
      term *= half / i;
      sum += term;
    }
    return Math.exp(-half) * sum;
  }

  private static double[] concat(double[] a, double b) {
    double[] out = Arrays.copyOf(a, a.length + 1);
    out[a.length] = b;
    return out;
  }
}
