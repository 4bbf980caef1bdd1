package io.github.gradsense.probe;

import io.github.gradsense.analysis.PathwayConcentration;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.gradsense.data.HierarchyTask;
import io.github.gradsense.data.Tasks;
import io.github.gradsense.experiment.Experiment;
import io.github.gradsense.experiment.ProbeSeries;
import io.github.gradsense.experiment.Results;
import io.github.gradsense.network.Networks;
import io.github.gradsense.network.NormalInit;
import io.github.gradsense.network.ParameterValues;
import io.github.gradsense.network.Pathways;
import io.github.gradsense.runtime.Matrix;
import io.github.gradsense.runtime.Precision;
import io.github.gradsense.runtime.RuntimeConfig;
import io.github.gradsense.train.Training;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pathway-share probe: K_a = Uᵀ Ω_a V read from the graph, concentration, degenerate blocks. */
class PathwayShareTest {
  private static final RuntimeConfig F64 = RuntimeConfig.defaults().withPrecision(Precision.FLOAT64).withThreads(1);
  private static final HierarchyTask TREE = Tasks.hierarchy();

  @Test
  void concentration_is_zero_for_equal_shares_and_one_for_a_single_pathway() {
    assertThat(PathwayConcentration.of(1.0, 1.0)).isZero();
    assertThat(PathwayConcentration.of(2.0, 0.0)).isEqualTo(1.0);
    assertThat(PathwayConcentration.of(3.0, 1.0)).isEqualTo(0.5);
    assertThat(PathwayConcentration.share(3.0, 1.0)).isEqualTo(0.75);
    // K > 2: (K·share − 1)/(K − 1)
    assertThat(PathwayConcentration.of(1.0, 1.0, 1.0)).isCloseTo(0, within(1e-15));
    assertThat(PathwayConcentration.of(1.0, 0.0, 0.0)).isEqualTo(1.0);
  }

  @Test
  void the_hierarchys_modes_are_two_single_modes_and_two_degenerate_blocks() {
    PathwayShare.Modes m = PathwayShare.Modes.of(TREE.correlation(), 1e-6, F64);
    assertThat(m.rank()).isEqualTo(8);
    assertThat(m.nonDegenerate()).containsExactly(0, 1);
    assertThat(m.blocks()).extracting(b -> b[0] + "-" + b[1]).containsExactly("0-0", "1-1", "2-3", "4-7");
  }

  @Test
  void mode_matrices_equal_the_java_projection_of_each_pathways_map() {
    Pathways spec = Networks.pathways(15).depth(2).width(6).init(new NormalInit(0.4));
    Results r = Experiment.named("share").task(TREE).network(spec).train(Training.sgd(0.01).batch(8).steps(1))
        .probe(Probes.pathwayShare().withMatrices().every(1)).runtime(F64).progress(false).measure();
    PathwayShare.Modes modes = PathwayShare.Modes.of(TREE.correlation(), 1e-6, F64);
    Matrix u = modes.svd().u();
    Matrix v = modes.svd().v();
    List<ParameterValues> p = r.finalParameters();
    ProbeSeries series = r.series("pathway-share");
    for (int a = 1; a <= 2; a++) {
      Matrix w1 = matrix(p.get(2 * (a - 1)));
      Matrix w2 = matrix(p.get(2 * (a - 1) + 1));
      Matrix k = u.transpose().times(w2.times(w1)).times(v);            // X = I: Ω_a = W2 W1
      for (int i = 0; i < 8; i++) {
        for (int j = 0; j < 8; j++) {
          assertThat(series.last("k" + a + "[" + (i + 1) + "," + (j + 1) + "]")).isCloseTo(k.get(i, j), within(1e-12));
        }
      }
      assertThat(series.last("m1-k" + a)).isCloseTo(k.get(0, 0), within(1e-12));
      assertThat(series.last("b5-8-k" + a)).isCloseTo(k.get(4, 4) + k.get(5, 5) + k.get(6, 6) + k.get(7, 7), within(1e-12));
    }
    assertThat(series.last("m2-c")).isEqualTo(PathwayConcentration.of(series.last("m2-k1"), series.last("m2-k2")));
  }

  @Test
  void after_training_the_pathways_together_carry_the_fitted_singular_values() {
    Pathways spec = Networks.pathways(15).depth(2).width(32).init(new NormalInit(0.1));
    Results r = Experiment.named("fit").task(TREE).network(spec).train(Training.sgd(0.02).batch(8).steps(1500).seed(2))
        .probe(Probes.pathwayShare().every(1500)).runtime(F64).progress(false).run();
    ProbeSeries s = r.series("pathway-share");
    double[] sv = {Math.sqrt(15), Math.sqrt(7), Math.sqrt(3), Math.sqrt(3), 1, 1, 1, 1};
    for (int m = 1; m <= 2; m++) {
      assertThat(s.last("m" + m + "-k1") + s.last("m" + m + "-k2")).isCloseTo(sv[m - 1], within(1e-6));
    }
    // the block traces add up to the block's singular values
    assertThat(s.last("b3-4-k1") + s.last("b3-4-k2")).isCloseTo(2 * Math.sqrt(3), within(1e-6));
    assertThat(s.last("b5-8-k1") + s.last("b5-8-k2")).isCloseTo(4, within(1e-6));
    assertThat(r.finalLoss()).isLessThan(1e-10);
  }

  @Test
  void bad_fields_are_named() {
    assertThatThrownBy(() -> new PathwayShare(io.github.gradsense.probe.Schedule.every(1), 0.6, false))
        .hasMessage("degeneracyTolerance must be in [0.0, 0.5], got 0.6");
    // the aligned start needs room for the task's 8 modes in every hidden layer
    assertThatThrownBy(() -> Experiment.named("x").task(TREE)
        .network(Networks.pathways(15).pathways(1).depth(3).width(4).init(io.github.gradsense.network.ModeAlignedInit.of(TREE, 0.01)))
        .train(Training.sgd(0.01).batch(8).steps(1)).runtime(F64).progress(false).measure())
        .hasMessageContaining("hidden widths of at least the task's rank 8, got 4");
  }

  @Test
  void it_refuses_networks_without_pathways() {
    assertThatThrownBy(() -> Experiment.named("x").task(TREE).network(Networks.linearChain(8, 10, 15))
        .train(Training.sgd(0.01).batch(8).steps(1)).probe(Probes.pathwayShare()).runtime(F64).progress(false).measure())
        .hasMessageContaining("needs a network of parallel pathways");
  }

  private static Matrix matrix(ParameterValues v) {
    return Matrix.of((int) v.shape()[0], (int) v.shape()[1], v.values());
  }
}
