package io.github.gradsense.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gradsense.runtime.RuntimeConfig;
import io.github.gradsense.runtime.TfSession;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.nn.MaxPoolWithArgmax;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TFloating;

/**
 * The exact-sensitivity path against its earlier formulation: max pooling's tangent by
 * {@code MaxPoolGradGrad} (float32) or a gather at {@code MaxPoolWithArgmax} (float64), and ReLU's
 * tangent masked by the pre-activation.
 */
class MaxPoolTangentTest {
  private static final RuntimeConfig CONFIG = RuntimeConfig.defaults().withThreads(2);

  /** Values on four levels, so that most windows hold several equal maxima; tangents all different. */
  private static double[][] tied(int n, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] x = new double[n];
    double[] t = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = rng.nextInt(4) * 0.5 - 0.5;
      t[i] = rng.nextDouble() * 2 - 1;
    }
    return new double[][] {x, t};
  }

  private static <T extends TFloating> Operand<T> oldRule(TfSession<T> s, Operand<T> x, Operand<T> t, int k, int stride,
      String padding) {
    Ops tf = s.tf();
    if (s.type() == TFloat32.class) {
      return tf.nn.maxPoolGradGrad(x, s.maxPool(x, k, stride, padding), t, tf.constant(new int[] {1, k, k, 1}),
          tf.constant(new int[] {1, stride, stride, 1}), padding);
    }
    MaxPoolWithArgmax<T, TInt64> mp = tf.nn.maxPoolWithArgmax(x, List.of(1L, (long) k, (long) k, 1L),
        List.of(1L, (long) stride, (long) stride, 1L), TInt64.class, padding, MaxPoolWithArgmax.includeBatchInIndex(true));
    return tf.gather(tf.reshape(t, tf.constant(new long[] {-1})), mp.argmax(), tf.constant(0));
  }

  private static <T extends TFloating> void agreesAtTies(TfSession<T> s) {
    double[][] xt = tied(3 * 9 * 9 * 5, 7);
    Operand<T> x = s.constant(xt[0], 3, 9, 9, 5);
    Operand<T> t = s.constant(xt[1], 3, 9, 9, 5);
    for (int k : new int[] {2, 3}) {
      for (String padding : new String[] {"VALID", "SAME"}) {
        Dual<T> now = MaxPoolTangent.of(s, x, t, k, k, padding);
        double[] expected = s.fetch(oldRule(s, x, t, k, k, padding));
        // exact, bound 0: the one-hot mask is 0 or 1, M ⊙ ẋ is ẋ or ±0, and each window's sum has one non-zero term
        assertThat(s.fetch(now.tangent())).as("k %d %s", k, padding).containsExactly(expected);
        assertThat(s.fetch(now.value())).containsExactly(s.fetch(s.maxPool(x, k, k, padding)));
      }
    }
    // overlapping windows take the old rule itself
    assertThat(s.fetch(MaxPoolTangent.of(s, x, t, 3, 2, "VALID").tangent())).containsExactly(s.fetch(oldRule(s, x, t, 3, 2, "VALID")));
  }

  @Test
  void the_one_hot_form_selects_each_windows_first_maximum_as_max_pool_grad_grad_does() {
    try (TfSession<TFloat32> s = TfSession.float32(CONFIG)) {
      agreesAtTies(s);
    }
  }

  @Test
  void the_one_hot_form_selects_as_the_argmax_gather_does_in_float64() {
    try (TfSession<TFloat64> s = TfSession.float64(CONFIG)) {
      agreesAtTies(s);
    }
  }

  @Test
  void ties_are_resolved_so_a_last_maximum_rule_would_be_caught() {
    // negative control: selecting the last maximum (the rule on the input mirrored in H and W) differs at ties
    try (TfSession<TFloat32> s = TfSession.float32(CONFIG)) {
      Ops tf = s.tf();
      double[][] xt = tied(3 * 8 * 8 * 5, 7);
      Operand<TFloat32> x = s.constant(xt[0], 3, 8, 8, 5);
      Operand<TFloat32> t = s.constant(xt[1], 3, 8, 8, 5);
      Operand<org.tensorflow.types.TInt32> hw = tf.constant(new int[] {1, 2});
      Operand<TFloat32> last = tf.reverse(oldRule(s, tf.reverse(x, hw), tf.reverse(t, hw), 2, 2, "VALID"), hw);
      assertThat(s.fetch(MaxPoolTangent.of(s, x, t, 2, 2, "VALID").tangent())).isNotEqualTo(s.fetch(last));
    }
  }

  /**
   * The benchmark CNN's tangents at every probe point against the old formulation (ReLU masked by
   * the pre-activation, MaxPoolGradGrad), float32. The primal convolutions now fuse with their
   * ReLU, which may change oneDNN's summation order: each output is a dot product of
   * K = 5·5·8 = 200 terms, so |Δ| ≤ 2K·u·Σ|w x| with u = 2⁻²⁴, ≈ 2.4e-5 relative; bound 1e-4 of
   * each point's largest |ẏ| (a ReLU mask flips only for |z| below that, which these inputs avoid).
   */
  @Test
  void the_cnn_tangents_equal_the_old_formulation_to_float32_rounding() {
    Sequential cnn = Networks.sequential(32, 32, 3).conv(8, 5).relu().maxPool(2).conv(16, 5).relu().maxPool(2)
        .flatten().dense(32).relu().dense(10);
    try (TfSession<TFloat32> s = TfSession.float32(CONFIG)) {
      Ops tf = s.tf();
      NetworkGraph<TFloat32> g = cnn.build(s, NetworkContext.of(32 * 32 * 3, 3));
      SplittableRandom rng = new SplittableRandom(11);
      double[] x = new double[4 * 32 * 32 * 3];
      double[] t = new double[x.length];
      for (int i = 0; i < x.length; i++) {
        x[i] = rng.nextDouble() * 2 - 1;
        t[i] = rng.nextDouble() * 2 - 1;
      }
      Operand<TFloat32> xs = s.constant(x, 4, 32, 32, 3);
      Operand<TFloat32> ts = s.constant(t, 4, 32, 32, 3);
      List<String> points = List.of("conv1", "relu1", "maxpool1", "relu2", "maxpool2", "relu3", "output");
      List<Dual<TFloat32>> now = g.forwardWithTangent(xs, ts, points);
      List<org.tensorflow.op.core.Variable<TFloat32>> p = g.parameters();
      List<Operand<TFloat32>> old = new ArrayList<>();
      List<Long> ones = List.of(1L, 1L, 1L, 1L);
      Operand<TFloat32> z = tf.nn.biasAdd(tf.nn.conv2d(xs, p.get(0), ones, "VALID"), p.get(1));
      Operand<TFloat32> d = tf.nn.conv2d(ts, p.get(0), ones, "VALID");
      old.add(d);
      d = tf.nn.reluGrad(d, z);
      old.add(d);
      Operand<TFloat32> v = tf.nn.relu(z);
      d = oldRule(s, v, d, 2, 2, "VALID");
      old.add(d);
      v = s.maxPool(v, 2, 2, "VALID");
      z = tf.nn.biasAdd(tf.nn.conv2d(v, p.get(2), ones, "VALID"), p.get(3));
      d = tf.nn.reluGrad(tf.nn.conv2d(d, p.get(2), ones, "VALID"), z);
      old.add(d);
      v = tf.nn.relu(z);
      d = oldRule(s, v, d, 2, 2, "VALID");
      old.add(d);
      v = tf.reshape(s.maxPool(v, 2, 2, "VALID"), tf.constant(new long[] {-1, 400}));
      d = tf.reshape(d, tf.constant(new long[] {-1, 400}));
      z = tf.nn.biasAdd(tf.linalg.matMul(v, p.get(4)), p.get(5));
      d = tf.nn.reluGrad(tf.linalg.matMul(d, p.get(4)), z);
      old.add(d);
      old.add(tf.linalg.matMul(d, p.get(6)));
      for (int i = 0; i < points.size(); i++) {
        double[] a = s.fetch(now.get(i).tangent());
        double[] b = s.fetch(old.get(i));
        double scale = 0;
        for (double e : b) {
          scale = Math.max(scale, Math.abs(e));
        }
        assertThat(a).as(points.get(i)).hasSameSizeAs(b);
        for (int j = 0; j < a.length; j++) {
          assertThat(Math.abs(a[j] - b[j])).as("%s[%d]", points.get(i), j).isLessThanOrEqualTo(1e-4 * scale);
        }
      }
    }
  }
}
