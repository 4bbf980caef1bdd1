package io.github.gradsense.network;

import static io.github.gradsense.internal.Checks.checkRange;

import com.google.protobuf.InvalidProtocolBufferException;
import io.github.gradsense.runtime.RuntimeConfig;
import io.github.gradsense.runtime.SecondOrderGradients;
import io.github.gradsense.runtime.TfSession;
import io.github.gradsense.stimulus.StimulusFamily;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.exceptions.TensorFlowException;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.SavedModel;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorInfo;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.family.TFloating;
import org.tensorflow.types.family.TNumber;

/**
 * A TensorFlow SavedModel as it is on disk, probed at the outputs of one serving signature: each
 * output is a probe point, and its exact sensitivity to a stimulus variable is
 * <pre>
 *   D(y; θ) = (1/m) Σ_ν ‖J_y(s(θ, ν)) ∂s/∂θ‖²,      J_y v = ∂/∂u ⟨Jᵀ_y u, v⟩  (double backward)
 * </pre>
 * computed in the imported graph itself ({@link io.github.gradsense.runtime.Jvp}'s trick, with the
 * Java gradients of {@link SecondOrderGradients} where TensorFlow has none), or by the authors'
 * central difference {@code (y(s(θ+δ)) − y(s(θ−δ))) / 2δ} on request. The stimuli are rendered in
 * float64 in gradsense's own session and fed to the model in its input type.
 *
 * <p>Everything about the model's interface (tag, signature, its one image input of shape
 * {@code [−1, H, W, C]} or {@code [−1, d]}, its floating outputs) is read from
 * {@code saved_model.pb} and checked before any native work. A TF2/Keras SavedModel runs its layers
 * inside one {@code StatefulPartitionedCall}, which TensorFlow cannot differentiate from Java: such
 * outputs are found in the graph, named in the error, and measured with {@link #finiteDifference()}.
 * To probe a Keras model's layers, export them as the signature's outputs:
 * {@code tf.saved_model.save(tf.keras.Model(m.input, {n: m.get_layer(n).output for n in names}), dir)}.
 *
 * <pre>{@code
 * SavedModelNetwork net = Networks.savedModel(Path.of("my_model"));    // probe points: the outputs
 * LayerProbe.Results r = LayerProbe.of(net).run();                      // Gabors of the input's size
 * LayerProbe.of(Networks.savedModel(keras).finiteDifference()).run();   // a Keras export
 * }</pre>
 *
 * @param directory the SavedModel folder (holding {@code saved_model.pb} and {@code variables/})
 * @param tag the meta graph's tag ({@code serve})
 * @param signatureKey the signature probed ({@code serving_default})
 * @param method exact (double backward) or finite difference
 * @param step the finite-difference step δ in the stimulus variable's unit; {@code NaN} for the
 *     family's own (0.01 rad, 0.1° of hue)
 * @param layout the signature's input and outputs as read from the file
 */
