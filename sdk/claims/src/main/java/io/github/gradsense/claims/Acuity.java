package io.github.gradsense.claims;

import io.github.gradsense.analysis.LinearSensitivityTheory;
import io.github.gradsense.analysis.LogLogFit;
import io.github.gradsense.analysis.Thresholds;
import io.github.gradsense.data.Data;
import io.github.gradsense.data.Dataset;
import io.github.gradsense.data.ImageSource;
import io.github.gradsense.data.PowerLawFit;
import io.github.gradsense.experiment.Experiment;
import io.github.gradsense.experiment.ProbeSeries;
import io.github.gradsense.experiment.Results;
import io.github.gradsense.network.Networks;
import io.github.gradsense.probe.Probes;
import io.github.gradsense.report.Json;
import io.github.gradsense.report.Plot;
import io.github.gradsense.report.Report;
import io.github.gradsense.report.RunWriter;
import io.github.gradsense.report.Verdict;
import io.github.gradsense.runtime.RuntimeConfig;
import io.github.gradsense.stimulus.Grating;
import io.github.gradsense.stimulus.Stimuli;
import io.github.gradsense.train.Training;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Claim C4 (Benjamin et al. 2022, Fig. 5f–h): thresholds {@code D^(−1/2)} of a tied linear
 * autoencoder to sinusoidal gratings fall from flat and high to the floor {@code 1/‖∂s/∂f‖}, low
 * frequencies first; acuity (the highest frequency under the authors' criterion, scaled to this
 * grating's floor) grows as {@code t^(1/(2+η))}, {@code 2 + η = 2α} from the PC spectrum. Writes
 * {@code thresholds.csv} (step, frequency, threshold), {@code acuity.csv} and {@code c4.json}.
 *
 * <pre>{@code
 * Acuity.Summary s = new Acuity(ImageSource.synthetic(), 16, 50_000).run(Path.of("out/c4"));
 * }</pre>
 */
public final class Acuity {
  /** Acuity never falls over training. */
  public static final Criterion MONOTONE = Criterion.ordering("acuity(t) over the probed steps", "never decreases",
      "the paper: acuity \"increases monotonically\" (METHODS §H7, §C7)");
  /** Acuity grows with the exponent the PC spectrum predicts, within ±15 %. */
  public static final Criterion EXPONENT = Criterion.of("|fitted exponent / (1/(2α)) − 1|", "≤ 0.15", 0.15,
      "a grating's tangent is not one Fourier mode and a 16-px patch resolves ~8 frequencies (C4 conformance test)");

  private final ImageSource source;
  private final int side;
  private final int count;
  private long seed = 5;

  /** The reproduction on {@code count} grey {@code side}×{@code side} patches of {@code source}. */
  public Acuity(ImageSource source, int side, int count) {
    this.source = source;
    this.side = side;
    this.count = count;
  }

  /** Trains from {@code newSeed} (the initial weights' seed; default 5). */
  public Acuity seed(long newSeed) {
    this.seed = newSeed;
    return this;
  }

  /** {@link Claim#C4} with {@code settings}, writing under {@code dir}. */
  static ClaimResult reproduce(ClaimSettings settings, Path dir) {
    Summary s = new Acuity(settings.source(ImageSource::synthetic), settings.side(), settings.count()).seed(settings.seed()).run(dir);
    return Claim.C4.result(s.verdicts(), s.figures());
  }

  /** Headline numbers. */
  public record Summary(double floor, double criterion, double finalAcuity, double exponent, double predictedExponent,
      boolean monotone, List<Plot.Figure> figures) {

    /**
     * The verdicts: acuity never falls, and grows as {@code t^(1/(2α))} within ±15 % of the
     * exponent the PC spectrum predicts (the conformance test's bound, see {@code C4AcuityTest}).
     */
    public List<Verdict> verdicts() {
      return List.of(
          MONOTONE.verdict("C4", "acuity grows monotonically with training", monotone).with("final acuity", finalAcuity),
          EXPONENT.verdict("C4", "acuity ∝ t^(1/(2α)) with α the spectrum's exponent",
                  Math.abs(exponent / predictedExponent - 1) <= EXPONENT.bound())
              .with("fitted exponent", exponent).with("1/(2α)", predictedExponent));
    }
  }

  /** Trains, measures and writes the report under {@code out}. */
  public Summary run(Path out) {
    Dataset data = Data.naturalPatches(source).patchSize(side).count(count).build(RuntimeConfig.defaults());
    Grating grating = Stimuli.grating().size(side).range(1, side - 2).frequencies(2 * (side - 3) + 1).phases(16);
    double[] floor = Thresholds.of(LinearSensitivityTheory.tangentEnergy(grating));
    double authorsFloor = median(Thresholds.of(LinearSensitivityTheory.tangentEnergy(Stimuli.grating())));
    double criterion = Thresholds.AUTHORS_CRITERION * median(floor) / authorsFloor;
    double eta = 0.9 * data.dim() / (8 * data.pca().eigenvalues()[0]);
    Results r = Experiment.named("c4-acuity").data(data).network(Networks.linearAutoencoder().tied())
        .train(Training.expectedGradient(eta).steps(60_000).seed(seed))
        .probe(Probes.sensitivity(grating).at("hidden1").logSpaced(50))
        .stopWhen("sensitivity-grating", d -> Thresholds.of(d)[d.length - 1] < criterion)
        .run(Report.to(out.resolve("run")));
    ProbeSeries s = r.series("sensitivity-grating");
    double[] f = grating.values();
    List<String> thresholds = new ArrayList<>(List.of("step,frequency,threshold,floor"));
    List<String> acuity = new ArrayList<>(List.of("step,acuity"));
    List<Double> ts = new ArrayList<>();
    List<Double> as = new ArrayList<>();
    double last = 0;
    for (int i = 0; i < s.size(); i++) {
      double[] t = Thresholds.of(s.row(i));
      for (int j = 0; j < f.length; j++) {
        thresholds.add(String.format(Locale.ROOT, "%d,%s,%.6g,%.6g", s.steps()[i], f[j], t[j], floor[j]));
      }
      last = Thresholds.acuity(f, t, criterion);
      acuity.add(String.format(Locale.ROOT, "%d,%.6g", s.steps()[i], last));
      if (last >= 2 * f[0] && last <= 0.9 * f[f.length - 1]) {
        ts.add((double) s.steps()[i]);
        as.add(last);
      }
    }
    double exponent = ts.size() >= 2
        ? LogLogFit.of(ts.stream().mapToDouble(Double::doubleValue).toArray(), as.stream().mapToDouble(Double::doubleValue).toArray()).slope()
        : Double.NaN;
    double alpha = PowerLawFit.ofRanks(data.pca().eigenvalues(), 2, Math.min(60, data.dim())).exponent();
    List<Plot.Figure> figures = new ArrayList<>();
    boolean monotone = true;
    double[] steps = new double[s.size()];
    double[] acuities = new double[s.size()];
    try (RunWriter w = RunWriter.open(out)) {
      Plot thresholdsPlot = Plot.titled("Detection thresholds over training", "grating frequency (radians per image)",
          "threshold D^(−1/2) (contrast units)").logY();
      int every = Math.max(1, s.size() / 6);
      for (int i = 0; i < s.size(); i++) {
        steps[i] = s.steps()[i];
        acuities[i] = Thresholds.acuity(f, Thresholds.of(s.row(i)), criterion);
        monotone &= i == 0 || acuities[i] >= acuities[i - 1] - 1e-9;
        if (i % every == 0 || i == s.size() - 1) {
          thresholdsPlot.line("step " + s.steps()[i], f, Thresholds.of(s.row(i)));
        }
      }
      thresholdsPlot.theory("floor 1/‖∂s/∂f‖", f, floor);
      figures.add(thresholdsPlot.writeTo(w, "thresholds").explained("Look for the thresholds falling with training, low "
          + "frequencies (the images' high-variance PCs) first, toward the floor 1/‖∂s/∂f‖ (dashed) that a perfect code reaches; "
          + "acuity is the highest frequency whose threshold is under the criterion."));
      Plot acuityPlot = Plot.titled("Acuity over training", "step", "acuity (radians per image)").logX().logY()
          .line("acuity", steps, acuities);
      if (ts.size() >= 2) {
        double t0 = ts.get(0);
        double a0 = as.get(0);
        double[] fit = ts.stream().mapToDouble(t -> a0 * Math.pow(t / t0, 1 / (2 * alpha))).toArray();
        acuityPlot.theory("∝ t^(1/(2α)), α from the spectrum", ts.stream().mapToDouble(Double::doubleValue).toArray(), fit);
      }
      figures.add(acuityPlot.writeTo(w, "acuity").explained(String.format(Locale.ROOT, "Look for acuity rising steadily, "
          + "as a straight line on these log axes parallel to the dashed power law t^(1/(2α)) that the images' spectrum "
          + "predicts. Deciding numbers: fitted exponent %.3f against 1/(2α) = %.3f (within ±15 %%); acuity never decreases.",
          exponent, 1 / (2 * alpha))));
    }
    Summary summary = new Summary(median(floor), criterion, last, exponent, 1 / (2 * alpha), monotone, figures);
    try (RunWriter w = RunWriter.open(out)) {
      w.writeAtomically("thresholds.csv", String.join("\n", thresholds) + "\n");
      w.writeAtomically("acuity.csv", String.join("\n", acuity) + "\n");
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("claim", "C4 spatial frequency thresholds and acuity");
      json.put("data", source.describe());
      json.put("summary", summary);
      w.writeAtomically("c4.json", Json.write(json));
    }
    System.out.printf(Locale.ROOT, "%nC4 thresholds and acuity (tied, %d-px gratings)%n  floor %.4f, criterion %.4f, final acuity %.2f%n"
        + "  acuity ∝ t^%.3f (theory 1/(2α) = %.3f, α = %.3f)%n", side, summary.floor(), criterion, last, exponent, summary.predictedExponent(), alpha);
    return summary;
  }

  private static double median(double[] x) {
    double[] s = x.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }
}
