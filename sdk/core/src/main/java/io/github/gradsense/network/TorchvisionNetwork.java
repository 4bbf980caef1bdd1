package io.github.gradsense.network;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.github.gradsense.internal.Seeds;
import io.github.gradsense.runtime.TfSession;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import org.tensorflow.types.family.TFloating;

/**
 * A torchvision network with its weights: a PyTorch {@code state_dict} from a file (safetensors or
 * {@code .npz}, see {@link StateDict}), torchvision's default initialisation (seeded), or the
 * authors' weight-shuffled control of either. Probe points are torchvision's module paths
 * ({@code conv1}, {@code layer2.1}, {@code layer4}, {@code avgpool}, {@code fc}; {@code features.12},
 * {@code classifier.4}), and {@code output}. Images are {@code side × side × 3} in [0, 1]; the
 * ImageNet normalisation {@code (x − mean) / std} per channel is part of the model. Not trainable
 * here: the weights are the graph's constants.
 *
 * <pre>{@code
 * Network trained = Torchvision.resnet18().weights(Path.of("resnet18.safetensors"));
 * Network control = trained.shuffled(7);        // METHODS §B2's shuffle of the same weights
 * Network untrained = Torchvision.resnet18().untrained(1);
 * }</pre>
 *
 * @param architecture the torchvision definition
 * @param imageSize image side in pixels, in [1, 4096] (224 for the paper)
 * @param weights where the weights come from
 * @param imagenetNormalisation whether the model normalises its [0, 1] input by ImageNet's mean and std
 */
