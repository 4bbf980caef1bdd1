package io.github.gradsense.network;

import io.github.gradsense.runtime.TfSession;
import java.util.Arrays;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.nn.MaxPoolWithArgmax;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TFloating;

/**
 * Max pooling of an NHWC value and its tangent: {@code y_w = max_{i∈w} x_i} and
 * {@code ẏ_w = ẋ_{i*(w)}}, with {@code i*(w)} the first maximum of window {@code w} in row-major
 * order (TensorFlow's choice in every max-pooling kernel, so ties resolve as in its gradients).
 *
 * <p>Windows that do not overlap ({@code stride = size}) take the fast form
 * <pre>
 *   M = MaxPoolGrad(x, y, 1)          one-hot: 1 at each window's i*, 0 elsewhere
 *   ẏ = Σ_{i∈w} M_i ẋ_i               a depthwise k×k convolution of M ⊙ ẋ with ones, stride k
 * </pre>
 * exact, as each window's sum holds one non-zero term; both ops have oneDNN kernels (≈ 4× cheaper
 * than {@code MaxPoolGradGrad} on a 1800 × 28 × 28 × 32 float32 batch). Overlapping windows fall
 * back to {@code MaxPoolGradGrad} (float32; the same selection) or, in float64, whose CPU kernel it
 * lacks, to a gather at {@code MaxPoolWithArgmax}'s indices.
 */
final class MaxPoolTangent {
  private MaxPoolTangent() {}

  /**
   * The pooled value and tangent.
   *
   * @param value {@code x}, NHWC
   * @param tangent {@code ẋ}, shaped as {@code value}
   * @param size window side {@code k}
   * @param stride window stride
   * @param padding {@code VALID} or {@code SAME}
   */
  static <T extends TFloating> Dual<T> of(TfSession<T> s, Operand<T> value, Operand<T> tangent, int size, int stride,
      String padding) {
    Ops tf = s.tf();
    if (stride == size) {
      Operand<T> y = s.maxPool(value, size, stride, padding);
      long[] window = {1, size, size, 1};
      Operand<T> mask = tf.scope().opBuilder("MaxPoolGrad", "MaxPoolTangentMask").addInput(value.asOutput())
          .addInput(y.asOutput()).addInput(tf.onesLike(y).asOutput())
          .setAttr("ksize", window).setAttr("strides", window).setAttr("padding", padding).build().output(0);
      long channels = value.shape().get(3);
      if (channels < 1) {
        throw new IllegalArgumentException("max pooling's tangent needs a known channel count, got shape " + value.shape());
      }
      double[] ones = new double[(int) (size * size * channels)];
      Arrays.fill(ones, 1.0);
      Operand<T> sum = tf.nn.depthwiseConv2dNative(tf.math.mul(mask, tangent), s.constant(ones, size, size, channels, 1),
          List.of(1L, (long) size, (long) size, 1L), padding);
      return new Dual<>(y, sum);
    }
    if (s.type() == TFloat32.class) {
      Operand<T> y = s.maxPool(value, size, stride, padding);
      Operand<T> t = tf.nn.maxPoolGradGrad(value, y, tangent, tf.constant(new int[] {1, size, size, 1}),
          tf.constant(new int[] {1, stride, stride, 1}), padding);
      return new Dual<>(y, t);
    }
    MaxPoolWithArgmax<T, TInt64> mp = tf.nn.maxPoolWithArgmax(value, List.of(1L, (long) size, (long) size, 1L),
        List.of(1L, (long) stride, (long) stride, 1L), TInt64.class, padding, MaxPoolWithArgmax.includeBatchInIndex(true));
    Operand<T> picked = tf.gather(tf.reshape(tangent, tf.constant(new long[] {-1})), mp.argmax(), tf.constant(0));
    return new Dual<>(mp.output(), picked);
  }
}
