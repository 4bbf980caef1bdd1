package io.github.gradsense.claims;

import io.github.gradsense.data.LabelNoise;
import io.github.gradsense.data.OrientationPrior;
import io.github.gradsense.data.OrientationTask;
import io.github.gradsense.data.Tasks;
import io.github.gradsense.experiment.Experiment;
import io.github.gradsense.experiment.ProbeSeries;
import io.github.gradsense.network.Networks;
import io.github.gradsense.network.Sequential;
import io.github.gradsense.probe.Probes;
import io.github.gradsense.report.Plot;
import io.github.gradsense.report.Report;
import io.github.gradsense.report.RunWriter;
import io.github.gradsense.report.Verdict;
import io.github.gradsense.train.Training;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The main job's C5 (Benjamin et al. 2022, Fig. 6): the 4096→1024→256→60 MLP classifying grating
 * orientation, trained in three conditions — a 3:1 prior, the same prior with label noise that
 * balances the information per bin, and a uniform prior with that noise — with per-bin accuracy at
 * 0°, 45° and 90° over training; one plot per condition under {@code out}.
 *
 * <pre>{@code
 * FrequencyVersusInformation.Summary s = new FrequencyVersusInformation(300, 512, 1).run(Path.of("out/frequency"));
 * }</pre>
 */
public final class FrequencyVersusInformation {
  /** Under the 3:1 prior the bins are learned in the prior's order. */
  public static final Criterion PRIOR_ORDER = Criterion.ordering("steps to half accuracy t½ at 90°, 45°, 0°",
      "t½(90°) < t½(45°) ≤ t½(0°)", "the prior's order 3:2:1 (the paper's Fig. 6; METHODS §E3)");
  /** With the information balanced, the common angle is still learned first. */
  public static final Criterion BALANCED_ORDER = Criterion.ordering("t½ at 90° and 0°", "t½(90°) < t½(0°)",
      "an ordering, no margin: the paper's Fig. 6d (common angles still first)");
  /** Under a uniform prior with the same noise, the less noisy angle is learned first. */
  public static final Criterion NOISY_ORDER = Criterion.ordering("t½ at 0° and 90°", "t½(0°) < t½(90°)",
      "an ordering, no margin: the paper's Fig. 6b (informative angles first)");
  private static final LabelNoise BALANCED = LabelNoise.balanced(60, OrientationPrior.COMMON_VERTICAL, 1.3, 0.15);
  private static final String[] BINS = {"class0", "class15", "class30"};
  private static final Map<String, String> READING = Map.of(
      "prior", "Under the 3:1 prior, look for 90° (the most common) rising first, then 45°, then 0°.",
      "balanced", "With label noise that balances the information, look for the common 90° still rising before 0°.",
      "noisy", "With a uniform prior and the same noise, look for the less noisy 0° rising before 90°: frequency, not information, set the first two orders.");

  private final long steps;
  private final int batch;
  private final long seed;

  /** {@code steps} updates of batch {@code batch} (the conformance suite: 300 and 512) from {@code seed}. */
  public FrequencyVersusInformation(long steps, int batch, long seed) {
    this.steps = steps;
    this.batch = batch;
    this.seed = seed;
  }

  /** {@link Claim#C5} with {@code settings}: 300 steps of batch 512 (quick: 20 of 32), writing under {@code dir}. */
  static ClaimResult reproduce(ClaimSettings settings, Path dir) {
    Summary s = new FrequencyVersusInformation(settings.quick() ? 20 : 300, settings.quick() ? 32 : 512, settings.seed()).run(dir);
    return Claim.C5.result(s.verdicts(), s.figures());
  }

  /**
   * Steps to half accuracy (first probe at ≥ 0.5; infinite if never) at 0°, 45° and 90°, per
   * condition, and the figures.
   */
  public record Summary(Map<String, double[]> halfAccuracyStep, Map<String, double[]> meanAccuracy, List<Plot.Figure> figures) {

