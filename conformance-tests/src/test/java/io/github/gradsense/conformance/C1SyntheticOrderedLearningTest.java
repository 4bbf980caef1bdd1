package io.github.gradsense.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Percentage.withPercentage;

import io.github.gradsense.analysis.ModeDynamics;
import io.github.gradsense.analysis.Trajectory;
import io.github.gradsense.assertj.GradsenseAssertions;
import io.github.gradsense.claims.OrderedLearning;
import io.github.gradsense.claims.OrderedLearningAnalysis;
import io.github.gradsense.data.Data;
import io.github.gradsense.data.Dataset;
import io.github.gradsense.data.Spectrum;
import io.github.gradsense.experiment.Experiment;
import io.github.gradsense.experiment.ProbeSeries;
import io.github.gradsense.experiment.Results;
import io.github.gradsense.network.AlignedBalancedInit;
import io.github.gradsense.network.LinearAutoencoder;
import io.github.gradsense.network.Networks;
import io.github.gradsense.probe.Probes;
import io.github.gradsense.runtime.RuntimeConfig;
import io.github.gradsense.train.Training;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Claim C1 on synthetic Gaussian data with a well-separated power-law spectrum
 * {@code λ_k = k^-2}, {@code d = 8} (adjacent variances at least 1.31× apart), trained with the
 * expected gradient: PCs are learned in variance order, at the theory's half-times, along
 * singular vectors that are the PCs, with sharper transitions in deeper chains.
 *
 * <p>Sizes: {@code d = 8} inputs keep each run to seconds; the hidden layers are 256 wide. A random
 * start couples the modes through overlaps {@code (W p_j)·(W p_k) ~ u₀/√h}; the paper's nets have
 * {@code h = 1024} (overlaps ~3 % of {@code u₀}), and {@code h = 256} keeps them in that regime
 * (~6 %), where with {@code h = d = 8} they would be 35 % and the theory would not apply. Init
 * scales 0.02 (tied, two factors) and 0.04 (three factors, twice as the authors) give each PC the
 * paper's start {@code u₀ = h s²/12 ≈ 0.0085}. The learning rate {@code η = 0.1} keeps every rate
 * {@code r_k ≤ 0.1} per update, where gradient descent tracks gradient flow (the theory) to about
 * 1.5 % in half-time.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("C1 ordered learning by variance: synthetic Gaussian data")
class C1SyntheticOrderedLearningTest {
  static final int D = 8;
  static final int H = 256;
  static final double ETA = 0.1;
  static final double U0 = 0.0085;
  /** Variances further apart than this (per cent) must be learned in order: half-times known to 10 %. */
  static final double ORDER_SEPARATION = 100 * (1.1 / 0.9 - 1);

  /** Steps: about 1.5 times the theory's half-time of the last PC for each variant. */
  enum Variant {
    TIED(Networks.linearAutoencoder().tied().hiddenWidth(H).initScale(0.02), 5_000),
    UNTIED(Networks.linearAutoencoder().hiddenWidth(H).initScale(0.02), 10_000),
    THREE(Networks.linearAutoencoder().factors(3).hiddenWidth(H).initScale(0.04), 20_000);

    final LinearAutoencoder network;
    final long steps;

    Variant(LinearAutoencoder network, long steps) {
      this.network = network;
      this.steps = steps;
    }
  }

  private Dataset data;
  private final Map<Variant, Results> uniform = new EnumMap<>(Variant.class);
  private final Map<Variant, Results> aligned = new EnumMap<>(Variant.class);

  @BeforeAll
  void train() {
    data = Data.gaussian(Spectrum.powerLaw(D, 2.0, 1.0)).withSeed(11).build(RuntimeConfig.defaults());
    for (Variant v : Variant.values()) {
      uniform.put(v, run(v.network, v, "uniform"));
      aligned.put(v, run(v.network.init(new AlignedBalancedInit(U0)), v, "aligned"));
    }
  }

  private Results run(LinearAutoencoder net, Variant v, String label) {
    return Experiment.named("c1-synthetic-" + v + "-" + label)
        .data(data)
        .network(net)
        .train(Training.expectedGradient(ETA).steps(v.steps).seed(5))
        .probe(Probes.modeStrength(D))
        .probe(Probes.singularValues(D).every(5))
        .progress(false)
        .run();
  }

  private Training training(Variant v) {
    return Training.expectedGradient(ETA).steps(v.steps);
  }

  @ParameterizedTest
  @EnumSource(Variant.class)
  @DisplayName("every PC is learned, strictly in the order of its variance")
  void pcs_are_learned_in_variance_order(Variant v) {
    OrderedLearningAnalysis a = OrderedLearningAnalysis.of(uniform.get(v), v.network, training(v));
    Report.print("C1 synthetic " + v + " uniform init: half-times", a.halfTimes());
    // Every half-time is within 10 % of the theory's t½ ∝ 1/λ (pinned below), so any two modes
    // whose variances differ by more than (1 + 0.1)/(1 − 0.1) − 1 = 22.2 % must be learned in
    // order. Here adjacent variances are ≥ 30.6 % apart, so that is every pair: strict order.
    Results r = uniform.get(v);
    GradsenseAssertions.assertThat(r.series("mode-strength"))
        .learnsInOrderOf(Arrays.copyOf(r.data().pca().eigenvalues(), D), withPercentage(ORDER_SEPARATION));
  }

