package io.github.gradsense.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.gradsense.experiment.LayerProbe;
import io.github.gradsense.runtime.RuntimeConfig;
import io.github.gradsense.stimulus.Gabor;
import io.github.gradsense.stimulus.Stimuli;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.ConcreteFunction;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.SessionFunction;
import org.tensorflow.Signature;
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
import org.tensorflow.proto.TensorShapeProto;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.family.TFloating;

/**
 * A SavedModel written by TensorFlow Java's exporter (PyPI, and so Keras, is out of reach where
 * these tests were written) is probed at its signature's outputs. Its exact sensitivities, by
 * double backward through the imported graph with gradsense's Java second-order gradients, equal
 * float64 central differences of the same graph; a Keras-like model whose layers sit inside a
 * function call is refused by name for exact probing and measured by finite differences; a bad
 * folder is refused naming the file before any native work.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SavedModelNetworkTest {
  private static final int SIDE = 16;
  /**
   * Every op kind whose gradient gradsense registers: ReLU, ReLU6, max-pool V1 and V2, average pool,
   * bias, tanh, sigmoid on the main path; depthwise convolution and batch norm (inference) on a
   * branch from {@code pool1}.
   */
  private static final List<String> MAIN = List.of("conv1", "pool1", "block2", "avg", "hidden", "output");
  private static final List<String> BRANCH = List.of("pool1", "dw", "bn");
  private static final List<String> POINTS = List.of("conv1", "pool1", "block2", "avg", "hidden", "output", "dw", "bn");
  /** Batch norm's per-channel gain (TensorFlow's fused batch norm is float32 only, so it is checked by this closed form). */
  private static final double BN_GAIN = 1.7;
  private static final Gabor GABOR = Stimuli.gabor().size(SIDE).orientations(12).phases(2).frequency(2);

  private Path tmp;
  private Path flat64;
  private Path flat32;
  private Path called;

  @BeforeAll
  void export(@TempDir Path dir) throws Exception {
    tmp = dir;
    flat64 = tmp.resolve("flat64");
    flat32 = tmp.resolve("flat32");
    called = tmp.resolve("called");
    exportFlat(flat64, TFloat64.class);
    exportFlat(flat32, TFloat32.class);
    exportCalled(called);
  }

  /** conv → bias → ReLU → max-pool (V1) → conv → ReLU6 → max-pool (V2) → average pool → dense → tanh → dense → sigmoid. */
  private static <T extends TFloating> Map<String, Operand<T>> body(Ops tf, Operand<T> x, Class<T> type, boolean variables) {
    Random r = new Random(7);
    Operand<T> k1 = weights(tf, type, variables, r, 0.5, 3, 3, 3, 4);
    Operand<T> b1 = weights(tf, type, variables, r, 0.2, 4);
    Operand<T> k2 = weights(tf, type, variables, r, 0.4, 3, 3, 4, 4);
    Operand<T> w1 = weights(tf, type, variables, r, 0.6, 16, 6);
    Operand<T> w2 = weights(tf, type, variables, r, 0.8, 6, 3);
    Operand<T> conv1 = tf.nn.relu(tf.nn.biasAdd(tf.nn.conv2d(tf.math.sub(x, tf.dtypes.cast(tf.constant(0.5), type)), k1,
        List.of(1L, 1L, 1L, 1L), "SAME"), b1));
    Operand<T> pool1 = tf.scope().opBuilder("MaxPool", "pool1").addInput(conv1.asOutput())     // V1: sizes as attributes, as Keras writes it
        .setAttr("ksize", new long[] {1, 2, 2, 1}).setAttr("strides", new long[] {1, 2, 2, 1}).setAttr("padding", "VALID")
        .build().output(0);
    Operand<T> relu6 = tf.nn.relu6(tf.math.mul(tf.nn.conv2d(pool1, k2, List.of(1L, 1L, 1L, 1L), "SAME"),
        tf.dtypes.cast(tf.constant(4.0), type)));
    Operand<T> block2 = tf.nn.maxPool(relu6, tf.constant(new int[] {1, 2, 2, 1}), tf.constant(new int[] {1, 2, 2, 1}), "VALID");
    Operand<T> avg = tf.nn.avgPool(block2, List.of(1L, 2L, 2L, 1L), List.of(1L, 2L, 2L, 1L), "VALID");
    Operand<T> hidden = tf.math.tanh(tf.linalg.matMul(tf.reshape(avg, tf.constant(new long[] {-1, 16})), w1));
    Operand<T> output = tf.math.sigmoid(tf.linalg.matMul(hidden, w2));
    Operand<T> kd = weights(tf, type, variables, r, 0.7, 3, 3, 4, 1);
    Operand<T> dw = tf.nn.relu(tf.nn.depthwiseConv2dNative(pool1, kd, List.of(1L, 1L, 1L, 1L), "SAME"));
    // batch norm in inference form, γ_c / √(σ²_c + ε) = BN_GAIN in every channel, so D(bn) = BN_GAIN² D(dw)
    float[] variance = {0.5f, 2f, 1f, 0.25f};
    float[] gamma = new float[4];
    for (int c = 0; c < 4; c++) {
      gamma[c] = (float) (BN_GAIN * Math.sqrt(variance[c] + 1e-3));
    }
    Operand<T> bn = tf.dtypes.cast(tf.nn.fusedBatchNorm(tf.dtypes.cast(dw, TFloat32.class), tf.constant(gamma),
        tf.constant(new float[] {0.1f, 0, -0.2f, 0}), tf.constant(new float[] {0.2f, -0.1f, 0, 0.3f}), tf.constant(variance),
        org.tensorflow.op.nn.FusedBatchNorm.isTraining(false), org.tensorflow.op.nn.FusedBatchNorm.epsilon(1e-3f)).y(), type);
    return Map.of("conv1", conv1, "pool1", pool1, "block2", block2, "avg", avg, "hidden", hidden, "output", output,
        "dw", dw, "bn", bn);
  }

  private static <T extends TFloating> Operand<T> weights(Ops tf, Class<T> type, boolean variable, Random r, double scale,
      long... shape) {
    int n = (int) java.util.Arrays.stream(shape).reduce(1, (a, b) -> a * b);
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = scale * r.nextGaussian();
    }
    Operand<T> w = tf.dtypes.cast(tf.constant(Shape.of(shape), org.tensorflow.ndarray.buffer.DataBuffers.of(v)), type);
    return variable ? tf.variable(w) : w;
  }

  private static <T extends TFloating> void exportFlat(Path dir, Class<T> type) throws Exception {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Placeholder<T> x = tf.withName("images").placeholder(type, Placeholder.shape(Shape.of(-1, SIDE, SIDE, 3)));
      Map<String, Operand<T>> outs = body(tf, x, type, true);
      // the weights travel as variables, as in a trained model
      Signature.Builder sig = Signature.builder().input("images", x);
      for (String p : POINTS) {
        sig.output(p, tf.identity(outs.get(p)));
      }
      s.initialize();
      SavedModelBundle.exporter(dir.toString()).withFunction(SessionFunction.create(sig.build(), s)).export();
    }
  }

  /** The same float64 function inside one function-call op, as TF2 and Keras write their models. */
  private static void exportCalled(Path dir) throws Exception {
    Function<Ops, Signature> inner = tf -> {
      Placeholder<TFloat64> x = tf.placeholder(TFloat64.class, Placeholder.shape(Shape.of(-1, SIDE, SIDE, 3)));
      return Signature.builder().input("x", x).output("y", body(tf, x, TFloat64.class, false).get("hidden")).build();
    };
    try (ConcreteFunction fn = ConcreteFunction.create(inner); Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Placeholder<TFloat64> x = tf.withName("images").placeholder(TFloat64.class, Placeholder.shape(Shape.of(-1, SIDE, SIDE, 3)));
      Operand<?> y = fn.call(tf, x);
      s.initialize();
      Signature sig = Signature.builder().input("images", x).output("hidden", tf.identity(y)).build();
      SavedModelBundle.exporter(dir.toString()).withFunction(SessionFunction.create(sig, s)).export();
    }
  }

  private static double[][] curves(SavedModelNetwork net, List<String> points) {
    LayerProbe.Results r = LayerProbe.of(net).stimulus(GABOR).at(points.toArray(new String[0])).batch(5).progress(false).run();
    double[][] out = new double[points.size()][];
    for (int i = 0; i < points.size(); i++) {
      out[i] = r.curve("trained", points.get(i));
    }
    return out;
  }

  private static double relative(double[] a, double[] b) {
    double num = 0;
    double den = 0;
    for (int i = 0; i < a.length; i++) {
      num += (a[i] - b[i]) * (a[i] - b[i]);
      den += b[i] * b[i];
    }
    return Math.sqrt(num / den);
  }

  @Test
  @DisplayName("the signature's outputs are the probe points, input side first, read without native work")
  void probe_points_are_the_outputs_in_depth_order() {
    SavedModelNetwork net = Networks.savedModel(flat64);
    assertThat(net.probePoints()).containsExactlyInAnyOrderElementsOf(POINTS).containsSubsequence(MAIN).containsSubsequence(BRANCH);
    assertThat(net.layout().inputShape()).containsExactly(16L, 16L, 3L);
    assertThat(net.layout().float64()).isTrue();
    assertThat(net.imageSize()).isEqualTo(SIDE);
    assertThat(net.name()).isEqualTo("savedmodel:flat64");
  }

  @Test
  @DisplayName("exact sensitivities by double backward equal float64 central differences at every output")
  void exact_equals_central_differences() {
    SavedModelNetwork net = Networks.savedModel(flat64);
    double[][] exact = curves(net, POINTS);
    // δ = 1e-6 rad: truncation O(δ²) and rounding 1e-16/δ keep float64 central differences within
    // ≈ 1e-9 of the derivative; the other error is a ReLU or max-pool switching inside ±δ, which is
    // as likely as δ is wide (at δ = 1e-5, 2 of these 12 orientations are off by up to 4e-2; at
    // 1e-6 none is). A wrong second-order gradient is off by O(1): the bar 1e-6 separates the two.
    double[][] central = curves(net.finiteDifference(1e-6), POINTS);
    for (int p = 0; p < POINTS.size(); p++) {
      assertThat(java.util.Arrays.stream(exact[p]).min().orElseThrow()).as("smallest D at %s", POINTS.get(p)).isPositive();
      if (!POINTS.get(p).equals("bn")) {
        System.out.printf(java.util.Locale.ROOT, "exact against central differences at %s: %.2e%n", POINTS.get(p), relative(exact[p], central[p]));
        assertThat(relative(exact[p], central[p])).as("ℓ2-relative difference at %s", POINTS.get(p)).isLessThan(1e-6);
      }
    }
    // batch norm runs in float32 (relative rounding 6e-8 per op): the closed form holds to 1e-5
    double[] bn = exact[POINTS.indexOf("bn")];
    double[] dw = exact[POINTS.indexOf("dw")];
    double[] scaled = java.util.Arrays.stream(dw).map(d -> BN_GAIN * BN_GAIN * d).toArray();
    System.out.printf(java.util.Locale.ROOT, "D(bn) against gain² D(dw): %.2e%n", relative(bn, scaled));
    assertThat(relative(bn, scaled)).as("D(bn) against gain² D(dw)").isLessThan(1e-5);
  }

  @Test
  @DisplayName("a float32 model gives the float64 model's curves to float32 rounding")
  void float32_model_matches_float64() {
    double[][] d64 = curves(Networks.savedModel(flat64), POINTS);
    double[][] d32 = curves(Networks.savedModel(flat32), POINTS);
    for (int p = 0; p < POINTS.size(); p++) {
      // float32's unit roundoff is 6e-8; through ~12 ops of 16-px images the curves keep ≈ 1e-6; 1e-4 as for torchvision
      System.out.printf(java.util.Locale.ROOT, "float32 against float64 at %s: %.2e%n", POINTS.get(p), relative(d32[p], d64[p]));
      assertThat(relative(d32[p], d64[p])).as("float32 against float64 at %s", POINTS.get(p)).isLessThan(1e-4);
    }
  }

  @Test
  @DisplayName("a model inside a function call (TF2, Keras) is refused for exact probing, naming the op, and measured by finite differences")
  void function_calls_need_finite_differences() {
    SavedModelNetwork net = Networks.savedModel(called);
    assertThat(net.layout().points().get(0).call()).contains("PartitionedCall");
    assertThatThrownBy(() -> curves(net, List.of("hidden")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("output 'hidden' is computed inside the function call op")
        .hasMessageContaining("PartitionedCall")
        .hasMessageContaining("finiteDifference()");
    double[] viaCall = curves(net.finiteDifference(1e-6), List.of("hidden"))[0];
    double[] exact = curves(Networks.savedModel(flat64), List.of("hidden"))[0];
    System.out.printf(java.util.Locale.ROOT, "function call by central differences against the flat exact curve: %.2e%n", relative(viaCall, exact));
    assertThat(relative(viaCall, exact)).as("the function call's central differences against the flat model's exact curve").isLessThan(1e-6);
  }

  @Test
  @DisplayName("a bad folder, file, tag, signature, input or probe point is refused by name before native work")
  void bad_input_is_refused_by_name() throws Exception {
    assertThatThrownBy(() -> Networks.savedModel(tmp.resolve("nowhere")))
        .hasMessageContaining("nowhere").hasMessageContaining("does not exist or is not a folder");
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    assertThatThrownBy(() -> Networks.savedModel(empty)).hasMessageContaining("has no saved_model.pb");
    Path garbage = Files.createDirectories(tmp.resolve("garbage"));
    Files.writeString(garbage.resolve("saved_model.pb"), "not a protocol buffer at all \u0000\u0001\u00ff");
    assertThatThrownBy(() -> Networks.savedModel(garbage)).hasMessageContaining("saved_model.pb is not a SavedModel protocol buffer");
    Path huge = Files.createDirectories(tmp.resolve("huge"));
    try (RandomAccessFile f = new RandomAccessFile(huge.resolve("saved_model.pb").toFile(), "rw")) {
      f.setLength(SavedModelNetwork.MAX_GRAPH_BYTES + 1);     // sparse: declares more than a graph may hold
    }
    assertThatThrownBy(() -> Networks.savedModel(huge)).hasMessageContaining("over the 1073741824-byte limit");
    assertThatThrownBy(() -> SavedModelNetwork.read(flat64, "train", "serving_default"))
        .hasMessageContaining("no meta graph tagged 'train'").hasMessageContaining("[serve]");
    assertThatThrownBy(() -> Networks.savedModel(flat64).signature("predict"))
        .hasMessageContaining("no signature 'predict'").hasMessageContaining("serving_default");
    assertThatThrownBy(() -> Networks.savedModel(written("ints", DataType.DT_INT32, -1, 16, 16, 3)))
        .hasMessageContaining("input 'images' is DT_INT32; it must be DT_FLOAT or DT_DOUBLE");
    assertThatThrownBy(() -> Networks.savedModel(written("unknown", DataType.DT_FLOAT, -1, -1, -1, 3)))
        .hasMessageContaining("has shape [-1, -1, -1, 3]").hasMessageContaining("every size but the batch known");
    assertThatThrownBy(() -> Networks.savedModel(written("two", DataType.DT_FLOAT, 2, DataType.DT_FLOAT, List.of(), -1, 16, 16, 3)))
        .hasMessageContaining("has 2 inputs").hasMessageContaining("one image input");
    assertThatThrownBy(() -> Networks.savedModel(written("labels", DataType.DT_FLOAT, 1, DataType.DT_INT64, List.of(), -1, 16, 16, 3)))
        .hasMessageContaining("output 'y' is DT_INT64; probe points must be floating");
    assertThatThrownBy(() -> Networks.savedModel(written("noop", DataType.DT_FLOAT, 1, DataType.DT_FLOAT, List.of(), -1, 16, 16, 3)))
        .hasMessageContaining("output 'y' names op 'y', which is not in the graph");
    NodeDef constant = NodeDef.newBuilder().setName("y").setOp("Const").build();
    NodeDef images = NodeDef.newBuilder().setName("images").setOp("Placeholder").build();
    assertThatThrownBy(() -> Networks.savedModel(written("cut", DataType.DT_FLOAT, 1, DataType.DT_FLOAT, List.of(images, constant),
        -1, 16, 16, 3))).hasMessageContaining("output 'y' does not depend on input 'images'");
    SavedModelNetwork net = Networks.savedModel(flat64);
    assertThatThrownBy(() -> net.open(GABOR, List.of("layer9"), RuntimeConfig.defaults()))
        .hasMessageContaining("unknown probe point 'layer9'").hasMessageContaining("valid probe points: conv1, pool1");
    assertThatThrownBy(() -> net.open(Stimuli.gabor().size(32), List.of("conv1"), RuntimeConfig.defaults()))
        .hasMessageContaining("renders 32x32 images; savedmodel:flat64 takes 16x16");
    assertThatThrownBy(() -> net.finiteDifference(0)).hasMessageContaining("step");
    assertThatThrownBy(() -> net.build(null, NetworkContext.of(768, 0)))
        .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("probed");
  }

  /** A SavedModel protocol buffer with one signature of one input, written without TensorFlow. */
  private Path written(String name, DataType type, long... shape) throws Exception {
    return written(name, type, 1, DataType.DT_FLOAT, List.of(), shape);
  }

  /** The same with {@code inputs} inputs, an output {@code y:0} of {@code outputType}, and these graph nodes. */
  private Path written(String name, DataType type, int inputs, DataType outputType, List<NodeDef> nodes, long... shape)
      throws Exception {
    TensorShapeProto.Builder s = TensorShapeProto.newBuilder();
    for (long d : shape) {
      s.addDim(TensorShapeProto.Dim.newBuilder().setSize(d));
    }
    SignatureDef.Builder sig = SignatureDef.newBuilder()
        .putOutputs("y", TensorInfo.newBuilder().setName("y:0").setDtype(outputType).build());
    for (int i = 0; i < inputs; i++) {
      sig.putInputs(i == 0 ? "images" : "images" + i, TensorInfo.newBuilder().setName("images:" + i).setDtype(type).setTensorShape(s).build());
    }
    MetaGraphDef meta = MetaGraphDef.newBuilder().setMetaInfoDef(MetaGraphDef.MetaInfoDef.newBuilder().addTags("serve"))
        .setGraphDef(GraphDef.newBuilder().addAllNode(nodes)).putSignatureDef("serving_default", sig.build()).build();
    Path dir = Files.createDirectories(tmp.resolve(name));
    Files.write(dir.resolve("saved_model.pb"), SavedModel.newBuilder().addMetaGraphs(meta).build().toByteArray());
    return dir;
  }

  @Test
  @DisplayName("batch norm in training mode is refused by name: a probed model must use its running statistics")
  void batch_norm_in_training_mode_is_refused() throws Exception {
    Path dir = tmp.resolve("training");
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Placeholder<TFloat32> x = tf.withName("images").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, SIDE, SIDE, 3)));
      Operand<TFloat32> bn = tf.nn.fusedBatchNorm(x, tf.constant(new float[] {1, 1, 1}), tf.constant(new float[] {0, 0, 0}),
          tf.constant(new float[0]), tf.constant(new float[0]), org.tensorflow.op.nn.FusedBatchNorm.isTraining(true)).y();
      Signature sig = Signature.builder().input("images", x).output("bn", tf.identity(bn)).build();
      SavedModelBundle.exporter(dir.toString()).withFunction(SessionFunction.create(sig, s)).export();
    }
    assertThatThrownBy(() -> curves(Networks.savedModel(dir), List.of("bn")))
        .hasMessageContaining("is in training mode").hasMessageContaining("running statistics");
  }
}
