package io.github.gradsense.runtime;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.TensorFlow;
import org.tensorflow.op.RawCustomGradient;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TNumber;

/**
 * The gradients of TensorFlow's gradient ops that its C++ registry lacks, registered in Java so
 * that {@link Jvp double backward} runs through an imported graph of convolutions, ReLUs, pools and
 * saturating units (the graphs gradsense builds itself use tangent rules instead). Each op below is
 * linear in its upstream-gradient input {@code dy}, so its gradient there is the op applied to the
 * incoming {@code ḡ}; its other inputs get their true gradient where it is cheap and zero where the
 * op is piecewise constant in them:
 * <pre>
 *   ReluGrad(dy, x)      → ReluGrad(ḡ, x),                     0
 *   Relu6Grad(dy, x)     → Relu6Grad(ḡ, x),                    0
 *   TanhGrad(y, dy)      → −2 y dy ḡ,                           TanhGrad(y, ḡ)
 *   SigmoidGrad(y, dy)   → (1 − 2y) dy ḡ,                       SigmoidGrad(y, ḡ)
 *   BiasAddGrad(dy)      → ḡ broadcast over dy's channel axis
 *   AvgPoolGrad(s, dy)   → 0,                                   AvgPool(ḡ)
 *   MaxPoolGrad(x, y, dy) (V1 and V2) → 0, 0,                   MaxPoolGradGrad(x, y, ḡ)
 *   DepthwiseConv2dNativeBackpropInput(sizes, k, dy) → 0, 0,    DepthwiseConv2dNative(ḡ, k)
 *   FusedBatchNormGradV3 (inference only)(dy, x, γ, μ, σ², r) → ḡ γ / √(σ² + ε), 0, …
 * </pre>
 * Only the {@code dy} column enters a directional derivative {@code J v}; the others (exact or
 * zero) matter from the third order on.
 *
 * <p>TensorFlow Java 1.1's native bridge holds at most ten Java gradients per process; an eleventh
 * registers but crashes the JVM when used (measured). These ten fill it: code that registers its own
 * must not call {@link #register()}. Ops outside the list that lack a C++ second-order gradient
 * (EluGrad, SqrtGrad, ResizeBilinearGrad, measured) are named in the error and measured by finite
 * differences.
 * Registration is process-wide and happens once; it is checked against float64 central differences
 * in {@code SavedModelNetworkTest}.
 *
 * <pre>{@code
 * SecondOrderGradients.register();     // before Graph.addGradients through such ops
 * }</pre>
 */
public final class SecondOrderGradients {
  private static boolean registered;

  private SecondOrderGradients() {}

  /** The op types this class gives a gradient, in registration order. */
  public static final List<String> OP_TYPES =
      List.of("ReluGrad", "Relu6Grad", "TanhGrad", "SigmoidGrad", "BiasAddGrad", "AvgPoolGrad", "MaxPoolGrad", "MaxPoolGradV2",
          "DepthwiseConv2dNativeBackpropInput", "FusedBatchNormGradV3");

