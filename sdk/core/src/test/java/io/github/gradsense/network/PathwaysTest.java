package io.github.gradsense.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.gradsense.data.HierarchyTask;
import io.github.gradsense.data.Tasks;
import io.github.gradsense.experiment.Experiment;
import io.github.gradsense.experiment.Results;
import io.github.gradsense.runtime.Matrix;
import io.github.gradsense.runtime.Precision;
import io.github.gradsense.runtime.RuntimeConfig;
import io.github.gradsense.runtime.TfSession;
import io.github.gradsense.train.Training;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.types.TFloat64;

/** Parallel pathways: summed outputs, the summed-squared-error gradient step, and tangent rules. */
class PathwaysTest {
  private static final RuntimeConfig F64 = RuntimeConfig.defaults().withPrecision(Precision.FLOAT64).withThreads(1);
  private static final HierarchyTask TREE = Tasks.hierarchy();

  private static Matrix factor(List<ParameterValues> p, int index) {
    ParameterValues v = p.get(index);
    return Matrix.of((int) v.shape()[0], (int) v.shape()[1], v.values());
  }

  private static Matrix apply(Pathways.Activation f, Matrix m) {
    double[] v = m.toArray();
    for (int i = 0; i < v.length; i++) {
      v[i] = switch (f) {
        case LINEAR -> v[i];
        case RELU -> Math.max(0, v[i]);
        case TANH -> Math.tanh(v[i]);
      };
    }
    return Matrix.of(m.rows(), m.cols(), v);
  }

  /** Pathway outputs for the items (rows) computed in Java from the parameters. */
  private static Matrix pathwayInJava(List<ParameterValues> p, Pathways spec, int a, Matrix x) {
    Matrix h = x;
    for (int i = 0; i < spec.depth(); i++) {
      h = apply(spec.activation(), h.times(factor(p, (a - 1) * spec.depth() + i).transpose()));
    }
    return h;
  }

  @Test
  void the_output_is_the_sum_of_the_pathways_and_each_chain_is_what_its_matrices_say() {
    Pathways spec = Networks.pathways(15).pathways(3).depth(3).width(6).tanh().init(new NormalInit(0.5));
    List<ParameterValues> params = Experiment.named("p").task(TREE).network(spec).train(Training.sgd(0.01).batch(8).steps(1))
        .runtime(F64).progress(false).measure().finalParameters();
    assertThat(params).extracting(ParameterValues::name).startsWith("pathway1_W1", "pathway1_W2", "pathway1_W3", "pathway2_W1");
    Matrix x = TREE.inputs();
    Matrix sum = Matrix.zeros(8, 15);
    for (int a = 1; a <= 3; a++) {
      Matrix alone = pathwayInJava(params, spec, a, x);
      double[] acc = sum.toArray();
      double[] add = alone.toArray();
      for (int i = 0; i < acc.length; i++) {
        acc[i] += add[i];
      }
      sum = Matrix.of(8, 15, acc);
    }
    try (TfSession<TFloat64> s = TfSession.float64(F64)) {
      PathwayNetworkGraph<TFloat64> g = new PathwaysGraph<>(s, spec.init(new PerPathway(params, spec.depth())), NetworkContext.of(8, 0));
      Matrix out = s.fetchMatrix(g.forward(s.constant(x), "output"));
      assertThat(out.maxAbsDifference(sum)).isLessThan(1e-12);
      Matrix second = s.fetchMatrix(g.pathway(s.constant(x), 2));
      assertThat(second.maxAbsDifference(pathwayInJava(params, spec, 2, x))).isLessThan(1e-12);
    }
  }

  private static List<Matrix> factors(List<ParameterValues> p) {
    List<Matrix> out = new ArrayList<>();
    for (int i = 0; i < p.size(); i++) {
      out.add(factor(p, i));
    }
    return out;
  }

  /** Hands pathway a's factor i from a flat parameter list (requests arrive pathway-major). */
  private static final class PerPathway implements WeightInit {
    private final List<Matrix> all;
    private final int depth;
    private int next;

    PerPathway(List<ParameterValues> p, int depth) {
      this.all = factors(p);
      this.depth = depth;
    }

    @Override
    public Matrix initialise(InitRequest r) {
      assertThat(r.factor()).isEqualTo(next % depth + 1);
      return all.get(next++);
    }
  }

