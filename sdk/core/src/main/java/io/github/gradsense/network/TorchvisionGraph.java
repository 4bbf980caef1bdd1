package io.github.gradsense.network;

import io.github.gradsense.runtime.TfSession;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.op.math.Mean;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TFloating;

/**
 * The graph of a {@link TorchvisionNetwork}: NHWC activations, weights as constants converted
 * from PyTorch's layouts (OIHW kernels to HWIO; feature maps flattened in PyTorch's (C, H, W) order
 * before a linear layer), weights fed rather than embedded ({@link TfSession#fedConstant}), and
 * per-module tangent rules, so that every probe
 * point's value and its derivative along an input tangent come out of one pass.
 */
final class TorchvisionGraph<T extends TFloating> implements NetworkGraph<T> {
  private static final double[] IMAGENET_MEAN = {0.485, 0.456, 0.406};
  private static final double[] IMAGENET_STD = {0.229, 0.224, 0.225};
  private static final double BN_EPSILON = 1e-5;

  private final TfSession<T> s;
  private final Ops tf;
  private final TorchvisionNetwork spec;
  private final ShapeTape shapes;
  private final StateDict weights;
  private final List<String> points;
  private final Map<String, Operand<T>> constants = new HashMap<>();
  /** One value pass per input operand: {@link #forward} at several points shares it. */
  private final Map<Operand<T>, Map<String, Flow<T>>> passes = new java.util.IdentityHashMap<>();

  /** A value and, when differentiating, its tangent. */
  record Flow<T extends TFloating>(Operand<T> value, @Nullable Operand<T> tangent) {}

  TorchvisionGraph(TfSession<T> session, TorchvisionNetwork spec, ShapeTape shapes, StateDict weights) {
    this.s = session;
    this.tf = session.tf();
    this.spec = spec;
    this.shapes = shapes;
    this.weights = weights;
    List<String> p = new ArrayList<>(shapes.points.keySet());
    p.add("output");
    this.points = List.copyOf(p);
  }

  @Override
  public List<Variable<T>> parameters() {
    return List.of();
  }

  @Override
  public List<String> probePoints() {
    return points;
  }

  @Override
  public int inputDim() {
    return spec.imageSize() * spec.imageSize() * 3;
  }

  @Override
  public long[] inputShape() {
    return new long[] {spec.imageSize(), spec.imageSize(), 3};
  }

  @Override
  public TfSession<T> session() {
    return s;
  }

  @Override
  public int width(String point) {
    checkPoint(point);
    int w = 1;
    for (int d : shapeOf(point)) {
      w *= d;
    }
    return w;
  }

  /** The shape of one sample's activation at {@code point}: {@code [H, W, C]} or {@code [F]}. */
  int[] shapeOf(String point) {
    return point.equals("output") ? shapes.points.get(points.get(points.size() - 2)) : shapes.points.get(point);
  }

  @Override
  public Operand<T> forward(Operand<T> x, String point) {
    checkPoint(point);
    return passes.computeIfAbsent(x, in -> run(in, null)).get(point).value();
  }

  @Override
  public List<Dual<T>> forwardWithTangent(Operand<T> x, Operand<T> tangent, List<String> wanted) {
    for (String p : wanted) {
      checkPoint(p);
    }
    Map<String, Flow<T>> at = run(x, tangent);
    List<Dual<T>> out = new ArrayList<>();
    for (String p : wanted) {
      Flow<T> f = at.get(p);
      out.add(new Dual<>(f.value(), f.tangent()));
    }
    return out;
  }

  private Map<String, Flow<T>> run(Operand<T> x, @Nullable Operand<T> tangent) {
    int side = spec.imageSize();
    Operand<T> v = tf.reshape(x, tf.constant(new long[] {-1, side, side, 3}));
    Operand<T> t = tangent == null ? null : tf.reshape(tangent, tf.constant(new long[] {-1, side, side, 3}));
    if (spec.imagenetNormalisation()) {
      Operand<T> std = s.vector(IMAGENET_STD);
      v = tf.math.div(tf.math.sub(v, s.vector(IMAGENET_MEAN)), std);
      t = t == null ? null : tf.math.div(t, std);
    }
    GraphTape tape = new GraphTape();
    Flow<T> logits = spec.architecture().forward(tape, new Flow<>(v, t));
    tape.alias("output", logits);
    return tape.recorded;
  }

  // ------------------------------------------------------------------ constants from the state dict

  private float[] values(String name) {
    return weights.get(name).values();
  }

