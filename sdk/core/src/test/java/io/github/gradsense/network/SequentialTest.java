package io.github.gradsense.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.gradsense.runtime.Matrix;
import io.github.gradsense.runtime.RuntimeConfig;
import io.github.gradsense.runtime.TfSession;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat64;

class SequentialTest {
  private static final RuntimeConfig CONFIG = RuntimeConfig.defaults().withThreads(2);
  private static final Sequential CNN = Networks.sequential(12, 12, 2)
      .conv(3, 3).relu().maxPool(2, 1).conv(4, 3, 2, Layer.Padding.SAME).tanh().avgPool(2).flatten().dense(5);

  @Test
  void every_layer_is_a_named_probe_point() {
    assertThat(CNN.probePoints()).containsExactly(
        "conv1", "relu1", "maxpool1", "conv2", "tanh1", "avgpool1", "flatten1", "dense1", "output");
    assertThat(CNN.outputWidth(0)).isEqualTo(5);
    assertThat(CNN.inputWidth(0)).isEqualTo(288);
  }

  @Test
  void a_window_that_does_not_fit_is_named() {
    assertThatThrownBy(() -> Networks.sequential(4, 4, 1).conv(2, 5))
        .hasMessage("layer 1 (conv): window 5 does not fit an input of side 4");
    assertThatThrownBy(() -> Networks.sequential(10).conv(2, 3))
        .hasMessage("layer 1 (conv) needs [H, W, C] inputs, but receives a vector of 10");
  }

  @Test
  void a_convolution_computes_what_a_java_loop_computes() {
    try (TfSession<TFloat64> s = TfSession.float64(CONFIG)) {
      NetworkGraph<TFloat64> g = Networks.sequential(5, 5, 1).conv(1, 3).build(s, NetworkContext.of(25, 4));
      double[] w = s.fetch(g.parameters().get(0));   // [3, 3, 1, 1]
      double b = s.fetch(g.parameters().get(1))[0];
      double[] x = new double[25];
      for (int i = 0; i < 25; i++) {
        x[i] = Math.sin(i);
      }
      double[] y = s.fetch(g.forward(s.constant(x, 1, 25), "conv1"));
      for (int r = 0; r < 3; r++) {
        for (int c = 0; c < 3; c++) {
          double acc = b;
          for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
              acc += w[i * 3 + j] * x[(r + i) * 5 + (c + j)];
            }
          }
          assertThat(y[r * 3 + c]).isCloseTo(acc, org.assertj.core.data.Offset.offset(1e-12));
        }
      }
    }
  }

  @Test
  void tangent_rules_agree_with_float64_central_differences_at_every_point() {
    checkTangents(CNN, 12, 12, 2, 9);
  }

  @Test
  void batch_norm_in_inference_form_is_an_affine_map_with_its_tangent() {
    Sequential bn = Networks.sequential(6, 6, 2).conv(3, 3).batchNorm().relu().flatten().dense(4);
    checkTangents(bn, 6, 6, 2, 3);
    try (TfSession<TFloat64> s = TfSession.float64(CONFIG)) {
      NetworkGraph<TFloat64> g = bn.build(s, NetworkContext.of(72, 3));
      double[] x = new double[72];
      for (int i = 0; i < 72; i++) {
        x[i] = Math.cos(i);
      }
      double[] conv = s.fetch(g.forward(s.constant(x, 1, 6, 6, 2), "conv1"));
      double[] norm = s.fetch(g.forward(s.constant(x, 1, 6, 6, 2), "batchnorm1"));
      for (int i = 0; i < conv.length; i++) {
        // γ = 1, β = 0, running mean 0, variance 1: y = x / √(1 + ε)
        assertThat(norm[i]).isCloseTo(conv[i] / Math.sqrt(1 + 1e-5), org.assertj.core.data.Offset.offset(1e-12));
      }
    }
  }

  /** Every probe point's tangent rule against a float64 central difference at random inputs. */
  private static void checkTangents(Sequential net, int h0, int w0, int c0, long seed) {
    int d = h0 * w0 * c0;
    try (TfSession<TFloat64> s = TfSession.float64(CONFIG)) {
      NetworkGraph<TFloat64> g = net.build(s, NetworkContext.of(d, seed));
      SplittableRandom rng = new SplittableRandom(1);
      double[] x = new double[3 * d];
      double[] t = new double[3 * d];
      for (int i = 0; i < x.length; i++) {
        x[i] = rng.nextDouble() * 2 - 1;
        t[i] = rng.nextDouble() * 2 - 1;
      }
      Operand<TFloat64> xs = s.constant(x, 3, h0, w0, c0);
      Operand<TFloat64> ts = s.constant(t, 3, h0, w0, c0);
      double h = 1e-7;
      double[] up = x.clone();
      double[] down = x.clone();
      for (int i = 0; i < x.length; i++) {
        up[i] += h * t[i];
        down[i] -= h * t[i];
      }
      List<Dual<TFloat64>> rules = g.forwardWithTangent(xs, ts, net.probePoints());
      for (int p = 0; p < rules.size(); p++) {
        String point = net.probePoints().get(p);
        double[] plus = s.fetch(g.forward(s.constant(up, 3, h0, w0, c0), point));
        double[] minus = s.fetch(g.forward(s.constant(down, 3, h0, w0, c0), point));
        double[] tangent = s.fetch(rules.get(p).tangent());
        for (int i = 0; i < tangent.length; i++) {
          // central difference: truncation ~h² ≈ 1e-14, rounding ~1e-16/h = 1e-9 (no kink within ±h here)
          assertThat(tangent[i]).as("%s[%d]", point, i).isCloseTo((plus[i] - minus[i]) / (2 * h), org.assertj.core.data.Offset.offset(1e-6));
        }
        assertThat(s.fetch(rules.get(p).value())).containsExactly(s.fetch(g.forward(xs, point)), org.assertj.core.data.Offset.offset(1e-12));
      }
    }
  }

  @Test
  void initialisers_follow_their_distributions() {
    try (TfSession<TFloat64> s = TfSession.float64(CONFIG)) {
      NetworkGraph<TFloat64> g = Networks.sequential(400).dense(400).init(Sequential.Initializer.TORCH_DEFAULT).initScale(0.1)
          .build(s, NetworkContext.of(400, 2));
      Matrix w = s.fetchMatrix(g.parameters().get(0));
      double max = 0;
      double sum2 = 0;
      for (double v : w.toArray()) {
        max = Math.max(max, Math.abs(v));
        sum2 += v * v;
      }
      // U(±0.1/√400 = ±0.005): variance 0.005²/3
      assertThat(max).isLessThanOrEqualTo(0.005);
      assertThat(sum2 / 160_000).isCloseTo(0.005 * 0.005 / 3, org.assertj.core.data.Percentage.withPercentage(3));
    }
  }
}