  /** Registers the gradients once per process (later calls do nothing). */
  public static synchronized void register() {
    if (registered) {
      return;
    }
    put("ReluGrad", (tf, op, g) -> List.of(tf.nn.reluGrad(in(g.get(0)), in(op.input(1))), tf.zerosLike(op.input(1))));
    put("Relu6Grad", (tf, op, g) -> List.of(tf.nn.relu6Grad(in(g.get(0)), in(op.input(1))), tf.zerosLike(op.input(1))));
    put("TanhGrad", (tf, op, g) -> {
      Operand<TNumber> y = in(op.input(0));
      Operand<TNumber> dy = in(op.input(1));
      Operand<TNumber> bar = in(g.get(0));
      Operand<TNumber> dyY = tf.math.mul(tf.math.mul(bar, dy), tf.math.mul(y, tf.dtypes.cast(tf.constant(-2.0), y.type())));
      return List.of(dyY, tf.math.tanhGrad(y, bar));
    });
    put("SigmoidGrad", (tf, op, g) -> {
      Operand<TNumber> y = in(op.input(0));
      Operand<TNumber> dy = in(op.input(1));
      Operand<TNumber> bar = in(g.get(0));
      Operand<TNumber> one = tf.dtypes.cast(tf.constant(1.0), y.type());
      Operand<TNumber> slope = tf.math.sub(one, tf.math.add(y, y));
      return List.of(tf.math.mul(tf.math.mul(bar, dy), slope), tf.math.sigmoidGrad(y, bar));
    });
    put("BiasAddGrad", (tf, op, g) -> {
      Operand<TNumber> dy = in(op.input(0));
      Operand<TNumber> bar = in(g.get(0));
      String format = op.attributes().getAttrString("data_format");
      if (format.equals("NCHW")) {
        int rank = dy.shape().numDimensions();
        long[] shape = new long[rank];
        java.util.Arrays.fill(shape, 1);
        shape[1] = -1;
        bar = tf.reshape(bar, tf.constant(shape));
      }
      return List.of(tf.math.add(tf.zerosLike(dy), bar));
    });
    put("AvgPoolGrad", (tf, op, g) -> {
      Operand<TNumber> bar = in(g.get(0));
      org.tensorflow.OperationAttributeInspector a = op.attributes();
      return List.of(tf.zerosLike(op.input(0)), tf.nn.avgPool(bar, longs(a.getAttrIntList("ksize")),
          longs(a.getAttrIntList("strides")), a.getAttrString("padding"),
          org.tensorflow.op.nn.AvgPool.dataFormat(a.getAttrString("data_format"))));
    });
    put("MaxPoolGrad", (tf, op, g) -> {
      org.tensorflow.OperationAttributeInspector a = op.attributes();
      Operand<TInt32> ksize = tf.constant(ints(a.getAttrIntList("ksize")));
      Operand<TInt32> strides = tf.constant(ints(a.getAttrIntList("strides")));
      return List.of(tf.zerosLike(op.input(0)), tf.zerosLike(op.input(1)), tf.nn.maxPoolGradGrad(in(op.input(0)), in(op.input(1)),
          in(g.get(0)), ksize, strides, a.getAttrString("padding"),
          org.tensorflow.op.nn.MaxPoolGradGrad.dataFormat(a.getAttrString("data_format"))));
    });
    put("MaxPoolGradV2", (tf, op, g) -> {
      org.tensorflow.OperationAttributeInspector a = op.attributes();
      Operand<TInt32> ksize = in(op.input(3));
      Operand<TInt32> strides = in(op.input(4));
      return List.of(tf.zerosLike(op.input(0)), tf.zerosLike(op.input(1)), tf.nn.maxPoolGradGrad(in(op.input(0)), in(op.input(1)),
          in(g.get(0)), ksize, strides, a.getAttrString("padding"),
          org.tensorflow.op.nn.MaxPoolGradGrad.dataFormat(a.getAttrString("data_format"))), tf.zerosLike(ksize), tf.zerosLike(strides));
    });
    put("DepthwiseConv2dNativeBackpropInput", (tf, op, g) -> {
      org.tensorflow.OperationAttributeInspector a = op.attributes();
      Operand<TNumber> k = in(op.input(1));
      Operand<TNumber> conv = tf.nn.depthwiseConv2dNative(in(g.get(0)), k, longs(a.getAttrIntList("strides")), a.getAttrString("padding"),
          org.tensorflow.op.nn.DepthwiseConv2dNative.dataFormat(a.getAttrString("data_format")),
          org.tensorflow.op.nn.DepthwiseConv2dNative.dilations(longs(a.getAttrIntList("dilations"))),
          org.tensorflow.op.nn.DepthwiseConv2dNative.explicitPaddings(longs(a.getAttrIntList("explicit_paddings"))));
      return List.of(tf.zerosLike(op.input(0)), tf.zerosLike(k), conv);
    });
    for (String type : List.of("FusedBatchNormGradV3")) {
      put(type, (tf, op, g) -> {
        org.tensorflow.OperationAttributeInspector a = op.attributes();
        if (a.getAttrBool("is_training")) {
          throw new IllegalArgumentException(type + " '" + op.name() + "' is in training mode: export the model for inference "
              + "(batch normalisation with its running statistics) to probe it");
        }
        Operand<TNumber> dy = in(op.input(0));
        Operand<TNumber> bar = in(g.get(0));
        Operand<TNumber> scale = tf.dtypes.cast(in(op.input(2)), dy.type());
        Operand<TNumber> variance = tf.dtypes.cast(in(op.input(4)), dy.type());
        Operand<TNumber> eps = tf.dtypes.cast(tf.constant((double) a.getAttrFloat("epsilon")), dy.type());
        Operand<TNumber> factor = tf.math.mul(scale, tf.math.rsqrt(tf.math.add(variance, eps)));
        if (a.getAttrString("data_format").startsWith("NC")) {
          factor = tf.reshape(factor, tf.constant(new long[] {1, -1, 1, 1}));
        }
        List<Operand<?>> out = new java.util.ArrayList<>();
        out.add(tf.math.mul(bar, factor));
        for (int i = 1; i < op.numInputs(); i++) {
          out.add(tf.zerosLike(op.input(i)));
        }
        return out;
      });
    }
    registered = true;
  }

  private static void put(String type, RawCustomGradient gradient) {
    // false when TensorFlow already has one for this type: then its own is used
    TensorFlow.registerCustomGradient(type, gradient);
  }

  @SuppressWarnings("unchecked")
  private static <U extends TNumber> Operand<U> in(Operand<?> o) {
    return (Operand<U>) o;
  }

  private static List<Long> longs(long[] v) {
    return java.util.Arrays.stream(v).boxed().toList();
  }

  private static int[] ints(long[] v) {
    return java.util.Arrays.stream(v).mapToInt(Math::toIntExact).toArray();
  }
}