  @Test
  void one_full_batch_step_is_gradient_descent_on_the_summed_squared_error() {
    Pathways spec = Networks.pathways(15).depth(2).width(5).init(new NormalInit(0.3));
    double eta = 0.01;
    Experiment e = Experiment.named("step").task(TREE).network(spec).train(Training.sgd(eta).batch(8).steps(1).seed(4))
        .runtime(F64).progress(false);
    List<ParameterValues> before = e.measure().finalParameters();
    Results after = e.run();
    // L = ||Yᵀ − Ω||², Ω = Σ_a B_a A_a (X = I): dL/dA_a = −2 B_aᵀ R, dL/dB_a = −2 R A_aᵀ, R = Yᵀ − Ω
    Matrix a1 = factor(before, 0);
    Matrix b1 = factor(before, 1);
    Matrix a2 = factor(before, 2);
    Matrix b2 = factor(before, 3);
    Matrix omega = b1.times(a1);
    Matrix omega2 = b2.times(a2);
    double[] r = TREE.targets().transpose().toArray();
    double loss = 0;
    for (int i = 0; i < r.length; i++) {
      r[i] -= omega.toArray()[i] + omega2.toArray()[i];
      loss += r[i] * r[i];
    }
    Matrix res = Matrix.of(15, 8, r);
    Matrix expectedA1 = plus(a1, b1.transpose().times(res).scale(2 * eta));
    Matrix expectedB2 = plus(b2, res.times(a2.transpose()).scale(2 * eta));
    assertThat(factor(after.finalParameters(), 0).maxAbsDifference(expectedA1)).isLessThan(1e-12);
    assertThat(factor(after.finalParameters(), 3).maxAbsDifference(expectedB2)).isLessThan(1e-12);
    assertThat(after.finalLoss()).isCloseTo(loss, within(1e-10));
  }

  private static Matrix plus(Matrix a, Matrix b) {
    double[] v = a.toArray();
    double[] w = b.toArray();
    for (int i = 0; i < v.length; i++) {
      v[i] += w[i];
    }
    return Matrix.of(a.rows(), a.cols(), v);
  }

  @Test
  void tangents_through_relu_and_tanh_pathways_match_central_differences() {
    for (Pathways.Activation f : Pathways.Activation.values()) {
      Pathways spec = new Pathways(2, 3, 7, 4, f, new NormalInit(0.6));
      try (TfSession<TFloat64> s = TfSession.float64(F64)) {
        PathwayNetworkGraph<TFloat64> g = spec.build(s, NetworkContext.of(5, 9));
          double[] x = {0.3, -0.2, 0.5, 0.1, -0.4};
        double[] t = {1.0, 0.5, -0.3, 0.2, 0.7};
        double h = 1e-6;
        double[] plus = new double[5];
        double[] minus = new double[5];
        for (int i = 0; i < 5; i++) {
          plus[i] = x[i] + h * t[i];
          minus[i] = x[i] - h * t[i];
        }
        List<String> pts = List.of("pathway1-hidden2", "pathway2-out", "output");
        var duals = g.forwardWithTangent(s.constant(x, 1, 5), s.constant(t, 1, 5), pts);
        for (int k = 0; k < pts.size(); k++) {
          double[] jvp = s.fetch(duals.get(k).tangent());
          double[] yp = s.fetch(g.forward(s.constant(plus, 1, 5), pts.get(k)));
          double[] ym = s.fetch(g.forward(s.constant(minus, 1, 5), pts.get(k)));
          for (int i = 0; i < jvp.length; i++) {
            assertThat(jvp[i]).as("%s at %s[%d]", f, pts.get(k), i).isCloseTo((yp[i] - ym[i]) / (2 * h), within(1e-7));
          }
        }
      }
    }
  }

  @Test
  void bad_fields_and_mismatched_tasks_are_named_before_any_native_work() {
    assertThatThrownBy(() -> Networks.pathways(15).depth(0)).hasMessageContaining("depth");
    assertThatThrownBy(() -> Networks.pathways(15).pathways(17)).hasMessageContaining("pathways");
    assertThatThrownBy(() -> Experiment.named("x").task(TREE).network(Networks.pathways(14)).train(Training.sgd(0.01).batch(8).steps(1)).validate())
        .hasMessageContaining("network output width 14 does not match the task's target width 15");
    assertThatThrownBy(() -> Experiment.named("x").task(TREE).network(Networks.pathways(15)).train(Training.sgd(0.01).batch(16).steps(1)).validate())
        .hasMessageContaining("batch must be in [1, 8]");
  }
}
