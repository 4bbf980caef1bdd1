package io.github.gradsense.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gradsense.analysis.CardinalBias;
import io.github.gradsense.analysis.LinearSensitivityTheory;
import io.github.gradsense.analysis.ModeDynamics;
import io.github.gradsense.analysis.SensitivityCurve;
import io.github.gradsense.assertj.GradsenseAssertions;
import io.github.gradsense.claims.LinearCardinalBias;
import io.github.gradsense.data.Data;
import io.github.gradsense.data.Dataset;
import io.github.gradsense.experiment.Experiment;
import io.github.gradsense.experiment.ProbeSeries;
import io.github.gradsense.experiment.Results;
import io.github.gradsense.network.FixedInit;
import io.github.gradsense.network.Networks;
import io.github.gradsense.probe.Probes;
import io.github.gradsense.probe.Schedule;
import io.github.gradsense.runtime.Matrix;
import io.github.gradsense.runtime.RuntimeConfig;
import io.github.gradsense.stimulus.Gabor;
import io.github.gradsense.stimulus.Stimuli;
import io.github.gradsense.train.Training;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Claim C2 in the linear model: a tied linear autoencoder trained on natural grey patches becomes
 * more sensitive to cardinal than to oblique Gabors while the principal components that match the
 * Gabor's frequency are being learned, because natural images have more variance at cardinal
 * orientations; trained on the same images rotated by 45° it prefers the obliques; the bias fades
 * once every mode is learned (equal modes give exactly 1), and an untrained net has none.
 *
 * <p>Where theory puts it: the hidden code's sensitivity is
 * {@code D(θ, t) = Σ_k u_k(t) (p_k·ṡ_θ)²} ({@link LinearSensitivityTheory}), with each PC's strength
 * {@code u_k(t)} on its logistic ({@link ModeDynamics}; claim C1). The test pins the index at the
 * paper's Gabor frequency (2 cycles/deg, 4.5 cycles per 16-px patch) at the time the Gabor's band is
 * half learned (half of {@code ‖ṡ‖²} inside learned PCs), against the value the theory predicts from
 * the data's own PCs and variances: the margin above (or below) 1 is derived from the data, not
 * chosen. The Gabor's contrast is fixed (not min–max rescaled per image), so that its mean does not
 * vary with θ and project onto PC1 (the rescale artefact METHODS §B8 warns of).
 *
 * <p>CI sizes: 16×16 patches (50,000), learning rate {@code 0.9 d/(8λ₁)} as in C1; each run stops
 * once three quarters of the Gabor band is learned.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("C2 cardinal bias in the linear model")
class C2LinearCardinalBiasTest {
  static final int SIDE = Conformance.full() ? 32 : 16;
  static final int COUNT = Conformance.full() ? 100_352 : 50_000;
  /** Gabor frequencies (cycles/deg at the paper's geometry); 2 is the paper's. */
  static final double[] FREQUENCIES = {0.75, 1.5, 2.0};
  static final double PINNED = 2.0;

  private final Map<String, Run> runs = new LinkedHashMap<>();

  /** One training run and what the theory says about it. */
  record Run(Dataset data, Results results, double eta, Map<Double, LinearSensitivityTheory> theory) {
    ProbeSeries series(double f) {
      return results.series("sensitivity-f" + f);
    }

    /** Fraction of the Gabor's tangent energy inside learned PCs at probe row i. */
    double learned(double f, int i) {
      double full = Arrays.stream(theory.get(f).fullyLearned()).average().orElseThrow();
      return Arrays.stream(series(f).row(i)).average().orElseThrow() / full;
    }

    /** The theory's D(θ) at time t: u_k from each PC's logistic, started at the measured u_k(0). */
    double[] predicted(double f, double t) {
      double[] lambda = data.pca().eigenvalues();
      double[] u0 = results.series("mode-strength").row(0);
      double[] u = new double[u0.length];
      for (int k = 0; k < u.length; k++) {
        u[k] = ModeDynamics.tiedAutoencoder(eta, lambda[k], data.dim(), Math.max(u0[k], 1e-12)).at(t);
      }
      return theory.get(f).predict(u);
    }
  }

