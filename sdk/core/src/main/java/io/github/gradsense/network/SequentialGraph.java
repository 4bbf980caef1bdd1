package io.github.gradsense.network;

import io.github.gradsense.internal.Seeds;
import io.github.gradsense.runtime.TfSession;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.family.TFloating;

/** The graph of a {@link Sequential} network, with per-layer tangent rules for forward-mode derivatives. */
final class SequentialGraph<T extends TFloating> implements NetworkGraph<T> {
  private final TfSession<T> s;
  private final Ops tf;
  private final Sequential spec;
  private final List<int[]> shapes;
  private final List<String> points;
  private final List<@Nullable Variable<T>> weights = new ArrayList<>();
  private final List<@Nullable Variable<T>> biases = new ArrayList<>();
  private final java.util.Map<Integer, Operand<T>> bnMean = new java.util.HashMap<>();
  private final java.util.Map<Integer, Operand<T>> bnScale = new java.util.HashMap<>();
  private int given;

  SequentialGraph(TfSession<T> session, Sequential spec, long seed) {
    this.s = session;
    this.tf = session.tf();
    this.spec = spec;
    this.shapes = Sequential.shapes(spec.inputShape(), spec.layers());
    this.points = spec.probePoints();
    for (int i = 0; i < spec.layers().size(); i++) {
      Layer l = spec.layers().get(i);
      int[] in = shapes.get(i);
      SplittableRandom rng = Seeds.random(seed, "init-layer-" + (i + 1));
      String name = points.get(i);
      if (l instanceof Layer.Conv2d c) {
        int fanIn = c.kernel() * c.kernel() * in[2];
        int fanOut = c.kernel() * c.kernel() * c.filters();
        weights.add(param(name + "_W", draw(rng, fanIn * c.filters(), fanIn, fanOut, false), c.kernel(), c.kernel(), in[2], c.filters()));
        biases.add(c.bias() ? param(name + "_b", draw(rng, c.filters(), fanIn, fanOut, true), c.filters()) : null);
      } else if (l instanceof Layer.Dense d) {
        int fanIn = width(in);
        weights.add(param(name + "_W", draw(rng, fanIn * d.units(), fanIn, d.units(), false), fanIn, d.units()));
        biases.add(d.bias() ? param(name + "_b", draw(rng, d.units(), fanIn, d.units(), true), d.units()) : null);
      } else if (l instanceof Layer.BatchNorm bn) {
        int ch = in[in.length - 1];
        double[] ones = new double[ch];
        java.util.Arrays.fill(ones, 1.0);
        weights.add(param(name + "_gamma", ones, ch));
        biases.add(param(name + "_beta", new double[ch], ch));
        // running statistics: fixed, given with the parameters when set, else mean 0, variance 1
        double[] mean = new double[ch];
        double[] variance = ones.clone();
        bnMean.put(i, s.vector(mean));
        bnScale.put(i, s.tf().math.div(s.vector(ones), s.tf().math.sqrt(s.tf().math.add(s.vector(variance), s.scalar(bn.epsilon())))));
      } else {
        weights.add(null);
        biases.add(null);
      }
    }
  }

  /** A variable from the given values (in order) if the spec has them, else from {@code drawn}. */
  private Variable<T> param(String name, double[] drawn, long... shape) {
    List<ParameterValues> values = spec.parameters();
    if (values == null) {
      return s.variable(name, drawn, shape);
    }
    if (given >= values.size()) {
      throw new IllegalArgumentException("the given parameters hold " + values.size() + " tensors; the network needs more");
    }
    ParameterValues v = values.get(given++);
    if (!java.util.Arrays.equals(v.shape(), shape)) {
      throw new IllegalArgumentException("given parameter " + (given - 1) + " (" + v.name() + ") has shape "
          + java.util.Arrays.toString(v.shape()) + ", the network's " + name + " needs " + java.util.Arrays.toString(shape));
    }
    return s.variable(name, v.values(), shape);
  }

  private double[] draw(SplittableRandom rng, int n, int fanIn, int fanOut, boolean bias) {
    double[] v = new double[n];
    double scale = spec.initScale();
    switch (spec.initializer()) {
      case HE_NORMAL -> {
        if (!bias) {
          double sd = Math.sqrt(2.0 / fanIn);
          for (int i = 0; i < n; i++) {
            double u1 = rng.nextDouble();
            double u2 = rng.nextDouble();
            v[i] = scale * sd * Math.sqrt(-2 * Math.log1p(-u1)) * Math.cos(2 * Math.PI * u2);
          }
        }
      }
      case GLOROT_UNIFORM -> {
        if (!bias) {
          double limit = Math.sqrt(6.0 / (fanIn + fanOut));
          for (int i = 0; i < n; i++) {
            v[i] = scale * limit * (2 * rng.nextDouble() - 1);
          }
        }
      }
      case TORCH_DEFAULT -> {
        double limit = 1 / Math.sqrt(fanIn);
        for (int i = 0; i < n; i++) {
          v[i] = scale * limit * (2 * rng.nextDouble() - 1);
        }
      }
      default -> throw new IllegalStateException();
    }
    return v;
  }

  private static int width(int[] shape) {
    int w = 1;
    for (int x : shape) {
      w *= x;
    }
    return w;
  }

  @Override
  public List<Variable<T>> parameters() {
    List<Variable<T>> p = new ArrayList<>();
    for (int i = 0; i < weights.size(); i++) {
      if (weights.get(i) != null) {
        p.add(weights.get(i));
      }
      if (biases.get(i) != null) {
        p.add(biases.get(i));
      }
    }
    return p;
  }

  @Override
  public List<String> probePoints() {
    return points;
  }

