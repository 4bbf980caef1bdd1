package io.github.gradsense.network;

import static io.github.gradsense.internal.Checks.checkPositive;
import static io.github.gradsense.internal.Checks.checkRange;

import io.github.gradsense.runtime.TfSession;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.tensorflow.types.family.TFloating;

/**
 * A feed-forward stack of layers on inputs of a fixed shape ({@code [H, W, C]} images or
 * {@code [d]} vectors): convolutions, pools, dense layers, ReLU / tanh, flatten. Every layer's
 * output is a probe point named by its kind and rank ({@code conv1, relu1, maxpool1, conv2, …,
 * dense2}); the last is also {@code output}. Weights are drawn by {@link Initializer} and scaled by
 * {@code initScale}; biases start at zero (He, Glorot) or uniform ±1/√fan_in (PyTorch's default).
 *
 * <p>Exact forward-mode derivatives use per-layer tangent rules: linear layers map the tangent
 * without their bias, ReLU masks it where its input is positive, tanh scales it by
 * {@code 1 − y²}, max pooling picks it at each window's argmax, average pooling averages it.
 *
 * <pre>{@code
 * Sequential cnn = Networks.sequential(32, 32, 3)
 *     .conv(32, 5).relu().maxPool(2).conv(64, 5).relu().maxPool(2)
 *     .flatten().dense(256).relu().dense(10);
 * List<String> points = cnn.probePoints();   // conv1, relu1, maxpool1, conv2, …, dense2, output
 * }</pre>
 *
 * @param inputShape shape of one input sample
 * @param layers the layers, input side first
 * @param initializer weight distribution
 * @param initScale factor on every initial weight and bias, &gt; 0
 * @param parameters given initial values (trained, shuffled, hand-made) instead of drawn ones, or
 *     null; in the order of {@link NetworkGraph#parameters()}
 */