    /** The verdicts, with the orderings the conformance test pins ({@code C5FrequencyVersusInformationTest}). */
    public List<Verdict> verdicts() {
      double[] p = halfAccuracyStep.get("prior");
      double[] b = halfAccuracyStep.get("balanced");
      double[] n = halfAccuracyStep.get("noisy");
      return List.of(
          PRIOR_ORDER.verdict("C5", "3:1 prior: 90° learned first, then 45°, then 0° (steps to half accuracy)",
                  Double.isFinite(p[2]) && p[2] < p[1] && p[1] <= p[0]).with("t½ 0°", p[0]).with("t½ 45°", p[1]).with("t½ 90°", p[2]),
          BALANCED_ORDER.verdict("C5", "balanced information: the common 90° still learned before 0°", Double.isFinite(b[2]) && b[2] < b[0])
              .with("t½ 0°", b[0]).with("t½ 90°", b[2]),
          NOISY_ORDER.verdict("C5", "uniform prior with the same noise: the less noisy 0° learned before 90°", Double.isFinite(n[0]) && n[0] < n[2])
              .with("t½ 0°", n[0]).with("t½ 90°", n[2]));
    }
  }

  /** Trains the three conditions and writes their runs and plots under {@code out}. */
  public Summary run(Path out) {
    OrientationTask prior = Tasks.orientationBins().prior(OrientationPrior.COMMON_VERTICAL);
    Map<String, OrientationTask> conditions = new LinkedHashMap<>();
    conditions.put("prior", prior);
    conditions.put("balanced", prior.noise(BALANCED));
    conditions.put("noisy", Tasks.orientationBins().noise(BALANCED));
    Map<String, double[]> half = new LinkedHashMap<>();
    Map<String, double[]> mean = new LinkedHashMap<>();
    List<Plot.Figure> figures = new ArrayList<>();
    for (var c : conditions.entrySet()) {
      ProbeSeries acc = Experiment.named("c5-" + c.getKey()).task(c.getValue())
          .network(Networks.sequential(4096).dense(1024).relu().dense(256).relu().dense(60)
              .init(Sequential.Initializer.TORCH_DEFAULT).initScale(0.1))
          .train(Training.sgd(0.5).batch(batch).steps(steps).seed(seed))
          .probe(Probes.accuracy(0, 15, 30).samples(500).every(10))
          .run(Report.to(out.resolve(c.getKey())))
          .series("accuracy");
      double[] t = new double[3];
      double[] m = new double[3];
      Plot plot = Plot.titled("Accuracy per orientation bin: " + c.getKey(), "step", "accuracy on clean gratings").yRange(0, 1);
      double[] x = Arrays.stream(acc.steps()).asDoubleStream().toArray();
      for (int i = 0; i < 3; i++) {
        t[i] = halfTime(acc, BINS[i]);
        m[i] = Arrays.stream(acc.column(BINS[i])).average().orElseThrow();
        plot.line(new String[] {"0°", "45°", "90°"}[i], x, acc.column(BINS[i]));
      }
      half.put(c.getKey(), t);
      mean.put(c.getKey(), m);
      try (RunWriter w = RunWriter.open(out)) {
        figures.add(plot.writeTo(w, "accuracy-" + c.getKey()).explained(String.format(Locale.ROOT, "%s Steps to half "
            + "accuracy (the verdict's numbers): 0° %.0f, 45° %.0f, 90° %.0f.", READING.get(c.getKey()), t[0], t[1], t[2])));
      }
      System.out.printf("C5 %-8s steps to half accuracy at 0°, 45°, 90°: %s%n", c.getKey(), Arrays.toString(t));
    }
    return new Summary(half, mean, figures);
  }

  private static double halfTime(ProbeSeries acc, String column) {
    double[] a = acc.column(column);
    for (int i = 0; i < a.length; i++) {
      if (a[i] >= 0.5) {
        return acc.steps()[i];
      }
    }
    return Double.POSITIVE_INFINITY;
  }
}