  static Gabor gabor(double f) {
    return Stimuli.gabor().size(SIDE).channels(1).frequency(f).rescale(Gabor.Contrast.FIXED);
  }

  @BeforeAll
  void train() {
    Dataset normal = Conformance.naturalPatches(SIDE, COUNT);
    Dataset rotated = Data.naturalPatches(Conformance.naturalImages().rotated(45)).patchSize(SIDE).count(COUNT)
        .build(RuntimeConfig.defaults());
    runs.put("normal", run("normal", normal));
    runs.put("rotated", run("rotated", rotated));
  }

  private Run run(String label, Dataset data) {
    double eta = 0.9 * data.dim() / (8 * data.pca().eigenvalues()[0]);
    Map<Double, LinearSensitivityTheory> theory = new LinkedHashMap<>();
    for (double f : FREQUENCIES) {
      theory.put(f, new LinearSensitivityTheory(gabor(f), data.pca(), data.dim()));
    }
    double fullPinned = Arrays.stream(theory.get(PINNED).fullyLearned()).average().orElseThrow();
    Experiment e = Experiment.named("c2-linear-" + label).data(data)
        .network(Networks.linearAutoencoder().tied())
        .train(Training.expectedGradient(eta).steps(Conformance.full() ? 200_000 : 40_000).seed(3))
        .probe(Probes.modeStrength(data.dim()).on(Schedule.at(0)))
        .stopWhen("sensitivity-f" + PINNED, d -> Arrays.stream(d).average().orElseThrow() >= 0.75 * fullPinned)
        .progress(false);
    for (double f : FREQUENCIES) {
      e = e.probe(Probes.sensitivity(gabor(f)).named("f" + f).at("hidden1").logSpaced(60));
    }
    return new Run(data, e.run(), eta, theory);
  }

  /** The probe row at which the pinned Gabor's band is closest to half learned in the normal run. */
  private int halfLearnedRow() {
    Run n = runs.get("normal");
    int best = 0;
    for (int i = 0; i < n.series(PINNED).size(); i++) {
      if (Math.abs(n.learned(PINNED, i) - 0.5) < Math.abs(n.learned(PINNED, best) - 0.5)) {
        best = i;
      }
    }
    return best;
  }

  private double cbi(double[] d) {
    return CardinalBias.of(gabor(PINNED).values(), d).index();
  }

  @Test
  @DisplayName("while the Gabor's band is half learned, cardinal sensitivity exceeds oblique by the margin the data's PCs predict")
  void cardinal_bias_while_the_band_is_learned() {
    Run n = runs.get("normal");
    int row = halfLearnedRow();
    long t = n.series(PINNED).steps()[row];
    double measured = cbi(n.series(PINNED).row(row));
    double predicted = cbi(n.predicted(PINNED, t));
    Report.print("C2 linear (" + Conformance.naturalLabel() + ") at step " + t + ", band learned "
        + String.format(Locale.ROOT, "%.2f", n.learned(PINNED, row)) + ": CBI measured, predicted", new double[] {measured, predicted});
    assertThat(predicted).as("the theory's index from the data's PCs").isGreaterThan(1);
    GradsenseAssertions.assertThat(SensitivityCurve.of(gabor(PINNED), n.series(PINNED).row(row))).hasCardinalBiasAbove(LinearCardinalBias.TRAINED.bound());
    // the excess over 1 within 25 % of the theory's: the theory drops the random start's
    // off-diagonal residue (C1: half-times within ~2 %), nothing else
    assertThat((measured - 1) / (predicted - 1)).isBetween(0.75, 1.25);
  }