public record TorchvisionNetwork(TorchvisionArchitecture architecture, int imageSize, Weights weights,
    boolean imagenetNormalisation) implements Network {

  /**
   * Where the weights come from.
   *
   * <p>Its JSON {@code "type"} names are a closed list: {@code from-file, untrained, shuffled}.
   */
  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
  @JsonSubTypes({
      @JsonSubTypes.Type(value = TorchvisionNetwork.FromFile.class, name = "from-file"),
      @JsonSubTypes.Type(value = TorchvisionNetwork.Untrained.class, name = "untrained"),
      @JsonSubTypes.Type(value = TorchvisionNetwork.Shuffled.class, name = "shuffled")
  })
  public sealed interface Weights {
    /** A short description for reports. */
    String describe();
  }

  /** A {@code state_dict} file. @param file the safetensors or {@code .npz} file */
  public record FromFile(Path file) implements Weights {
    /** Validates the path. */
    public FromFile {
      Objects.requireNonNull(file, "file");
    }

    @Override
    public String describe() {
      return file.toString();
    }
  }

  /**
   * torchvision's default initialisation, drawn with gradsense's seeded generator (same
   * distributions as {@code torch.nn.init}, not PyTorch's random stream). ResNet and VGG:
   * kernels {@code N(0, 2/fan_out)}; BatchNorm γ = 1, β = 0, μ = 0, σ² = 1; ResNet's {@code fc}
   * and every AlexNet layer {@code U(±1/√fan_in)} (weights and biases, PyTorch's default);
   * VGG's linear layers {@code N(0, 0.01²)}, biases 0.
   *
   * @param seed the seed
   */
  public record Untrained(long seed) implements Weights {
    @Override
    public String describe() {
      return "untrained (torchvision's initialisation, seed " + seed + ")";
    }
  }

  /**
   * The authors' shuffle of other weights (METHODS §B2): a kernel {@code [O, I, kh, kw]} has its
   * output channels permuted independently at each position {@code (i, kh, kw)}; a linear weight
   * its rows and its columns; every other learned 1-D tensor (biases, BatchNorm γ and β) its
   * entries; BatchNorm's running statistics, being buffers, are left as they were.
   *
   * @param of the weights shuffled
   * @param seed the seed of the permutations
   */
  public record Shuffled(Weights of, long seed) implements Weights {
    /** Validates the source. */
    public Shuffled {
      Objects.requireNonNull(of, "of");
    }

    @Override
    public String describe() {
      return "shuffled (seed " + seed + ") " + of.describe();
    }
  }

  /** Validates the fields. */
  public TorchvisionNetwork {
    Objects.requireNonNull(architecture, "architecture");
    Objects.requireNonNull(weights, "weights");
    if (imageSize < 1 || imageSize > 4096) {
      throw new IllegalArgumentException("imageSize must be in [1, 4096], got " + imageSize);
    }
    shapes(architecture, imageSize);
  }

  /** With the weights of a {@code state_dict} file. */
  public TorchvisionNetwork weights(Path file) {
    return new TorchvisionNetwork(architecture, imageSize, new FromFile(file), imagenetNormalisation);
  }

  /** With torchvision's default initialisation drawn from {@code seed}. */
  public TorchvisionNetwork untrained(long seed) {
    return new TorchvisionNetwork(architecture, imageSize, new Untrained(seed), imagenetNormalisation);
  }

  /** The authors' weight-shuffled control of these weights. */
  public TorchvisionNetwork shuffled(long seed) {
    return new TorchvisionNetwork(architecture, imageSize, new Shuffled(weights, seed), imagenetNormalisation);
  }

  /** On images of {@code side × side}. */
  public TorchvisionNetwork imageSize(int side) {
    return new TorchvisionNetwork(architecture, side, weights, imagenetNormalisation);
  }

  /** Without the ImageNet normalisation (for inputs already normalised). */
  public TorchvisionNetwork withoutNormalisation() {
    return new TorchvisionNetwork(architecture, imageSize, weights, false);
  }

  private static ShapeTape shapes(TorchvisionArchitecture a, int side) {
    ShapeTape t = new ShapeTape(a.name());
    a.forward(t, new int[] {side, side, 3});
    return t;
  }

  @Override
  public String name() {
    return architecture.name();
  }

  @Override
  public int inputWidth(int dataDim) {
    return imageSize * imageSize * 3;
  }

  @Override
  public int outputWidth(int dataDim) {
    return architecture.classes();
  }

  @Override
  public List<String> probePoints() {
    List<String> p = new ArrayList<>(shapes(architecture, imageSize).points.keySet());
    p.add("output");
    return List.copyOf(p);
  }

  /** The shape of one image's activation at each probe point ({@code [H, W, C]} or {@code [F]}), in forward order. */
  public Map<String, int[]> pointShapes() {
    return java.util.Collections.unmodifiableMap(shapes(architecture, imageSize).points);
  }

  /** The {@code state_dict} entries this architecture needs, PyTorch's names and shapes, in order. */
  public Map<String, long[]> expectedTensors() {
    return java.util.Collections.unmodifiableMap(shapes(architecture, imageSize).parameters);
  }

  /** Multiply-adds of one image's forward pass (convolutions and linear layers). */
  public long multiplyAdds() {
    return shapes(architecture, imageSize).multiplyAdds;
  }

  /**
   * The weights as a {@code state_dict}: read and checked against the architecture (every missing,
   * unexpected and mis-shaped tensor in one error), drawn, or shuffled. Pure Java, before any
   * native work.
   */
  public StateDict stateDict() {
    return resolve(weights);
  }

  private StateDict resolve(Weights w) {
    ShapeTape t = shapes(architecture, imageSize);
    if (w instanceof FromFile f) {
      StateDict d = StateDict.read(f.file());
      d.checkFits(architecture.name(), t.parameters, t.optional);
      return d;
    } else if (w instanceof Untrained u) {
      return initialise(t, u.seed());
    }
    Shuffled sh = (Shuffled) w;
    return shuffle(resolve(sh.of()), sh.seed());
  }

  private StateDict initialise(ShapeTape t, long seed) {
    List<StateDict.Tensor> out = new ArrayList<>();
    for (Map.Entry<String, long[]> e : t.parameters.entrySet()) {
      String name = e.getKey();
      long[] shape = e.getValue();
      int n = 1;
      for (long d : shape) {
        n = Math.multiplyExact(n, (int) d);
      }
      float[] v = new float[n];
      SplittableRandom rng = Seeds.random(seed, "torchvision-init-" + name);
      String module = name.substring(0, name.lastIndexOf('.'));
      String kind = name.substring(name.lastIndexOf('.') + 1);
      boolean bn = t.parameters.containsKey(module + ".running_var");
      long[] weightShape = t.parameters.get(module + ".weight");
      int fanIn = 1;
      for (int i = 1; i < weightShape.length; i++) {
        fanIn *= (int) weightShape[i];
      }
      int fanOut = (int) weightShape[0] * (weightShape.length == 4 ? (int) (weightShape[2] * weightShape[3]) : 1);
      if (bn) {
        if (kind.equals("weight") || kind.equals("running_var")) {
          java.util.Arrays.fill(v, 1f);
        }
      } else if (architecture.family() == TorchvisionArchitecture.Family.ALEXNET
          || (architecture.family() == TorchvisionArchitecture.Family.RESNET && weightShape.length == 2)) {
        double bound = 1 / Math.sqrt(fanIn);          // kaiming_uniform(a=√5) and the bias rule: U(±1/√fan_in)
        for (int i = 0; i < n; i++) {
          v[i] = (float) (bound * (2 * rng.nextDouble() - 1));
        }
      } else if (kind.equals("weight")) {
        double sd = weightShape.length == 4 ? Math.sqrt(2.0 / fanOut) : 0.01;   // kaiming_normal(fan_out, relu); N(0, 0.01²)
        for (int i = 0; i < n; i++) {
          v[i] = (float) (sd * gaussian(rng));
        }
      }
      out.add(new StateDict.Tensor(name, shape, v));
    }
    return StateDict.of(out);
  }

  private static double gaussian(SplittableRandom rng) {
    double u1 = rng.nextDouble();
    double u2 = rng.nextDouble();
    return Math.sqrt(-2 * Math.log1p(-u1)) * Math.cos(2 * Math.PI * u2);
  }

  private static StateDict shuffle(StateDict d, long seed) {
    List<StateDict.Tensor> out = new ArrayList<>();
    for (StateDict.Tensor t : d.tensors().values()) {
      String name = t.name();
      String kind = name.substring(name.lastIndexOf('.') + 1);
      long[] shape = t.shape();
      float[] v = t.values();
      SplittableRandom rng = Seeds.random(seed, "shuffle-authors-" + name);
      float[] w;
      if (kind.startsWith("running_") || kind.equals("num_batches_tracked")) {
        w = v;
      } else if (shape.length == 4) {
        int o = (int) shape[0];
        int rest = (int) (shape[1] * shape[2] * shape[3]);
        w = new float[v.length];
        for (int pos = 0; pos < rest; pos++) {
          int[] perm = Seeds.permutation(o, rng);
          for (int k = 0; k < o; k++) {
            w[k * rest + pos] = v[perm[k] * rest + pos];
          }
        }
      } else if (shape.length == 2) {
        int rows = (int) shape[0];
        int cols = (int) shape[1];
        int[] r = Seeds.permutation(rows, rng);
        int[] c = Seeds.permutation(cols, rng);
        w = new float[v.length];
        for (int a = 0; a < rows; a++) {
          for (int b = 0; b < cols; b++) {
            w[a * cols + b] = v[r[a] * cols + c[b]];
          }
        }
      } else {
        int[] perm = Seeds.permutation(v.length, rng);
        w = new float[v.length];
        for (int k = 0; k < v.length; k++) {
          w[k] = v[perm[k]];
        }
      }
      out.add(new StateDict.Tensor(name, shape, w));
    }
    return StateDict.of(out);
  }

  @Override
  public <T extends TFloating> NetworkGraph<T> build(TfSession<T> session, NetworkContext context) {
    StateDict d = stateDict();
    return new TorchvisionGraph<>(session, this, shapes(architecture, imageSize), d);
  }
}
