package io.github.gradsense.claims;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gradsense.data.Data;
import io.github.gradsense.experiment.Experiment;
import io.github.gradsense.experiment.Results;
import io.github.gradsense.data.Spectrum;
import io.github.gradsense.network.LinearAutoencoder;
import io.github.gradsense.network.Networks;
import io.github.gradsense.probe.Probes;
import io.github.gradsense.train.Training;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A three-factor chain from a random start: the theory's clock starts where each mode first
 * reaches u = 0.05, so the half-time error must be judged on the predicted part alone.
 */
@DisplayName("OrderedLearningAnalysis judges only the time the theory predicts")
class OrderedLearningAnalysisTest {
  static final double ETA = 0.1;
  static final LinearAutoencoder THREE = Networks.linearAutoencoder().factors(3).hiddenWidth(64).initScale(0.04);
  static Results run;

  @BeforeAll
  static void train() {
    // GIVEN a W3W2W1 chain trained by the expected gradient on four well-separated modes
    run = Experiment.named("ola-three").data(Data.gaussian(Spectrum.of(1, 0.5, 0.25, 0.125)).withSeed(3))
        .network(THREE).train(Training.expectedGradient(ETA).steps(6000).seed(5))
        .probe(Probes.modeStrength(4)).progress(false).run();
  }

  @Test
  @DisplayName("the right rate: the predicted part of each half-time is within a few per cent")
  void the_right_rate_matches() {
    OrderedLearningAnalysis a = OrderedLearningAnalysis.of(run, THREE, Training.expectedGradient(ETA).steps(6000));
    assertThat(Arrays.stream(a.theoryShare()).max().orElseThrow()).as("the theory predicts part of each half-time").isLessThan(0.6);
    assertThat(Arrays.stream(a.relativeErrors()).boxed().toList()).allSatisfy(e -> assertThat(Math.abs(e)).isLessThanOrEqualTo(0.05));
  }

  @Test
  @DisplayName("a rate 25 % too high shows as a 25 % error, not diluted by the measured offset")
  void a_wrong_rate_is_not_diluted() {
    // WHEN the analysis is told η·1.25: the predicted part shrinks by 1/1.25, an error of +25 %
    // measured against it; the whole-time ratio t½/(t₀ + t½,theory) − 1 would show only about a
    // third of that (the share the theory predicts) and pass a 10 % bar
    OrderedLearningAnalysis wrong = OrderedLearningAnalysis.of(run, THREE, Training.expectedGradient(1.25 * ETA).steps(6000));
    double[] share = wrong.theoryShare();
    double[] e = wrong.relativeErrors();
    double[] diluted = new double[e.length];
    for (int k = 0; k < e.length; k++) {
      diluted[k] = wrong.halfTimes()[k] / wrong.predictedHalfTimes()[k] - 1;
    }
    assertThat(Arrays.stream(e).boxed().toList()).allSatisfy(x -> assertThat(x).isGreaterThan(0.15));
    assertThat(Arrays.stream(diluted).boxed().toList()).allSatisfy(x -> assertThat(Math.abs(x)).isLessThan(0.10));
    assertThat(Arrays.stream(share).boxed().toList()).allSatisfy(s -> assertThat(s).isBetween(0.0, 1.0));
  }
}