  @Test
  @DisplayName("trained on the images rotated by 45°, the same Gabor at the same time prefers the obliques")
  void rotated_images_prefer_obliques() {
    Run r = runs.get("rotated");
    long t = runs.get("normal").series(PINNED).steps()[halfLearnedRow()];
    int row = C1SyntheticOrderedLearningTest.nearest(r.series(PINNED).steps(), t);
    double measured = cbi(r.series(PINNED).row(row));
    double predicted = cbi(r.predicted(PINNED, r.series(PINNED).steps()[row]));
    Report.print("C2 linear rotated images at step " + r.series(PINNED).steps()[row] + ": CBI measured, predicted",
        new double[] {measured, predicted});
    assertThat(predicted).isLessThan(1);
    GradsenseAssertions.assertThat(SensitivityCurve.of(gabor(PINNED), r.series(PINNED).row(row))).hasCardinalBiasBelow(LinearCardinalBias.ROTATED.bound());
    assertThat((1 - measured) / (1 - predicted)).isBetween(0.75, 1.25);
  }

  @Test
  @DisplayName("untrained (small isotropic init), the index stays within 0.1 of 1 at every frequency")
  void untrained_network_has_no_bias() {
    double[] at0 = new double[2 * FREQUENCIES.length];
    int i = 0;
    for (Run r : runs.values()) {
      for (double f : FREQUENCIES) {
        at0[i++] = cbi(r.series(f).row(0));
      }
    }
    Report.print("C2 linear untrained CBI (normal then rotated runs, f = 0.75, 1.5, 2)", at0);
    // D(θ) = ‖W ṡ_θ‖² with W's 256 rows i.i.d.: a χ² with 256 degrees of freedom, relative sd
    // √(2/256) = 8.8 % in D, 4.4 % in √D per θ; window means and the shared W make the index's
    // spread smaller still. 0.1 is more than two per-θ standard deviations.
    assertThat(Report.boxed(at0)).allSatisfy(c -> assertThat(Math.abs(c - 1)).isLessThanOrEqualTo(LinearCardinalBias.UNTRAINED.bound()));
  }

  @Test
  @DisplayName("with every mode equal (M = I) the index is exactly 1, up to the pixel grid")
  void equal_modes_give_one() {
    Dataset data = runs.get("normal").data();
    Results identity = Experiment.named("c2-linear-identity").data(data)
        .network(Networks.linearAutoencoder().factors(1).init(new FixedInit(List.of(Matrix.identity(data.dim())))))
        .probe(Probes.sensitivity(gabor(PINNED)).at("output"))
        .progress(false).measure();
    double measured = cbi(identity.series("sensitivity-gabor").row(0));
    double theory = cbi(runs.get("normal").theory().get(PINNED).fullyLearned());
    Report.print("C2 linear CBI with M = I: measured, theory (‖ṡ‖²)", new double[] {measured, theory});
    // ‖∂s/∂θ‖² of an isotropic Gabor is rotation invariant; sampling it on a square grid leaves
    // a residue of order 1e-4 (measured: ≤ 9e-4 up to 3 cycles/deg at 16 px)
    assertThat(Math.abs(measured - 1)).isLessThanOrEqualTo(1e-3);
    assertThat(Math.abs(theory - 1)).isLessThanOrEqualTo(1e-3);
  }

  @Test
  @DisplayName("the bias is transient: at 1.5 cycles/deg it rises, then fades as the band is fully learned")
  void the_bias_is_transient() {
    Run n = runs.get("normal");
    ProbeSeries s = n.series(1.5);
    double peak = 0;
    for (int i = 0; i < s.size(); i++) {
      peak = Math.max(peak, Math.abs(cbi(s.row(i)) - 1));
    }
    double end = Math.abs(cbi(s.lastRow()) - 1);
    Report.print("C2 linear at 1.5 cycles/deg: largest |CBI − 1|, final |CBI − 1|, final fraction learned",
        new double[] {peak, end, n.learned(1.5, s.size() - 1)});
    assertThat(n.learned(1.5, s.size() - 1)).as("the 1.5 cycles/deg band is nearly learned by the end").isGreaterThan(0.9);
    // all modes equal gives 1 exactly: as u_k → 1 the excess shrinks with the unlearned fraction
    assertThat(end).isLessThan(peak / 3);
  }