  private Operand<T> constant(String key, float[] values, long... shape) {
    Operand<T> c = constants.get(key);
    if (c == null) {
      c = s.fedConstant(key.replaceAll("[^A-Za-z0-9_.-]", "_"), values, shape);
      constants.put(key, c);
    }
    return c;
  }

  private Operand<T> cached(String key) {
    return constants.get(key);
  }

  /** OIHW to HWIO. */
  private Operand<T> kernel(String name, int out, int in, int k) {
    if (cached(name) != null) {
      return cached(name);
    }
    float[] w = values(name);
    float[] hwio = new float[w.length];
    for (int o = 0; o < out; o++) {
      for (int i = 0; i < in; i++) {
        for (int a = 0; a < k; a++) {
          for (int b = 0; b < k; b++) {
            hwio[((a * k + b) * in + i) * out + o] = w[((o * in + i) * k + a) * k + b];
          }
        }
      }
    }
    return constant(name, hwio, k, k, in, out);
  }

  private Operand<T> vector(String name) {
    float[] v = values(name);
    return constant(name, v, v.length);
  }

  private static int[] shape4(Operand<?> x) {
    Shape sh = x.shape();
    return new int[] {(int) sh.get(1), (int) sh.get(2), (int) sh.get(3)};
  }

  /** The rows of adaptive average pooling from {@code in} to {@code out}: PyTorch's bins ⌊i·in/out⌋ … ⌈(i+1)·in/out⌉. */
  static double[] adaptiveBins(int in, int out) {
    double[] p = new double[out * in];
    for (int i = 0; i < out; i++) {
      int start = (int) Math.floor((double) i * in / out);
      int end = (int) Math.ceil((double) (i + 1) * in / out);
      for (int h = start; h < end; h++) {
        p[i * in + h] = 1.0 / (end - start);
      }
    }
    return p;
  }

  // ------------------------------------------------------------------ the tape

  /** Applies each module to the value and its tangent rule to the tangent. */
  private final class GraphTape implements ModuleTape<Flow<T>> {
    final Map<String, Flow<T>> recorded = new LinkedHashMap<>();

    private Flow<T> record(String name, Flow<T> f) {
      recorded.put(name, f);
      return f;
    }

    /** The same tensors under a new name (a container's output, dropout): an op of its own, so both names can be fetched. */
    private Flow<T> alias(String name, Flow<T> f) {
      return record(name, new Flow<>(tf.identity(f.value()), f.tangent() == null ? null : tf.identity(f.tangent())));
    }

    private Flow<T> linearMap(Flow<T> x, java.util.function.UnaryOperator<Operand<T>> op) {
      return new Flow<>(op.apply(x.value()), x.tangent() == null ? null : op.apply(x.tangent()));
    }

    @Override
    public Flow<T> conv(String name, Flow<T> x, int out, int kernel, int stride, int pad, boolean bias) {
      int[] in = shape4(x.value());
      Operand<T> w = kernel(name + ".weight", out, in[2], kernel);
      List<Long> strides = List.of(1L, (long) stride, (long) stride, 1L);
      Flow<T> y = linearMap(x, h -> tf.nn.conv2d(padded(h, pad, 0), w, strides, "VALID"));
      if (bias) {
        y = new Flow<>(tf.nn.biasAdd(y.value(), vector(name + ".bias")), y.tangent());
      }
      return record(name, y);
    }

    private Operand<T> padded(Operand<T> h, int pad, double fill) {
      if (pad == 0) {
        return h;
      }
      Operand<org.tensorflow.types.TInt32> p = tf.constant(new int[][] {{0, 0}, {pad, pad}, {pad, pad}, {0, 0}});
      return tf.pad(h, p, s.scalar(fill));
    }

    @Override
    public Flow<T> batchNorm(String name, Flow<T> x) {
      String key = name + "#affine";
      if (cached(key + "-scale") == null) {
        float[] g = values(name + ".weight");
        float[] b = values(name + ".bias");
        float[] m = values(name + ".running_mean");
        float[] var = values(name + ".running_var");
        float[] scale = new float[g.length];
        float[] shift = new float[g.length];
        for (int c = 0; c < g.length; c++) {
          double sc = g[c] / Math.sqrt((double) var[c] + BN_EPSILON);
          scale[c] = (float) sc;
          shift[c] = (float) (b[c] - m[c] * sc);
        }
        constant(key + "-scale", scale, scale.length);
        constant(key + "-shift", shift, shift.length);
      }
      Operand<T> scale = cached(key + "-scale");
      Operand<T> shift = cached(key + "-shift");
      Operand<T> t = x.tangent() == null ? null : tf.math.mul(x.tangent(), scale);
      return record(name, new Flow<>(tf.math.add(tf.math.mul(x.value(), scale), shift), t));
    }

