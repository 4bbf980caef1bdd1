package io.github.gradsense.claims;

import io.github.gradsense.analysis.PathwayTheory;
import io.github.gradsense.data.HierarchyTask;
import io.github.gradsense.data.Tasks;
import io.github.gradsense.experiment.Experiment;
import io.github.gradsense.experiment.ProbeSeries;
import io.github.gradsense.experiment.Results;
import io.github.gradsense.experiment.Sweep;
import io.github.gradsense.experiment.SweepRunner;
import io.github.gradsense.network.Networks;
import io.github.gradsense.network.NormalInit;
import io.github.gradsense.network.Pathways;
import io.github.gradsense.probe.Probes;
import io.github.gradsense.report.Json;
import io.github.gradsense.report.Plot;
import io.github.gradsense.report.Report;
import io.github.gradsense.report.RunWriter;
import io.github.gradsense.report.Verdict;
import io.github.gradsense.runtime.RuntimeConfig;
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
 * Claim C6 (Shi, Shea-Brown &amp; Buice 2022): two parallel deep linear pathways trained on the
 * hierarchical task (8 items → 15 features) share each input–output mode when shallow and give it
 * to one pathway when deep. Sweeps the depth over several seeds, and writes
 * {@code concentration.csv} (depth, seed, mode, K₁, K₂, c), {@code trajectories.csv} (the
 * {@code K_a(α, α)} of every run over training), {@code c6.json}, and two plots:
 * {@code concentration-vs-depth.png} (median concentration over the non-degenerate modes, per seed,
 * with the reduced theory's median) and {@code trajectories-D<deepest>.png}.
 *
 * <p>The default width is 250 with {@code ε = 0.01·√(1000/250) = 0.02}, which keeps the paper's
 * per-layer gain {@code ε√n ≈ 0.32} (about 2 minutes on 2 cores for 3 seeds); width 1000
 * is the paper's net ({@code ε = 0.01}).
 *
 * <pre>{@code
 * PathwaySpecialisation.Summary s = PathwaySpecialisation.of(Path.of("out/pathways"), 250, 3, 2, 3, 4, 7).run();
 * }</pre>
 */
public final class PathwaySpecialisation {
  /** The concentration rises with depth. */
  public static final Criterion TREND = Criterion.ordering("seed mean of the median concentration c = |K₁ − K₂| / (|K₁| + |K₂|)",
      "strictly rising in D", "test the trend, not the values (METHODS §F6); the reduced theory rises with D (Shi et al. Figs. 4–7)");
  /** Shallow pathways share each mode. */
  public static final Criterion SHARED = Criterion.of("mean c at D = 2", "< 0.2", 0.2,
      "near-equal sharing: the reduced theory gives 0.09 and an independent replica 0.04 (C6 conformance test)");
  /** Deep pathways give each mode mostly to one pathway. */
  public static final Criterion ONE_PATHWAY = Criterion.of("mean c at D = 7", "> 0.5", 0.5,
      "c > 0.5: the dominant pathway carries > 3/4 of the mode; theory and replica ≈ 0.67 (Shi et al.)");

  private Path out = Path.of("out/pathways");
  private int[] depths = {2, 3, 4, 7};
  private int seeds = 3;
  private int width = 250;
  private boolean relu;
  private long firstSeed = 1;

  private PathwaySpecialisation() {}

  /**
   * One run's final mode entries and its pathway-share series.
   *
   * @param depth weight matrices per pathway
   * @param seed training seed
   * @param k1 pathway 1's {@code K(α, α)} per mode
   * @param k2 pathway 2's
   * @param concentration per mode
   * @param loss final loss
   * @param series the probe's series over training
   */
  public record Run(int depth, long seed, double[] k1, double[] k2, double[] concentration, double loss, ProbeSeries series) {

    /** Median concentration over the modes {@code modes} (0-based). */
    public double median(List<Integer> modes) {
      double[] c = modes.stream().mapToDouble(m -> concentration[m]).sorted().toArray();
      return c.length % 2 == 1 ? c[c.length / 2] : 0.5 * (c[c.length / 2 - 1] + c[c.length / 2]);
    }
  }

  /** The sweep with these settings, writing under {@code out}. */
  public static PathwaySpecialisation of(Path out, int width, int seeds, int... depths) {
    PathwaySpecialisation p = new PathwaySpecialisation();
    p.out = out;
    p.width = width;
    p.seeds = seeds;
    p.depths = depths.clone();
    return p;
  }

  /** Seeds {@code seed}, {@code seed + 1}, … (default 1). */
  public PathwaySpecialisation firstSeed(long seed) {
    this.firstSeed = seed;
    return this;
  }

  /** With a ReLU after every matrix ({@code on}) or linear (the default). */
  public PathwaySpecialisation relu(boolean on) {
    this.relu = on;
    return this;
  }

  /** {@link Claim#C6} with {@code settings}: depths 2, 3, 4, 7 over 3 seeds (quick: 2, 3 at width 16, one seed). */
  static ClaimResult reproduce(ClaimSettings settings, Path dir) {
    PathwaySpecialisation p = settings.quick() ? of(dir, 16, 1, 2, 3) : of(dir, settings.full() ? 1000 : 250, 3, 2, 3, 4, 7);
    Summary s = p.firstSeed(settings.seed()).run();
    return Claim.C6.result(s.verdicts(), s.figures());
  }

  /** The training steps the authors used at {@code depth} (METHODS §F3). */
  public static long steps(int depth) {
    return depth <= 2 ? 1000 : depth <= 4 ? 10_000 : 20_000;
  }

  /** The network at {@code depth}: two pathways, {@code ε = 0.01·√(1000/width)}. */
  public static Pathways network(int depth, int width, boolean relu) {
    Pathways p = Networks.pathways(15).depth(depth).width(width).init(new NormalInit(0.01 * Math.sqrt(1000.0 / width)));
    return relu ? p.relu() : p;
  }

  /** The experiment of one run at {@code depth} (seed 0; a sweep sets the seed). */
  public static Experiment experiment(int depth, int width, boolean relu) {
    HierarchyTask tree = Tasks.hierarchy();
    long steps = steps(depth);
    return Experiment.named("pathways-D" + depth).task(tree).network(network(depth, width, relu))
        .train(Training.sgd(0.01).batch(tree.items()).steps(steps))
        .probe(Probes.pathwayShare().every(steps / 100))
        .runtime(RuntimeConfig.defaults());
  }

  /** Trains one run and reads its final mode matrices; the run's report goes under {@code dir} if given. */
  public static Run train(int depth, int width, boolean relu, long seed, @Nullable Path dir) {
    Experiment e = experiment(depth, width, relu).renamed("pathways-D" + depth + "-s" + seed).training(t -> t.seed(seed));
    Results r = dir == null ? e.run() : e.run(Report.to(dir));
    return run(depth, seed, r.series("pathway-share"), r.finalLoss());
  }

  private static Run run(int depth, long seed, ProbeSeries s, double loss) {
    int modes = 8;
    double[] k1 = new double[modes];
    double[] k2 = new double[modes];
    double[] c = new double[modes];
    for (int m = 0; m < modes; m++) {
      k1[m] = s.last("m" + (m + 1) + "-k1");
      k2[m] = s.last("m" + (m + 1) + "-k2");
      c[m] = s.last("m" + (m + 1) + "-c");
    }
    return new Run(depth, seed, k1, k2, c, loss, s);
  }

  /**
   * The sweep's headline numbers: the median concentration of the non-degenerate modes per depth and
   * seed, the reduced theory's median per depth, and the figures.
   *
   * @param medians per depth, one median per seed
   * @param theory the reduced theory's median per depth (s = 0.1, S = 10)
   * @param figures the plots written
   */
  public record Summary(Map<Integer, double[]> medians, double[] theory, List<Plot.Figure> figures) {

    /** Mean over seeds at {@code depth}. */
    public double mean(int depth) {
      return Arrays.stream(medians.get(depth)).average().orElse(Double.NaN);
    }

    /**
     * The verdicts, with the conformance suite's bounds ({@code C6PathwaySpecialisationTest}): the
     * seed-mean concentration rises with depth, is below 0.2 at D = 2 (near-equal sharing) and above
     * 0.5 at D = 7 (mostly one pathway).
     */
    public List<Verdict> verdicts() {
      List<Integer> d = new ArrayList<>(medians.keySet());
      boolean rises = true;
      for (int i = 0; i < d.size(); i++) {
        rises &= i == 0 || mean(d.get(i)) > mean(d.get(i - 1));
      }
      Verdict trend = TREND.verdict("C6", "the concentration of modes 1–2 rises with pathway depth", rises);
      for (int depth : d) {
        trend = trend.with("mean c at D = " + depth, mean(depth));
      }
      List<Verdict> out = new ArrayList<>(List.of(trend));
      if (medians.containsKey(2)) {
        out.add(SHARED.verdict("C6", "D = 2: near-equal sharing", mean(2) < SHARED.bound()).with("mean c", mean(2)));
      }
      if (medians.containsKey(7)) {
        out.add(ONE_PATHWAY.verdict("C6", "D = 7: mostly one pathway", mean(7) > ONE_PATHWAY.bound()).with("mean c", mean(7)));
      }
      return out;
    }
  }

  /** Runs the sweep, writes its tables and plots under {@code out}, and returns its numbers. */
  public Summary run() {
    List<Run> runs = new ArrayList<>();
    List<String> concentration = new ArrayList<>(List.of("depth,seed,mode,k1,k2,c"));
    List<String> trajectories = new ArrayList<>(List.of("depth,seed,step,mode,k1,k2"));
    List<Integer> single = List.of(0, 1);                       // the hierarchy's non-degenerate modes
    Map<Integer, double[]> medians = new LinkedHashMap<>();
    List<Integer> depthList = Arrays.stream(depths).boxed().toList();
    long[] seedList = java.util.stream.LongStream.range(firstSeed, firstSeed + seeds).toArray();
    // one sweep of depth × seed: cells under out/cells/<spec hash>, finished cells kept on a rerun
    Sweep sweep = Sweep.of(experiment(depths[0], width, relu))
        .over("depth", (Experiment e, Integer d) -> experiment(d, width, relu), depthList)
        .overSeeds(seedList);
    Sweep.SweepResult swept = sweep.run(out, SweepRunner.local(1));
    java.util.Iterator<Sweep.Cell> cells = swept.cells().iterator();
    for (int depth : depths) {
      double[] perSeed = new double[seeds];
      for (long seed = firstSeed; seed < firstSeed + seeds; seed++) {
        Sweep.Cell cell = cells.next();
        Run run = run(depth, seed, swept.series(cell, "pathway-share"), swept.finalLoss(cell));
        runs.add(run);
        perSeed[(int) (seed - firstSeed)] = run.median(single);
        for (int m = 0; m < 8; m++) {
          concentration.add(String.format(Locale.ROOT, "%d,%d,%d,%.6g,%.6g,%.6g", depth, seed, m + 1, run.k1()[m], run.k2()[m],
              run.concentration()[m]));
        }
      }
      medians.put(depth, perSeed);
      System.out.printf(Locale.ROOT, "D = %d: median concentration of modes 1-2 per seed %s%n", depth, Arrays.toString(perSeed));
    }
    double[] theory = Arrays.stream(depths).mapToDouble(d -> new PathwayTheory(d, 10).sweep(2, 100, 0.1, 1).medianConcentration()).toArray();
    List<Plot.Figure> figures = new ArrayList<>();
    try (RunWriter w = RunWriter.open(out)) {
      w.writeAtomically("concentration.csv", String.join("\n", concentration) + "\n");
      for (Run run : runs) {
        ProbeSeries s = run.series();
        for (int i = 0; i < s.size(); i++) {
          for (int m = 1; m <= 8; m++) {
            trajectories.add(String.format(Locale.ROOT, "%d,%d,%d,%d,%.6g,%.6g", run.depth(), run.seed(), s.steps()[i], m,
                s.column("m" + m + "-k1")[i], s.column("m" + m + "-k2")[i]));
          }
        }
      }
      w.writeAtomically("trajectories.csv", String.join("\n", trajectories) + "\n");
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("claim", "C6 pathway specialisation rises with depth");
      json.put("width", width);
      json.put("activation", relu ? "relu" : "linear");
      json.put("medianConcentrationPerSeed", medians);
      json.put("reducedTheoryMedian(s=0.1,S=10)", theory);
      w.writeAtomically("c6.json", Json.write(json));
      Summary partial = new Summary(medians, theory, List.of());
      StringBuilder means = new StringBuilder();
      for (int depth : depths) {
        means.append(String.format(Locale.ROOT, "D = %d: %.3f, ", depth, partial.mean(depth)));
      }
      figures.add(plotConcentration(medians, theory).writeTo(w, "concentration-vs-depth").explained("Look for the "
          + "concentration c rising with the pathways' depth D, near 0 (modes shared) for shallow pathways and toward 1 "
          + "(each mode in one pathway) for deep ones, as the reduced theory (dashed) does. Seed means of the median c: "
          + means.substring(0, means.length() - 2) + " (must rise strictly; < 0.2 at D = 2, > 0.5 at D = 7)."));
      int deepest = Arrays.stream(depths).max().orElseThrow();
      Run shown = runs.stream().filter(r -> r.depth() == deepest).findFirst().orElseThrow();
      figures.add(plotTrajectories(shown).writeTo(w, "trajectories-D" + deepest).explained("Look for each mode's "
          + "strength moving into one pathway as training goes on (one pathway's share growing while the other's stays small) "
          + "at the deepest D; the concentration figure reads the end points."));
    }
    System.out.println("\nreport: " + out.toAbsolutePath());
    return new Summary(medians, theory, figures);
  }

  private static Plot plotConcentration(Map<Integer, double[]> medians, double[] theory) {
    Plot p = Plot.titled("Concentration of the non-degenerate modes", "weight matrices per pathway D",
        "median concentration c = |K₁ − K₂| / (|K₁| + |K₂|)").yRange(0, 1);
    List<Double> xs = new ArrayList<>();
    List<Double> ys = new ArrayList<>();
    double[] depth = medians.keySet().stream().mapToDouble(Integer::doubleValue).toArray();
    double[] mean = medians.values().stream().mapToDouble(c -> Arrays.stream(c).average().orElse(Double.NaN)).toArray();
    medians.forEach((d, cs) -> Arrays.stream(cs).forEach(c -> {
      xs.add((double) d);
      ys.add(c);
    }));
    return p.points("per seed", xs.stream().mapToDouble(Double::doubleValue).toArray(), ys.stream().mapToDouble(Double::doubleValue).toArray())
        .line("mean over seeds", depth, mean)
        .theory("reduced theory (s = 0.1)", depth, theory);
  }

  private static Plot plotTrajectories(Run run) {
    Plot p = Plot.titled("K_a(α, α) over training, D = " + run.depth() + ", seed " + run.seed(), "step",
        "pathway a's share of mode α, K_a(α, α)");
    double[] steps = Arrays.stream(run.series().steps()).asDoubleStream().toArray();
    for (int m = 1; m <= 2; m++) {
      for (int a = 1; a <= 2; a++) {
        p.line("mode " + m + ", pathway " + a, steps, run.series().column("m" + m + "-k" + a));
      }
    }
    return p;
  }
}