  @ParameterizedTest
  @EnumSource(Variant.class)
  @DisplayName("from an aligned, balanced start, half-times match the closed form within 3 %")
  void half_times_match_theory_from_aligned_start(Variant v) {
    OrderedLearningAnalysis a = OrderedLearningAnalysis.of(aligned.get(v), v.network.init(new AlignedBalancedInit(U0)), training(v));
    Report.print("C1 synthetic " + v + " aligned init: relative half-time error", a.relativeErrors());
    // Modes decouple exactly from this start; what remains is the Euler discretisation of the
    // flow, a lag of under one update, i.e. ≤ 1/t_half ≤ 1.5 % here. 3 % is the bar.
    assertThat(Report.boxed(a.relativeErrors())).allSatisfy(e -> assertThat(Math.abs(e)).isLessThanOrEqualTo(0.03));
  }

  @ParameterizedTest
  @EnumSource(Variant.class)
  @DisplayName("from the authors' small uniform start, half-times match the theory within 10 %")
  void half_times_match_theory_from_uniform_start(Variant v) {
    OrderedLearningAnalysis a = OrderedLearningAnalysis.of(uniform.get(v), v.network, training(v));
    Report.print("C1 synthetic " + v + " uniform init: relative half-time error", a.relativeErrors());
    Report.print("C1 synthetic " + v + " uniform init: share of each half-time the theory predicts", a.theoryShare());
    // A random start couples the modes until they align (METHODS §C6 measured 3–6 % late at
    // h = 16); every mode here is well separated (adjacent variances ≥ 1.31× apart). 10 % is the
    // issue's bar.
    assertThat(Report.boxed(a.relativeErrors())).allSatisfy(e -> assertThat(Math.abs(e)).isLessThanOrEqualTo(OrderedLearning.HALF_TIMES.bound()));
  }

  @ParameterizedTest
  @EnumSource(Variant.class)
  @DisplayName("when PC k is half learned, a right singular vector of M is PC k (|cos| ≥ 0.95)")
  void singular_vectors_are_the_pcs_while_learning(Variant v) {
    Results r = uniform.get(v);
    ProbeSeries sv = r.series("singular-values");
    double[] half = OrderedLearningAnalysis.of(r, v.network, training(v)).halfTimes();
    long[] steps = sv.steps();
    double[] cos = new double[D];
    for (int k = 0; k < D; k++) {
      int i = nearest(steps, half[k]);
      cos[k] = sv.row(i)[sv.columns().indexOf("cos" + (k + 1))];
    }
    Report.print("C1 synthetic " + v + ": |cos| of PC k with its singular vector at t_half,k", cos);
    // At t_half,k the singular values are spread (earlier PCs near 1, later near u₀), so each
    // singular vector is defined and, by the theory, equal to its PC; 0.95 leaves room for the
    // residue of the random start that has not yet decayed.
    assertThat(Report.boxed(cos)).allSatisfy(c -> assertThat(c).isGreaterThanOrEqualTo(0.95));
  }

  @Test
  @DisplayName("deeper chains have sharper transitions: relative width (t_0.9 − t_0.1)/t_0.5 shrinks from 2 to 3 factors")
  void deeper_chains_are_sharper() {
    double[] w2 = new double[D];
    double[] w3 = new double[D];
    for (int k = 0; k < D; k++) {
      OrderedLearningAnalysis two = OrderedLearningAnalysis.of(aligned.get(Variant.UNTIED),
          Variant.UNTIED.network.init(new AlignedBalancedInit(U0)), training(Variant.UNTIED));
      OrderedLearningAnalysis three = OrderedLearningAnalysis.of(aligned.get(Variant.THREE),
          Variant.THREE.network.init(new AlignedBalancedInit(U0)), training(Variant.THREE));
      w2[k] = two.relativeWidth(k);
      w3[k] = three.relativeWidth(k);
      // the measured widths are the theory's (logistic for N = 2; the depth-3 ODE), within 5 %
      assertThat(w2[k]).isCloseTo(two.predictedWidth(k), org.assertj.core.data.Percentage.withPercentage(5));
      assertThat(w3[k]).isCloseTo(three.predictedWidth(k), org.assertj.core.data.Percentage.withPercentage(5));
    }
    Report.print("C1 synthetic widths, 2 factors", w2);
    Report.print("C1 synthetic widths, 3 factors", w3);
    // Same u₀ for both depths, so the only difference is the exponent 2 − 2/N of the dynamics.
    for (int k = 0; k < D; k++) {
      assertThat(w3[k]).as("PC %d", k + 1).isLessThan(w2[k]);
    }
    // the theory's values for this start: logistic 2 ln 9 / ln(1/u₀ − 1)
    assertThat(w2[0]).isCloseTo(2 * Math.log(9) / Math.log(1 / U0 - 1), org.assertj.core.data.Percentage.withPercentage(5));
    ModeDynamics deep = ModeDynamics.autoencoder(3, ETA, 1.0, D, U0);
    assertThat(deep.time(0.1, 0.9) / deep.halfTime()).isLessThan(2 * Math.log(9) / Math.log(1 / U0 - 1));
  }

  static int nearest(long[] steps, double t) {
    int best = 0;
    for (int i = 1; i < steps.length; i++) {
      if (Math.abs(steps[i] - t) < Math.abs(steps[best] - t)) {
        best = i;
      }
    }
    return best;
  }

  static double rel(Trajectory a, Trajectory b) {
    return a.halfTime() / b.halfTime() - 1;
  }
}