public record SavedModelNetwork(Path directory, String tag, String signatureKey, Method method, double step, Layout layout)
    implements Network {

  /** The largest {@code saved_model.pb} read (it holds the graph; the weights are in {@code variables/}). */
  public static final long MAX_GRAPH_BYTES = 1L << 30;

  /** How sensitivities are computed. */
  public enum Method {
    /** Double backward through the imported graph: exact to rounding. */
    EXACT,
    /** The authors' central difference in the stimulus variable. */
    FINITE_DIFFERENCE
  }

  /**
   * The signature as read from {@code saved_model.pb}.
   *
   * @param input the input's key
   * @param inputTensor the input's tensor name in the graph
   * @param inputShape its shape without the batch axis ({@code H, W, C} or {@code d})
   * @param float64 whether the input is float64 (float32 otherwise)
   * @param points the outputs, input side first (by longest path from the input, then output index)
   */
  public record Layout(String input, String inputTensor, List<Long> inputShape, boolean float64, List<Point> points) {
    /** Copies the lists. */
    public Layout {
      inputShape = List.copyOf(inputShape);
      points = List.copyOf(points);
    }
  }

  /**
   * One output of the signature.
   *
   * @param name the output's key: the probe point's name
   * @param tensor its tensor name in the graph
   * @param depth the longest path from the input, in ops
   * @param call the function-call op on its path from the input, as {@code 'name' (type)}
   *     ({@code StatefulPartitionedCall} for TF2/Keras), which has no gradient; null when there is none
   */
  public record Point(String name, String tensor, int depth, @Nullable String call) {}

  /** Validates the fields. */
  public SavedModelNetwork {
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(tag, "tag");
    Objects.requireNonNull(signatureKey, "signatureKey");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(layout, "layout");
    if (!Double.isNaN(step)) {
      checkRange("step", step, 1e-9, 1);
    }
  }

  /**
   * Reads the interface of the SavedModel in {@code directory} (no native work).
   *
   * @throws IllegalArgumentException naming the folder or file when it is not a SavedModel, the tag
   *     or signature is missing, or the signature does not take one floating image input
   */
  public static SavedModelNetwork read(Path directory, String tag, String signatureKey) {
    Path pb = directory.resolve("saved_model.pb");
    if (!Files.isDirectory(directory)) {
      throw new IllegalArgumentException("SavedModel folder " + directory + " does not exist or is not a folder");
    }
    if (!Files.isRegularFile(pb)) {
      String hint = Files.exists(directory.resolve("saved_model.pbtxt")) ? " (saved_model.pbtxt, the text form, is not read)" : "";
      throw new IllegalArgumentException(directory + " has no saved_model.pb" + hint
          + ": not a SavedModel folder (write one with tf.saved_model.save or SavedModelBundle.exporter)");
    }
    SavedModel model;
    try {
      long size = Files.size(pb);
      if (size > MAX_GRAPH_BYTES) {
        throw new IllegalArgumentException(pb + " is " + size + " bytes, over the " + MAX_GRAPH_BYTES
            + "-byte limit for a graph (a SavedModel keeps its weights in variables/, not in saved_model.pb)");
      }
      model = SavedModel.parseFrom(Files.readAllBytes(pb));
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException(pb + " is not a SavedModel protocol buffer: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + pb + ": " + e.getMessage(), e);
    }
    List<List<String>> tags = new ArrayList<>();
    MetaGraphDef meta = null;
    for (MetaGraphDef m : model.getMetaGraphsList()) {
      tags.add(m.getMetaInfoDef().getTagsList());
      if (m.getMetaInfoDef().getTagsList().contains(tag)) {
        meta = m;
        break;
      }
    }
    if (meta == null) {
      throw new IllegalArgumentException(pb + " has no meta graph tagged '" + tag + "'; its tags: " + tags);
    }
    SignatureDef sig = meta.getSignatureDefMap().get(signatureKey);
    if (sig == null) {
      throw new IllegalArgumentException(pb + " has no signature '" + signatureKey + "'; its signatures: "
          + meta.getSignatureDefMap().keySet());
    }
    String where = pb + ", signature '" + signatureKey + "'";
    if (sig.getInputsCount() != 1) {
      throw new IllegalArgumentException(where + " has " + sig.getInputsCount() + " inputs " + sig.getInputsMap().keySet()
          + "; gradsense probes a model through one image input");
    }
    if (sig.getOutputsCount() == 0) {
      throw new IllegalArgumentException(where + " has no outputs to probe");
    }
    Map.Entry<String, TensorInfo> in = sig.getInputsMap().entrySet().iterator().next();
    DataType type = in.getValue().getDtype();
    if (type != DataType.DT_FLOAT && type != DataType.DT_DOUBLE) {
      throw new IllegalArgumentException(where + ": input '" + in.getKey() + "' is " + type + "; it must be DT_FLOAT or DT_DOUBLE");
    }
    List<Long> dims = new ArrayList<>();
    in.getValue().getTensorShape().getDimList().forEach(d -> dims.add(d.getSize()));
    boolean image = dims.size() == 4 && dims.get(3) >= 1 && dims.get(3) <= 4;
    boolean vector = dims.size() == 2;
    if (!(image || vector) || dims.subList(1, dims.size()).stream().anyMatch(d -> d < 1)) {
      throw new IllegalArgumentException(where + ": input '" + in.getKey() + "' has shape " + dims
          + "; it must be [-1, H, W, C] (NHWC, C in [1, 4]) or [-1, d] with every size but the batch known");
    }
    GraphDef graph = meta.getGraphDef();
    Map<String, NodeDef> nodes = new HashMap<>();
    for (NodeDef n : graph.getNodeList()) {
      nodes.put(n.getName(), n);
    }
    String inputNode = nodeOf(in.getValue().getName());
    Depths depths = new Depths(nodes, inputNode, graph);
    List<Point> points = new ArrayList<>();
    for (Map.Entry<String, TensorInfo> o : sig.getOutputsMap().entrySet()) {
      DataType t = o.getValue().getDtype();
      if (t != DataType.DT_FLOAT && t != DataType.DT_DOUBLE && t != DataType.DT_HALF && t != DataType.DT_BFLOAT16) {
        throw new IllegalArgumentException(where + ": output '" + o.getKey() + "' is " + t + "; probe points must be floating");
      }
      String node = nodeOf(o.getValue().getName());
      if (!nodes.containsKey(node)) {
        throw new IllegalArgumentException(where + ": output '" + o.getKey() + "' names op '" + node + "', which is not in the graph");
      }
      int depth = depths.depth(node);
      if (depth < 0) {
        throw new IllegalArgumentException(where + ": output '" + o.getKey() + "' does not depend on input '" + in.getKey() + "'");
      }
      points.add(new Point(o.getKey(), o.getValue().getName(), depth, depths.call(node)));
    }
    points.sort(Comparator.comparingInt(Point::depth).thenComparingInt(p -> outputIndex(p.tensor())).thenComparing(Point::name));
    Layout layout = new Layout(in.getKey(), in.getValue().getName(), dims.subList(1, dims.size()), type == DataType.DT_DOUBLE, points);
    return new SavedModelNetwork(directory, tag, signatureKey, Method.EXACT, Double.NaN, layout);
  }

  /** The same model through the meta graph tagged {@code t}. */
  public SavedModelNetwork tag(String t) {
    return read(directory, t, signatureKey).withMethod(method, step);
  }

  /** The same model through signature {@code key}. */
  public SavedModelNetwork signature(String key) {
    return read(directory, tag, key).withMethod(method, step);
  }

  /** By the authors' central difference with the stimulus family's own step. */
  public SavedModelNetwork finiteDifference() {
    return withMethod(Method.FINITE_DIFFERENCE, Double.NaN);
  }

  /** By central difference with step {@code delta} (the stimulus variable's unit), in [1e-9, 1]. */
  public SavedModelNetwork finiteDifference(double delta) {
    return withMethod(Method.FINITE_DIFFERENCE, delta);
  }

  /** By double backward (the default). */
  public SavedModelNetwork exact() {
    return withMethod(Method.EXACT, Double.NaN);
  }

  private SavedModelNetwork withMethod(Method m, double delta) {
    return new SavedModelNetwork(directory, tag, signatureKey, m, delta, layout);
  }

  @Override
  public String name() {
    Path f = directory.toAbsolutePath().normalize().getFileName();
    return "savedmodel:" + (f == null ? directory : f);
  }

  /** The input image's side (its height), or 0 for a vector input. */
  public int imageSize() {
    return layout.inputShape().size() == 3 ? Math.toIntExact(layout.inputShape().get(0)) : 0;
  }

  @Override
  public int inputWidth(int dataDim) {
    return Math.toIntExact(layout.inputShape().stream().mapToLong(Long::longValue).reduce(1, (a, b) -> a * b));
  }

  @Override
  public int outputWidth(int dataDim) {
    return 0;    // not known without running the graph; a SavedModel is probed, not trained
  }

  /** The signature's output keys, input side first (no separate {@code output}). */
  @Override
  public List<String> probePoints() {
    return layout.points().stream().map(Point::name).toList();
  }

  /**
   * Not supported: a SavedModel carries its own graph, variables and session.
   *
   * @throws UnsupportedOperationException always, pointing to {@link #open}
   */
  @Override
  public <T extends TFloating> NetworkGraph<T> build(TfSession<T> session, NetworkContext context) {
    throw new UnsupportedOperationException(name() + " carries its own graph and variables: it is probed (LayerProbe, "
        + "gradsense probe --model savedmodel:DIR), not built into another session or trained");
  }

  /**
   * Checks {@code family} and {@code points} against the model, then loads it and builds the
   * sensitivity of every point; close the result.
   *
   * @throws IllegalArgumentException before native work, for an unknown point, images that do not
   *     fit the input, or an exact probe of a point behind a function call (naming the op)
   */
  public Measurement open(StimulusFamily family, List<String> points, RuntimeConfig runtime) {
    List<Point> chosen = new ArrayList<>();
    for (String p : points) {
      chosen.add(layout.points().stream().filter(q -> q.name().equals(p)).findFirst().orElseThrow(() ->
          new IllegalArgumentException("unknown probe point '" + p + "' of " + name() + "; valid probe points: "
              + String.join(", ", probePoints()))));
    }
    if (chosen.isEmpty()) {
      throw new IllegalArgumentException("points must name at least one output of " + name());
    }
    List<Long> in = layout.inputShape();
    long pixels = (long) family.height() * family.width();
    if (in.size() == 3 && (in.get(0) != family.height() || in.get(1) != family.width())) {
      throw new IllegalArgumentException("stimulus '" + family.name() + "' renders " + family.height() + "x" + family.width()
          + " images; " + name() + " takes " + in.get(0) + "x" + in.get(1) + " (input '" + layout.input() + "')");
    }
    if (in.size() == 1 && in.get(0) != pixels * family.channels() && in.get(0) != pixels) {
      throw new IllegalArgumentException("stimulus '" + family.name() + "' renders " + family.height() + "x" + family.width() + "x"
          + family.channels() + " images, which do not fit " + name() + "'s input of " + in.get(0) + " values");
    }
    int want = in.size() == 3 ? Math.toIntExact(in.get(2)) : (in.get(0) == pixels * family.channels() ? family.channels() : 1);
    if (want != family.channels() && want != 1 && family.channels() != 1) {
      throw new IllegalArgumentException("cannot map " + family.channels() + " stimulus channels to " + want + " input channels of "
          + name());
    }
    if (method == Method.EXACT) {
      for (Point p : chosen) {
        if (p.call() != null) {
          throw new IllegalArgumentException(name() + ": output '" + p.name() + "' is computed inside the function call op "
              + p.call() + ", which TensorFlow cannot differentiate from Java (a TF2/Keras SavedModel runs its layers in one "
              + "such op); measure it by finite differences: savedModel(dir).finiteDifference(), or gradsense probe "
              + "--finite-difference");
        }
      }
    }
    return new Measurement(this, family, chosen, want, runtime);
  }

  /**
   * The loaded model with a sensitivity for each chosen point; not thread-safe.
   *
   * <pre>{@code
   * try (SavedModelNetwork.Measurement m = net.open(family, List.of("conv1"), RuntimeConfig.defaults())) {
   *   double[][] d = m.sensitivity(family.values());      // [point][θ]
   * }
   * }</pre>
   */
  public static final class Measurement implements AutoCloseable {
    private final SavedModelNetwork net;
    private final StimulusFamily family;
    private final List<Point> points;
    private final TfSession<?> render;
    private final Placeholder<TFloat64> theta;
    private final List<Operand<TFloat64>> rendered = new ArrayList<>();
    private final SavedModelBundle bundle;
    private final Output<?> x;
    private final @Nullable Output<?> v;
    private final List<Output<?>> perImage = new ArrayList<>();

    private Measurement(SavedModelNetwork net, StimulusFamily family, List<Point> points, int channels, RuntimeConfig runtime) {
      this.net = net;
      this.family = family;
      this.points = points;
      TfSession<?> s = TfSession.open(runtime);
      SavedModelBundle b = null;
      try {
        Ops tf = s.tf();
        theta = tf.withName(s.uniqueName("theta")).placeholder(TFloat64.class, Placeholder.shape(Shape.of(-1)));
        double delta = Double.isNaN(net.step()) ? family.finiteDifferenceStep() : net.step();
        if (net.method() == Method.EXACT) {
          Operand<TFloat64>[] r = family.renderWithTangent(tf, theta);
          rendered.add(adapt(tf, r[0], channels));
          rendered.add(adapt(tf, r[1], channels));
        } else {
          Operand<TFloat64> plus = adapt(tf, family.render(tf, tf.math.add(theta, tf.constant(delta))), channels);
          Operand<TFloat64> minus = adapt(tf, family.render(tf, tf.math.sub(theta, tf.constant(delta))), channels);
          rendered.add(tf.concat(List.of(plus, minus), tf.constant(0)));
        }
        SecondOrderGradients.register();
        b = TfSession.loadSavedModel(runtime, net.directory(), net.tag());
        Graph g = b.graph();
        Ops mt = Ops.create(g);
        x = g.outputOrThrow(net.layout().inputTensor());
        if (net.method() == Method.EXACT) {
          Placeholder<?> tangent = mt.withName(unique(g, "gradsense_tangent")).placeholder(x.type(), Placeholder.shape(x.shape()));
          v = tangent.asOutput();
          for (Point p : points) {
            Output<?> y = g.outputOrThrow(p.tensor());
            Output<?> u = mt.zerosLike(y).asOutput();
            Output<?>[] back = gradients(g, unique(g, "gradsense_back"), y, x, u, p);
            Output<?>[] forward = gradients(g, unique(g, "gradsense_forward"), back[0], u, v, p);
            perImage.add(squaredNorm(mt, forward[0]));
          }
        } else {
          v = null;
          for (Point p : points) {
            Output<?> y = g.outputOrThrow(p.tensor());
            List<Output<TNumber>> halves = mt.split(mt.constant(0), cast(y), 2L).output();
            Operand<TNumber> dy = mt.math.div(mt.math.sub(halves.get(0), halves.get(1)), mt.dtypes.cast(mt.constant(2 * delta), halves.get(0).type()));
            perImage.add(squaredNorm(mt, dy.asOutput()));
          }
        }
      } catch (RuntimeException e) {
        if (b != null) {
          b.close();
        }
        s.close();
        throw e;
      }
      this.render = s;
      this.bundle = b;
    }

    /** {@code D} at every chosen point for each θ in {@code values}: {@code [point][θ]}. */
    public double[][] sensitivity(double[] values) {
      int m = family.nuisanceCount();
      int n = values.length;
      io.github.gradsense.runtime.Fetched f = render.runner().feedFloat64(theta, values, n).fetch(rendered).run();
      long[] shape = f.shape(0);
      double[][] out = new double[points.size()][n];
      try (Tensor xs = tensor(f.get(0), shape); Tensor vs = v == null ? null : tensor(f.get(1), f.shape(1))) {
        Session.Runner r = bundle.session().runner().feed(x, xs);
        if (v != null) {
          r.feed(v, vs);
        }
        for (Output<?> o : perImage) {
          r.fetch(o);
        }
        try (Result res = r.run()) {
          for (int p = 0; p < points.size(); p++) {
            double[] each = TfSession.doubles(res.get(p));
            if (each.length != (long) n * m) {
              throw new IllegalStateException(net.name() + ": output '" + points.get(p).name() + "' has " + each.length
                  + " rows for " + n * m + " images: its first axis must be the batch");
            }
            for (int i = 0; i < n; i++) {
              double sum = 0;
              for (int k = 0; k < m; k++) {
                sum += each[i * m + k];
              }
              out[p][i] = sum / m;
            }
          }
        }
      }
      return out;
    }

    private Tensor tensor(double[] values, long[] shape) {
      return TfSession.tensor(values, Shape.of(shape), net.layout().float64());
    }

    /** Images laid out as the input expects: channels matched, flattened for a vector input. */
    private Operand<TFloat64> adapt(Ops tf, Operand<TFloat64> images, int channels) {
      Operand<TFloat64> y = images;
      if (channels != family.channels()) {
        y = channels == 1 ? tf.math.mean(y, tf.constant(3), org.tensorflow.op.math.Mean.keepDims(true))
            : tf.concat(java.util.Collections.nCopies(channels, y), tf.constant(3));
      }
      if (net.layout().inputShape().size() == 1) {
        y = tf.reshape(y, tf.constant(new long[] {-1, net.layout().inputShape().get(0)}));
      }
      return y;
    }

    private Output<?>[] gradients(Graph g, String prefix, Output<?> y, Output<?> wrt, Output<?> dy, Point p) {
      Output<?>[] r;
      try {
        r = g.addGradients(prefix, new Output<?>[] {y}, new Output<?>[] {wrt}, new Output<?>[] {dy});
      } catch (TensorFlowException e) {
        throw new IllegalArgumentException(net.name() + ": cannot differentiate output '" + p.name() + "' exactly: "
            + e.getMessage().lines().findFirst().orElse("") + " (gradsense adds " + String.join(", ", SecondOrderGradients.OP_TYPES)
            + "); measure it by finite differences: savedModel(dir).finiteDifference(), or gradsense probe --finite-difference", e);
      }
      if (r.length == 0 || r[0] == null) {
        throw new IllegalArgumentException(net.name() + ": output '" + p.name() + "' has no gradient path from input '"
            + net.layout().input() + "'");
      }
      return r;
    }

    private static Output<?> squaredNorm(Ops tf, Output<?> dy) {
      Operand<TNumber> d = cast(dy);
      Operand<TNumber> sq = tf.math.square(d);
      return tf.reduceSum(sq, tf.range(tf.constant(1), tf.rank(sq), tf.constant(1))).asOutput();
    }

    @SuppressWarnings("unchecked")
    private static Operand<TNumber> cast(Output<?> o) {
      return (Operand<TNumber>) o;
    }

    /** {@code base_i}, the first not yet naming an op or prefixing gradients in {@code g}. */
    private static String unique(Graph g, String base) {
      for (int i = 0; ; i++) {
        String name = base + "_" + i;
        if (g.operation(name) == null && !prefixed(g, name)) {
          return name;
        }
      }
    }

    private static boolean prefixed(Graph g, String prefix) {
      for (java.util.Iterator<org.tensorflow.GraphOperation> it = g.operations(); it.hasNext(); ) {
        if (it.next().name().startsWith(prefix + "/")) {
          return true;
        }
      }
      return false;
    }

    @Override
    public void close() {
      try {
        bundle.close();
      } finally {
        render.close();
      }
    }
  }

  private static String nodeOf(String tensor) {
    String t = tensor.startsWith("^") ? tensor.substring(1) : tensor;
    int colon = t.indexOf(':');
    return colon < 0 ? t : t.substring(0, colon);
  }

  private static int outputIndex(String tensor) {
    int colon = tensor.lastIndexOf(':');
    try {
      return colon < 0 ? 0 : Integer.parseInt(tensor.substring(colon + 1));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** Longest path from the input node to each node (−1 when the input is not an ancestor), and function calls on it. */
  private static final class Depths {
    private static final Set<String> CALLS = Set.of("PartitionedCall", "StatefulPartitionedCall");
    private final Map<String, NodeDef> nodes;
    private final String input;
    private final Map<String, Integer> depth = new HashMap<>();
    private final Map<String, String> call = new HashMap<>();
    private final Set<String> functions = new HashSet<>();

    Depths(Map<String, NodeDef> nodes, String input, GraphDef graph) {
      this.nodes = nodes;
      this.input = input;
      graph.getLibrary().getFunctionList().forEach(f -> functions.add(f.getSignature().getName()));
    }

    int depth(String node) {
      compute(node);
      return depth.get(node);
    }

    @Nullable String call(String node) {
      compute(node);
      return call.get(node);
    }

    /** Iterative post-order (graphs can be deep). */
    private void compute(String start) {
      java.util.ArrayDeque<String> stack = new java.util.ArrayDeque<>();
      stack.push(start);
      while (!stack.isEmpty()) {
        String n = stack.peek();
        if (depth.containsKey(n)) {
          stack.pop();
          continue;
        }
        NodeDef def = nodes.get(n);
        if (n.equals(input) || def == null) {
          depth.put(n, n.equals(input) ? 0 : -1);
          stack.pop();
          continue;
        }
        boolean ready = true;
        for (String i : def.getInputList()) {
          if (i.startsWith("^")) {
            continue;
          }
          String p = nodeOf(i);
          if (!depth.containsKey(p)) {
            ready = false;
            stack.push(p);
          }
        }
        if (!ready) {
          continue;
        }
        int best = -1;
        String via = null;
        for (String i : def.getInputList()) {
          if (i.startsWith("^")) {
            continue;
          }
          String p = nodeOf(i);
          int d = depth.get(p);
          if (d >= 0) {
            best = Math.max(best, d + 1);
            if (via == null) {
              via = call.get(p);
            }
          }
        }
        if (best >= 0 && via == null && (CALLS.contains(def.getOp()) || functions.contains(def.getOp()))) {
          via = "'" + n + "' (" + def.getOp() + ")";
        }
        depth.put(n, best);
        if (via != null) {
          call.put(n, via);
        }
        stack.pop();
      }
    }
  }

  @Override
  public String toString() {
    return name() + " [" + signatureKey + ", " + method.name().toLowerCase(java.util.Locale.ROOT) + "; " + String.join(", ", probePoints())
        + "]";
  }
}