    @Override
    public Flow<T> relu(@Nullable String name, Flow<T> x) {
      // ReluGrad(t, y) = t · 1[y > 0] with y = relu(x) (y > 0 ⇔ x > 0), one consumer of x, as in the plain pass
      Operand<T> v = tf.nn.relu(x.value());
      Flow<T> y = new Flow<>(v, x.tangent() == null ? null : tf.nn.reluGrad(x.tangent(), v));
      return name == null ? y : record(name, y);
    }

    @Override
    public Flow<T> maxPool(String name, Flow<T> x, int kernel, int stride, int pad) {
      double lowest = s.type() == TFloat32.class ? -Float.MAX_VALUE : -Double.MAX_VALUE;
      Operand<T> v = padded(x.value(), pad, lowest);
      if (x.tangent() == null) {
        return record(name, new Flow<>(s.maxPool(v, kernel, stride, "VALID"), null));
      }
      Dual<T> y = MaxPoolTangent.of(s, v, padded(x.tangent(), pad, 0), kernel, stride, "VALID");
      return record(name, new Flow<>(y.value(), y.tangent()));
    }

    @Override
    public Flow<T> adaptiveAvgPool(String name, Flow<T> x, int side) {
      int[] in = shape4(x.value());
      if (in[0] == side && in[1] == side) {
        return alias(name, x);
      }
      if (side == 1) {
        return record(name, linearMap(x, h -> tf.math.mean(h, tf.constant(new int[] {1, 2}), Mean.keepDims(true))));
      }
      Operand<T> rows = s.constant(adaptiveBins(in[0], side), side, in[0]);
      Operand<T> cols = s.constant(adaptiveBins(in[1], side), side, in[1]);
      return record(name, linearMap(x, h -> {
        // pool H: [N, W, C, H] · Pᵀ, then W: [N, Oh, C, W] · Qᵀ
        Operand<T> a = tf.reshape(tf.linalg.transpose(h, tf.constant(new int[] {0, 2, 3, 1})), tf.constant(new long[] {-1, in[0]}));
        a = tf.linalg.matMul(a, rows, MatMul.transposeB(true));
        a = tf.reshape(a, tf.constant(new long[] {-1, in[1], in[2], side}));
        Operand<T> b = tf.reshape(tf.linalg.transpose(a, tf.constant(new int[] {0, 3, 2, 1})), tf.constant(new long[] {-1, in[1]}));
        b = tf.linalg.matMul(b, cols, MatMul.transposeB(true));
        b = tf.reshape(b, tf.constant(new long[] {-1, side, in[2], side}));
        return tf.linalg.transpose(b, tf.constant(new int[] {0, 1, 3, 2}));
      }));
    }

    @Override
    public Flow<T> linear(String name, Flow<T> x, int out) {
      int in = (int) x.value().shape().get(1);
      Operand<T> w = constant(name + ".weight", values(name + ".weight"), out, in);
      Flow<T> y = linearMap(x, h -> tf.linalg.matMul(h, w, MatMul.transposeB(true)));
      return record(name, new Flow<>(tf.nn.biasAdd(y.value(), vector(name + ".bias")), y.tangent()));
    }

    @Override
    public Flow<T> flatten(Flow<T> x) {
      int[] in = shape4(x.value());
      // NHWC to NCHW, then rows: PyTorch's order, so a 2-D probe point lists units as torchvision does
      return linearMap(x, h -> tf.reshape(tf.linalg.transpose(h, tf.constant(new int[] {0, 3, 1, 2})),
          tf.constant(new long[] {-1, (long) in[0] * in[1] * in[2]})));
    }

    @Override
    public Flow<T> dropout(String name, Flow<T> x) {
      return alias(name, x);
    }

    @Override
    public Flow<T> add(Flow<T> a, Flow<T> b) {
      Operand<T> t = a.tangent() == null ? null : tf.math.add(a.tangent(), b.tangent());
      return new Flow<>(tf.math.add(a.value(), b.value()), t);
    }

    @Override
    public Flow<T> point(String name, Flow<T> x) {
      return alias(name, x);
    }
  }

  @Override
  public String toString() {
    return "TorchvisionGraph[" + spec.architecture().name() + "]";
  }
}