public record Sequential(List<Integer> inputShape, List<Layer> layers, Initializer initializer, double initScale,
    @Nullable List<ParameterValues> parameters) implements Network {

  /** Weight distributions. */
  public enum Initializer {
    /** {@code N(0, 2/fan_in)}, zero biases. */
    HE_NORMAL,
    /** {@code U(±√(6/(fan_in + fan_out)))}, zero biases. */
    GLOROT_UNIFORM,
    /** PyTorch's default: weights and biases {@code U(±1/√fan_in)}. */
    TORCH_DEFAULT
  }

  /** Validates the fields and that every layer fits the shape it receives. */
  public Sequential {
    inputShape = List.copyOf(inputShape);
    layers = List.copyOf(layers);
    parameters = parameters == null ? null : List.copyOf(parameters);
    Objects.requireNonNull(initializer, "initializer");
    checkPositive("initScale", initScale);
    if (inputShape.size() != 1 && inputShape.size() != 3) {
      throw new IllegalArgumentException("inputShape must be [d] or [H, W, C], got " + inputShape);
    }
    for (int i = 0; i < inputShape.size(); i++) {
      checkRange("inputShape[" + i + "]", inputShape.get(i), 1, 1 << 24);
    }
    shapes(inputShape, layers);
  }

  /** A network on inputs of {@code shape}, no layers yet, He init. */
  static Sequential on(int... shape) {
    List<Integer> s = new ArrayList<>();
    for (int x : shape) {
      s.add(x);
    }
    return new Sequential(s, List.of(), Initializer.HE_NORMAL, 1.0, null);
  }

  /** This network with {@code layer} appended. */
  public Sequential then(Layer layer) {
    List<Layer> l = new ArrayList<>(layers);
    l.add(layer);
    return new Sequential(inputShape, l, initializer, initScale, parameters);
  }

  /** Appends a VALID, stride-1 convolution with bias. */
  public Sequential conv(int filters, int kernel) {
    return then(new Layer.Conv2d(filters, kernel, 1, Layer.Padding.VALID, true));
  }

  /** Appends a convolution. */
  public Sequential conv(int filters, int kernel, int stride, Layer.Padding padding) {
    return then(new Layer.Conv2d(filters, kernel, stride, padding, true));
  }

  /** Appends a dense layer with bias. */
  public Sequential dense(int units) {
    return then(new Layer.Dense(units, true));
  }

  /** Appends ReLU. */
  public Sequential relu() {
    return then(new Layer.Activation(Layer.Activation.Function.RELU));
  }

  /** Appends tanh. */
  public Sequential tanh() {
    return then(new Layer.Activation(Layer.Activation.Function.TANH));
  }

  /** Appends non-overlapping max pooling. */
  public Sequential maxPool(int size) {
    return then(new Layer.Pool(true, size, size, Layer.Padding.VALID));
  }

  /** Appends max pooling with its own stride (overlapping when stride &lt; size). */
  public Sequential maxPool(int size, int stride) {
    return then(new Layer.Pool(true, size, stride, Layer.Padding.VALID));
  }

  /** Appends non-overlapping average pooling. */
  public Sequential avgPool(int size) {
    return then(new Layer.Pool(false, size, size, Layer.Padding.VALID));
  }

  /** Appends batch normalisation in inference form (ε = 1e-5). */
  public Sequential batchNorm() {
    return then(new Layer.BatchNorm(1e-5));
  }

  /**
   * This network starting from {@code values} (one per parameter, in graph order) instead of a
   * random draw: trained weights, a shuffled control ({@link Shuffles}), or a hand-made map.
   */
  public Sequential withParameters(List<ParameterValues> values) {
    return new Sequential(inputShape, layers, initializer, initScale, values);
  }

  /** Appends flatten. */
  public Sequential flatten() {
    return then(new Layer.Flatten());
  }

  /** With another weight distribution. */
  public Sequential init(Initializer init) {
    return new Sequential(inputShape, layers, init, initScale, parameters);
  }

  /** With every initial weight scaled by {@code scale}. */
  public Sequential initScale(double scale) {
    return new Sequential(inputShape, layers, initializer, scale, parameters);
  }

  @Override
  public String name() {
    return "sequential-" + layers.size();
  }

  @Override
  public int inputWidth(int dataDim) {
    return inputShape.stream().reduce(1, (a, b) -> a * b);
  }

  @Override
  public int outputWidth(int dataDim) {
    List<int[]> s = shapes(inputShape, layers);
    int[] last = s.get(s.size() - 1);
    int w = 1;
    for (int x : last) {
      w *= x;
    }
    return w;
  }

  @Override
  public List<String> probePoints() {
    List<String> names = new ArrayList<>();
    Map<String, Integer> counts = new HashMap<>();
    for (Layer l : layers) {
      int n = counts.merge(l.kind(), 1, Integer::sum);
      names.add(l.kind() + n);
    }
    if (!layers.isEmpty()) {
      names.add("output");
    }
    return names;
  }

  @Override
  public <T extends TFloating> NetworkGraph<T> build(TfSession<T> session, NetworkContext context) {
    if (layers.isEmpty()) {
      throw new IllegalStateException("a sequential network needs at least one layer");
    }
    return new SequentialGraph<>(session, this, context.seed());
  }

  /** Activation shapes after each layer (input first); fails naming the layer that does not fit. */
  static List<int[]> shapes(List<Integer> input, List<Layer> layers) {
    List<int[]> out = new ArrayList<>();
    int[] s = input.stream().mapToInt(Integer::intValue).toArray();
    out.add(s);
    for (int i = 0; i < layers.size(); i++) {
      Layer l = layers.get(i);
      String where = "layer " + (i + 1) + " (" + l.kind() + ")";
      if (l instanceof Layer.Conv2d c) {
        requireImage(s, where);
        s = new int[] {side(s[0], c.kernel(), c.stride(), c.padding(), where), side(s[1], c.kernel(), c.stride(), c.padding(), where), c.filters()};
      } else if (l instanceof Layer.Pool p) {
        requireImage(s, where);
        s = new int[] {side(s[0], p.size(), p.stride(), p.padding(), where), side(s[1], p.size(), p.stride(), p.padding(), where), s[2]};
      } else if (l instanceof Layer.Dense d) {
        s = new int[] {d.units()};
      } else if (l instanceof Layer.Flatten) {
        int w = 1;
        for (int x : s) {
          w *= x;
        }
        s = new int[] {w};
      }
      out.add(s);
    }
    return out;
  }

  private static void requireImage(int[] s, String where) {
    if (s.length != 3) {
      throw new IllegalArgumentException(where + " needs [H, W, C] inputs, but receives a vector of " + s[0]);
    }
  }

  private static int side(int in, int k, int stride, Layer.Padding padding, String where) {
    int out = padding == Layer.Padding.SAME ? (in + stride - 1) / stride : (in - k) / stride + 1;
    if (out < 1 || (padding == Layer.Padding.VALID && k > in)) {
      throw new IllegalArgumentException(where + ": window " + k + " does not fit an input of side " + in);
    }
    return out;
  }
}
