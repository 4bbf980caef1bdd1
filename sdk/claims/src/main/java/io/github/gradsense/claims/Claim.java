package io.github.gradsense.claims;

import io.github.gradsense.report.Checksums;
import io.github.gradsense.report.CorruptFileException;
import io.github.gradsense.report.Json;
import io.github.gradsense.report.Plot;
import io.github.gradsense.report.RunWriter;
import io.github.gradsense.report.Verdict;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * The claims gradsense reproduces, each with its folder, its title, the criteria its verdicts are
 * decided by, and one way to run it: {@link #run(ClaimSettings)} trains its experiments, writes
 * runs, figures and {@code outcome.json} under {@code out/<folder>}, and returns the verdicts.
 *
 * <pre>{@code
 * ClaimResult r = Claim.C1.run(ClaimSettings.to(Path.of("out")).withSizes(ClaimSettings.Sizes.QUICK));
 * Claim.C4.criteria();   // [acuity never decreases, |fitted exponent / (1/(2α)) − 1| ≤ 0.15]
 * }</pre>
 */
public enum Claim {
  /** Ordered learning by variance. */
  C1("ordered-learning", "C1 ordered learning by variance (Benjamin et al. 2022, Fig. 5)", OrderedLearning::reproduce,
      List.of(OrderedLearning.ORDER, OrderedLearning.HALF_TIMES, OrderedLearning.MINI_BATCH)),
  /** Cardinal bias of the linear model. */
  C2("cardinal-bias", "C2 cardinal bias in the linear model (Benjamin et al. 2022, Fig. 2)", LinearCardinalBias::reproduce,
      List.of(LinearCardinalBias.TRAINED, LinearCardinalBias.ROTATED, LinearCardinalBias.UNTRAINED)),
  /** Cardinal bias of a trained CNN; its trainings are shared with {@link #C3}. */
  C2CNN("cnn-cardinal-bias", "C2 cardinal bias in a trained CNN, layer by layer (Benjamin et al. 2022, Fig. 2)",
      CnnCodes::reproduceCardinalBias,
      List.of(CnnCodes.PREMISE, CnnCodes.ROTATED_CONTROL, CnnCodes.UNTRAINED_NULL, CnnCodes.SHUFFLED_NULL)),
  /** Hue sensitivity follows the training hues; its trainings are shared with {@link #C2CNN}. */
  C3("hue", "C3 hue sensitivity follows the training hues (Benjamin et al. 2022, Fig. 3)", CnnCodes::reproduceHue,
      List.of(CnnCodes.HUE_LAG)),
  /** Thresholds and acuity. */
  C4("acuity", "C4 thresholds and acuity (Benjamin et al. 2022, Fig. 5f–h)", Acuity::reproduce,
      List.of(Acuity.MONOTONE, Acuity.EXPONENT)),
  /** Frequency beats information. */
  C5("frequency-vs-information", "C5 frequency beats information (Benjamin et al. 2022, Fig. 6)", FrequencyVersusInformation::reproduce,
      List.of(FrequencyVersusInformation.PRIOR_ORDER, FrequencyVersusInformation.BALANCED_ORDER, FrequencyVersusInformation.NOISY_ORDER)),
  /** Pathway specialisation with depth. */
  C6("pathways", "C6 pathway specialisation with depth (Shi et al. 2022, Figs. 4–7)", PathwaySpecialisation::reproduce,
      List.of(PathwaySpecialisation.TREND, PathwaySpecialisation.SHARED, PathwaySpecialisation.ONE_PATHWAY));

  /** The file in a claim's folder that holds its finished result. */
  public static final String OUTCOME = "outcome.json";

  private final String folder;
  private final String title;
  private final BiFunction<ClaimSettings, Path, ClaimResult> runner;
  private final List<Criterion> criteria;

  Claim(String folder, String title, BiFunction<ClaimSettings, Path, ClaimResult> runner, List<Criterion> criteria) {
    this.folder = folder;
    this.title = title;
    this.runner = runner;
    this.criteria = criteria;
  }

  /** Its folder under the output folder. */
  public String folder() {
    return folder;
  }

  /** What it is, with the paper and figure. */
  public String title() {
    return title;
  }

  /** What decides its verdicts, one criterion per verdict, in the order of the verdicts. */
  public List<Criterion> criteria() {
    return criteria;
  }

  /**
   * Runs it: trains, writes its runs and figures under {@code settings.out()/folder()}, then
   * {@code outcome.json}; with {@link ClaimSettings#resume()}, a result finished before there is
   * returned as it was (unless its {@code outcome.json} fails its checksum: then the claim runs again).
   */
  public ClaimResult run(ClaimSettings settings) {
    if (settings.resume()) {
      Optional<ClaimResult> kept;
      try {
        kept = finished(settings);
      } catch (CorruptFileException e) {
        kept = Optional.empty();          // never trusted; {@code finished} named it to whoever asked
      }
      if (kept.isPresent()) {
        return kept.get();
      }
    }
    Path dir = settings.out().resolve(folder);
    long t0 = System.nanoTime();
    ClaimResult r = runner.apply(settings, dir).took((System.nanoTime() - t0) / 1e9);
    try (RunWriter w = RunWriter.open(dir)) {
      w.writeChecked(OUTCOME, Json.write(r).getBytes(StandardCharsets.UTF_8));
    }
    return r;
  }

  /**
   * The result a previous run finished in {@code settings.out()}, if there is one.
   *
   * @throws CorruptFileException if its {@code outcome.json} does not match its checksum (truncated,
   *     altered, or the run was killed between writing the two): never used, the claim must run again
   */
  public Optional<ClaimResult> finished(ClaimSettings settings) {
    Path file = settings.out().resolve(folder).resolve(OUTCOME);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    byte[] content = Checksums.readVerified(file);
    try {
      return Optional.of(Json.mapper().readValue(content, ClaimResult.class));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file.toAbsolutePath() + " (delete it to run that claim again): "
          + e.getMessage(), e);
    }
  }

  /** Its result of {@code verdicts} and {@code figures}, not yet timed. */
  ClaimResult result(List<Verdict> verdicts, List<Plot.Figure> figures) {
    return new ClaimResult(this, verdicts, figures, 0);
  }
}