  @Override
  public int inputDim() {
    return width(shapes.get(0));
  }

  @Override
  public long[] inputShape() {
    return Arrays.stream(shapes.get(0)).asLongStream().toArray();
  }

  @Override
  public int width(String point) {
    return width(shapes.get(layerIndex(point) + 1));
  }

  @Override
  public TfSession<T> session() {
    return s;
  }

  private int layerIndex(String point) {
    checkPoint(point);
    return point.equals("output") ? spec.layers().size() - 1 : points.indexOf(point);
  }

  private Operand<T> asInput(Operand<T> x) {
    long[] shape = new long[shapes.get(0).length + 1];
    shape[0] = -1;
    for (int i = 0; i < shapes.get(0).length; i++) {
      shape[i + 1] = shapes.get(0)[i];
    }
    return tf.reshape(x, tf.constant(shape));
  }

  @Override
  public Operand<T> forward(Operand<T> x, String point) {
    int last = layerIndex(point);
    Operand<T> h = asInput(x);
    for (int i = 0; i <= last; i++) {
      h = apply(i, h);
    }
    return h;
  }

  private Operand<T> apply(int i, Operand<T> h) {
    Layer l = spec.layers().get(i);
    if (l instanceof Layer.Conv2d c) {
      return addBias(i, conv(i, c, h));
    } else if (l instanceof Layer.Dense) {
      return addBias(i, dense(i, h));
    } else if (l instanceof Layer.Pool p) {
      return p.max()
          ? s.maxPool(h, p.size(), p.stride(), p.padding().name())
          : tf.nn.avgPool(h, List.of(1L, (long) p.size(), (long) p.size(), 1L), List.of(1L, (long) p.stride(), (long) p.stride(), 1L), p.padding().name());
    } else if (l instanceof Layer.Activation a) {
      return a.function() == Layer.Activation.Function.RELU ? tf.nn.relu(h) : tf.math.tanh(h);
    } else if (l instanceof Layer.BatchNorm) {
      Operand<T> normalised = tf.math.mul(tf.math.sub(h, bnMean.get(i)), bnScale.get(i));
      return tf.math.add(tf.math.mul(normalised, weights.get(i)), biases.get(i));
    } else {
      return tf.reshape(h, tf.constant(new long[] {-1, width(shapes.get(i))}));
    }
  }

  private Operand<T> conv(int i, Layer.Conv2d c, Operand<T> h) {
    return tf.nn.conv2d(h, weights.get(i), List.of(1L, (long) c.stride(), (long) c.stride(), 1L), c.padding().name());
  }

  private Operand<T> dense(int i, Operand<T> h) {
    Operand<T> flat = tf.reshape(h, tf.constant(new long[] {-1, width(shapes.get(i))}));
    return tf.linalg.matMul(flat, weights.get(i));
  }

  private Operand<T> addBias(int i, Operand<T> y) {
    Variable<T> b = biases.get(i);
    return b == null ? y : tf.nn.biasAdd(y, b);
  }

  /** Linear part of layer {@code i} applied to value and tangent, bias on the value only. */
  private Dual<T> linear(int i, Dual<T> d, java.util.function.UnaryOperator<Operand<T>> op) {
    return new Dual<>(addBias(i, op.apply(d.value())), op.apply(d.tangent()));
  }

  @Override
  public List<Dual<T>> forwardWithTangent(Operand<T> x, Operand<T> tangent, List<String> wanted) {
    int last = -1;
    for (String p : wanted) {
      last = Math.max(last, layerIndex(p));
    }
    Dual<T> d = new Dual<>(asInput(x), asInput(tangent));
    List<Dual<T>> after = new ArrayList<>();
    for (int i = 0; i <= last; i++) {
      Layer l = spec.layers().get(i);
      int idx = i;
      if (l instanceof Layer.Conv2d c) {
        d = linear(i, d, h -> conv(idx, c, h));
      } else if (l instanceof Layer.Dense) {
        d = linear(i, d, h -> dense(idx, h));
      } else if (l instanceof Layer.Pool p && !p.max()) {
        d = linear(i, d, h -> apply(idx, h));
      } else if (l instanceof Layer.Pool p) {
        d = MaxPoolTangent.of(s, d.value(), d.tangent(), p.size(), p.stride(), p.padding().name());
      } else if (l instanceof Layer.BatchNorm) {
        // affine per channel: the tangent is scaled by γ/√(σ² + ε), without the shift
        d = new Dual<>(apply(i, d.value()), tf.math.mul(d.tangent(), tf.math.mul(bnScale.get(i), weights.get(i))));
      } else if (l instanceof Layer.Activation a) {
        if (a.function() == Layer.Activation.Function.RELU) {
          // ReluGrad(t, y) = t · 1[y > 0] with y = relu(x) (y > 0 ⇔ x > 0), so that x has one consumer and
          // Conv2D/MatMul + BiasAdd + Relu fuse into one kernel, as in the plain forward pass
          Operand<T> y = tf.nn.relu(d.value());
          d = new Dual<>(y, tf.nn.reluGrad(d.tangent(), y));
        } else {
          Operand<T> y = tf.math.tanh(d.value());
          d = new Dual<>(y, tf.math.mul(d.tangent(), tf.math.sub(tf.onesLike(y), tf.math.square(y))));
        }
      } else {
        d = new Dual<>(apply(i, d.value()), apply(i, d.tangent()));
      }
      after.add(d);
    }
    List<Dual<T>> out = new ArrayList<>();
    for (String p : wanted) {
      out.add(after.get(layerIndex(p)));
    }
    return out;
  }

  @Override
  public String toString() {
    return "SequentialGraph" + points;
  }
}