  @Test
  @DisplayName("the CBI map over frequency and training time is reported")
  void cbi_map_is_reported() {
    for (Map.Entry<String, Run> e : runs.entrySet()) {
      Run r = e.getValue();
      long[] steps = r.series(FREQUENCIES[0]).steps();
      StringBuilder sb = new StringBuilder("C2 linear CBI map (" + e.getKey() + "): step");
      for (double f : FREQUENCIES) {
        sb.append(String.format(Locale.ROOT, "  f=%.2f", f));
      }
      for (int i = 0; i < steps.length; i += 6) {
        sb.append(String.format(Locale.ROOT, "%n  %6d", steps[i]));
        for (double f : FREQUENCIES) {
          sb.append(String.format(Locale.ROOT, "  %.3f", cbi(r.series(f).row(i))));
        }
      }
      System.out.println(sb);
    }
  }

  @Test
  @DisplayName("at a low frequency (0.75 cycles/deg) the bias reverses while the band is learned, as the data's PCs predict")
  void the_bias_reverses_at_low_frequencies() {
    // A Gabor of 1.7 cycles per 16-px patch projects mostly onto the first PCs (mean and the
    // cardinal gradients); while those are learned and the rest are not, the code's sensitivity
    // is that of a few broadly tuned, cardinal filters, largest on their flanks: obliques.
    for (String label : List.of("normal", "rotated")) {
      Run r = runs.get(label);
      ProbeSeries low = r.series(FREQUENCIES[0]);
      assertThat(low.size()).as("probed steps at 0.75 cycles/deg").isGreaterThanOrEqualTo(10);
      // the step of the largest excursion from 1, below 1 on the normal images and above on the
      // rotated ones (the same PCs turned by 45°)
      double sign = label.equals("normal") ? -1 : 1;
      int row = 0;
      for (int i = 0; i < low.size(); i++) {
        if (sign * (cbi(low.row(i)) - 1) > sign * (cbi(low.row(row)) - 1)) {
          row = i;
        }
      }
      double measured = cbi(low.row(row));
      double predicted = cbi(r.predicted(FREQUENCIES[0], low.steps()[row]));
      Report.print("C2 linear " + label + " at 0.75 cycles/deg, step " + low.steps()[row] + ": most reversed CBI measured, "
          + "predicted, fraction learned", new double[] {measured, predicted, r.learned(FREQUENCIES[0], row)});
      // a reversal of a net in training, not the untrained net's noise: after step 0, while the
      // band is being learned, theory and measurement on the reversed side
      assertThat(row).as("%s: the most reversed step is after the start", label).isPositive();
      assertThat(r.learned(FREQUENCIES[0], row)).as("%s: the band is being learned at the most reversed step", label)
          .isStrictlyBetween(0.0, 1.0);
      assertThat(sign * (predicted - 1)).as("%s: the theory's index reverses", label).isPositive();
      assertThat(sign * (measured - 1)).as("%s: the measured index reverses", label).isPositive();
      if (label.equals("normal")) {
        // the headline: on the upright images the reversal is visible, beyond the untrained bar
        // (|CBI − 1| < 0.1, pinned above). On the rotated embedded scenes the theory predicts only
        // 1.038 (measured 1.034), on the rotated photographs 1.513 (measured 1.501)
        assertThat(sign * (measured - 1)).as("%s: the measured index reverses beyond the untrained bar", label).isGreaterThan(LinearCardinalBias.UNTRAINED.bound());
      }
      // the excursion within 25 % of the theory's, the bar (and its reason) of the 2 cycles/deg pins
      assertThat((measured - 1) / (predicted - 1)).as("%s: measured over predicted excursion", label).isBetween(0.75, 1.25);
    }
  }
}
