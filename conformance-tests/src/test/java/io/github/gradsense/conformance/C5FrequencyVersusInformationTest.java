package io.github.gradsense.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gradsense.data.LabelNoise;
import io.github.gradsense.data.OrientationPrior;
import io.github.gradsense.data.OrientationTask;
import io.github.gradsense.data.Tasks;
import io.github.gradsense.experiment.Experiment;
import io.github.gradsense.experiment.ProbeSeries;
import io.github.gradsense.experiment.Results;
import io.github.gradsense.network.Networks;
import io.github.gradsense.network.Sequential;
import io.github.gradsense.probe.Probes;
import io.github.gradsense.stimulus.RotatedGrating;
import io.github.gradsense.stimulus.Stimuli;
import io.github.gradsense.train.Schedule;
import io.github.gradsense.train.Training;
import java.util.Locale;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Claim C5, frequency beats information (Benjamin et al. Fig. 6): the authors' MLP
 * (4096→1024→256→60, ReLU, PyTorch's default init × 0.1, SGD lr 0.5, 300 steps, fresh samples every
 * step) classifies 64 × 64 gratings into 60 orientation bins.
 * <ol>
 *   <li>3:1 prior {@code (2 − cos 2θ)/(2π)}, no label noise: the common orientation (90°, bin 30)
 *       is learned before 45° (bin 15) and 0° (bin 0), by per-bin accuracy and by first-layer
 *       sensitivity;</li>
 *   <li>the balanced condition (labels of bin k kept with probability {@code q_k}, H(q) =
 *       1.3 (1 − 0.15/p(θ))): the common orientation is still learned before 0°;</li>
 *   <li>uniform prior, the same orientation-dependent noise (q ≈ 0.99 at 0°, 0.69 at 90°): the less
 *       noisy 0° bins are learned before 90°.</li>
 * </ol>
 *
 * <p>Statistics. Learning time {@code t_k}: the first step at which bin k's accuracy on fixed clean
 * evaluation samples reaches 0.5 (half of perfect; chance is 1/60), read every 10 steps as the
 * authors log. "Learned first" is {@code t_a < t_b}, and also a larger area under the accuracy
 * curve (mean accuracy over the run), which does not depend on the 0.5 level. First-layer
 * sensitivity (METHODS §B5: summed over the 1024 post-ReLU units, mean over 11 phases, 60
 * orientations): at the common bin's learning time, mean D within ±10° of 90° exceeds the mean
 * within ±10° of 0°/180°.
 *
 * <p>CI sizes: batch 512 (the authors' 2048), 1000 evaluation samples per bin (their 2000); the
 * expected gradient, and so the order of learning, is the same. {@code -Dgradsense.full=true} runs
 * the authors' sizes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("C5 frequency versus information in the Fig. 6 MLP")
class C5FrequencyVersusInformationTest {
  static final int BATCH = Integer.getInteger("c5.batch", Conformance.full() ? 2048 : 512);
  static final int STEPS = Integer.getInteger("c5.steps", 300);
  static final int SAMPLES = Conformance.full() ? 2000 : 1000;
  static final LabelNoise BALANCED = LabelNoise.balanced(60, OrientationPrior.COMMON_VERTICAL, 1.3, 0.15);
  static final RotatedGrating PROBE = Stimuli.rotatedGrating();

  private Results prior;
  private Results balanced;
  private Results noisy;

  private static Results train(String name, OrientationTask task, long seed) {
    Sequential mlp = Networks.sequential(4096).dense(1024).relu().dense(256).relu().dense(60)
        .init(Sequential.Initializer.TORCH_DEFAULT).initScale(0.1);
    Results r = Experiment.named(name).task(task).network(mlp)
        .train(Training.sgd(0.5).batch(BATCH).steps(STEPS).seed(seed))
        .probe(Probes.accuracy(0, 15, 30).samples(SAMPLES).every(10))
        .probe(Probes.sensitivity(PROBE).named("layer1").at("relu1").on(Schedule.every(20)))
        .progress(false).run();
    ProbeSeries acc = r.series("accuracy");
    for (String c : acc.columns()) {
      Report.print(name + " accuracy " + c + " every 10 steps", acc.column(c));
    }
    return r;
  }

  private synchronized Results prior() {
    if (prior == null) {
      prior = train("c5-prior", Tasks.orientationBins().prior(OrientationPrior.COMMON_VERTICAL), 1);
    }
    return prior;
  }

  private synchronized Results balanced() {
    if (balanced == null) {
      balanced = train("c5-balanced", Tasks.orientationBins().prior(OrientationPrior.COMMON_VERTICAL).noise(BALANCED), 1);
    }
    return balanced;
  }

  private synchronized Results noisy() {
    if (noisy == null) {
      noisy = train("c5-noisy", Tasks.orientationBins().noise(BALANCED), 1);
    }
    return noisy;
  }

  /** First step at which the column reaches 0.5, or +∞ if it never does. */
  static double learningTime(ProbeSeries acc, String column) {
    double[] a = acc.column(column);
    long[] steps = acc.steps();
    for (int i = 0; i < a.length; i++) {
      if (a[i] >= 0.5) {
        return steps[i];
      }
    }
    return Double.POSITIVE_INFINITY;
  }

  static double area(ProbeSeries acc, String column) {
    return java.util.Arrays.stream(acc.column(column)).average().orElseThrow();
  }

  /** Mean D within ±10° of 90° over mean D within ±10° of 0° and 180°, at the row nearest {@code step}. */
  static double commonOverRare(ProbeSeries sens, double step) {
    int row = 0;
    for (int i = 0; i < sens.size(); i++) {
      if (Math.abs(sens.steps()[i] - step) < Math.abs(sens.steps()[row] - step)) {
        row = i;
      }
    }
    double[] theta = PROBE.values();
    double[] d = sens.row(row);
    double common = 0;
    double rare = 0;
    int nc = 0;
    int nr = 0;
    for (int i = 0; i < theta.length; i++) {
      double deg = Math.toDegrees(theta[i]);
      if (Math.abs(deg - 90) <= 10) {
        common += d[i];
        nc++;
      } else if (deg <= 10 || deg >= 170) {
        rare += d[i];
        nr++;
      }
    }
    return (common / nc) / (rare / nr);
  }

  private static void describe(String name, Results r) {
    ProbeSeries acc = r.series("accuracy");
    System.out.println(String.format(Locale.ROOT, "%s: t(0°)=%s t(45°)=%s t(90°)=%s; mean accuracy 0°=%.3f 45°=%.3f 90°=%.3f",
        name, learningTime(acc, "class0"), learningTime(acc, "class15"), learningTime(acc, "class30"),
        area(acc, "class0"), area(acc, "class15"), area(acc, "class30")));
  }

  @Test
  @DisplayName("3:1 prior, no noise: the common orientation is learned first")
  void the_common_orientation_is_learned_first() {
    Results r = prior();
    describe("prior", r);
    ProbeSeries acc = r.series("accuracy");
    double t90 = learningTime(acc, "class30");
    assertThat(t90).as("90° is learned within the run").isFinite();
    assertThat(t90).isLessThan(learningTime(acc, "class15")).isLessThan(learningTime(acc, "class0"));
    assertThat(area(acc, "class30")).isGreaterThan(area(acc, "class15")).isGreaterThan(area(acc, "class0"));
    double ratio = commonOverRare(r.series("sensitivity-layer1", "relu1"), t90);
    Report.print("prior: layer-1 D(90°±10°)/D(0°±10°) at t(90°)", ratio);
    assertThat(ratio).isGreaterThan(1.0);
  }

  @Test
  @DisplayName("balanced noise: the common orientation is still learned first")
  void balanced_noise_still_favours_the_common_orientation() {
    Results r = balanced();
    describe("balanced", r);
    ProbeSeries acc = r.series("accuracy");
    double t90 = learningTime(acc, "class30");
    assertThat(t90).as("90° is learned within the run").isFinite();
    assertThat(t90).isLessThan(learningTime(acc, "class0"));
    assertThat(area(acc, "class30")).isGreaterThan(area(acc, "class0"));
    double ratio = commonOverRare(r.series("sensitivity-layer1", "relu1"), t90);
    Report.print("balanced: layer-1 D(90°±10°)/D(0°±10°) at t(90°)", ratio);
    assertThat(ratio).isGreaterThan(1.0);
  }

  @Test
  @DisplayName("uniform prior with label noise: the less noisy orientations are learned first")
  void less_noisy_orientations_are_learned_first() {
    Results r = noisy();
    describe("noisy", r);
    ProbeSeries acc = r.series("accuracy");
    double t0 = learningTime(acc, "class0");
    assertThat(t0).as("0° is learned within the run").isFinite();
    assertThat(t0).isLessThan(learningTime(acc, "class30"));
    assertThat(area(acc, "class0")).isGreaterThan(area(acc, "class30"));
    double ratio = commonOverRare(r.series("sensitivity-layer1", "relu1"), t0);
    Report.print("noisy: layer-1 D(90°±10°)/D(0°±10°) at t(0°)", ratio);
    assertThat(ratio).isLessThan(1.0);
  }
}
