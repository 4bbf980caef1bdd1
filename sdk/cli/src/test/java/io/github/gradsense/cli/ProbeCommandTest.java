package io.github.gradsense.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.gradsense.network.StateDict;
import io.github.gradsense.network.Torchvision;
import io.github.gradsense.report.Json;
import io.github.gradsense.report.Npy;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Probing the networks researchers have: {@code gradsense probe} writes curves, indices, figures,
 * report and provenance, and refuses bad weights by name before any native work. The weights here are a
 * seeded torchvision initialisation written as safetensors (the PyTorch equivalence is
 * {@code TorchvisionEquivalenceTest} in the SDK).
 */
class ProbeCommandTest {
  @TempDir static Path weightsDir;
  @TempDir Path out;
  static Path weights;

  @BeforeAll
  static void writeWeights() {
    weights = weightsDir.resolve("resnet18.safetensors");
    Torchvision.resnet18().untrained(42).stateDict().writeSafetensors(weights);
  }

  private static int cli(StringWriter err, String... args) {
    return Gradsense.commandLine().setErr(new PrintWriter(err)).execute(args);
  }

  @Test
  void probe_writes_curves_indices_figures_report_and_provenance() throws Exception {
    assertThat(cli(new StringWriter(), "probe", "--model", "resnet18", "--weights", weights.toString(), "--size", "64",
        "--values", "12", "--phases", "2", "--at", "conv1,layer2,layer4,fc", "--out", out.toString())).isZero();
    for (String f : List.of("run.json", "report.html", "theta.npy", "cardinal-bias.csv", "cardinal-bias-by-depth.png",
        "cardinal-bias-by-depth.svg", "curves-trained.png")) {
      assertThat(out.resolve(f)).isNotEmptyFile();
    }
    for (String net : List.of("trained", "untrained", "shuffled")) {
      assertThat(Files.readAllLines(out.resolve("sensitivity-" + net + ".csv"))).hasSize(1 + 4 * 12)
          .first().isEqualTo("point,depth,theta,D,sqrtD_normalised");
      Npy.Array a = Npy.read(Files.readAllBytes(out.resolve("sensitivity-" + net + ".npy")));
      assertThat(a.shape()).containsExactly(4, 12);
    }
    assertThat(Files.readAllLines(out.resolve("cardinal-bias.csv")).get(0)).isEqualTo("point,depth,trained,untrained,shuffled");
    JsonNode run = Json.mapper().readTree(out.resolve("run.json").toFile());
    assertThat(run.path("status").asText()).isEqualTo("complete");
    assertThat(run.path("config").path("weightsSha256").asText()).isEqualTo(StateDict.read(weights).sha256()).hasSize(64);
    assertThat(Files.readString(out.resolve("report.html"))).contains("cardinal-bias index of the deepest probed layer (fc)");
  }

  @Test
  void probe_on_hue_compares_each_layer_with_the_hue_histogram() throws Exception {
    assertThat(cli(new StringWriter(), "probe", "--model", "resnet18", "--weights", weights.toString(), "--stimulus", "hue",
        "--size", "32", "--values", "12", "--at", "layer1,fc", "--controls", "shuffled", "--out", out.toString())).isZero();
    List<String> rows = Files.readAllLines(out.resolve("hue-correlation.csv"));
    assertThat(rows).hasSize(3).first().isEqualTo("point,depth,trained,shuffled");
    assertThat(out.resolve("hue-vs-histogram.png")).isNotEmptyFile();
    assertThat(Files.readString(out.resolve("report.html"))).contains("correlates positively with the hue histogram");
  }

  @Test
  void a_weights_file_of_another_architecture_is_refused_with_every_mismatch_named() throws Exception {
    Path alex = out.resolve("wrong.safetensors");
    Torchvision.resnet(List.of(1, 1, 1, 1), 4).untrained(1).stateDict().writeSafetensors(alex);
    StringWriter err = new StringWriter();
    assertThat(cli(err, "probe", "--model", "resnet18", "--weights", alex.toString(), "--out", out.resolve("p").toString()))
        .isEqualTo(2);
    assertThat(err.toString()).contains("--weights: weights file " + alex + " does not fit resnet18: missing layer1.1.conv1.weight")
        .contains("mis-shaped fc.weight [4, 512] (resnet18 needs [1000, 512])");
    assertThat(out.resolve("p")).doesNotExist();
  }

  /** A small float32 conv net with variables, written by TensorFlow Java's SavedModel exporter. */
  private static Path savedModel(Path dir) throws Exception {
    try (org.tensorflow.Graph g = new org.tensorflow.Graph(); org.tensorflow.Session s = new org.tensorflow.Session(g)) {
      org.tensorflow.op.Ops tf = org.tensorflow.op.Ops.create(g);
      var x = tf.withName("images").placeholder(org.tensorflow.types.TFloat32.class,
          org.tensorflow.op.core.Placeholder.shape(org.tensorflow.ndarray.Shape.of(-1, 16, 16, 3)));
      java.util.Random r = new java.util.Random(3);
      float[] k = new float[5 * 5 * 3 * 6];
      for (int i = 0; i < k.length; i++) {
        k[i] = (float) (0.3 * r.nextGaussian());
      }
      var kernel = tf.variable(tf.constant(org.tensorflow.ndarray.Shape.of(5, 5, 3, 6), org.tensorflow.ndarray.buffer.DataBuffers.of(k)));
      var conv = tf.nn.relu(tf.nn.conv2d(x, kernel, List.of(1L, 2L, 2L, 1L), "SAME"));
      var pooled = tf.math.mean(conv, tf.constant(new int[] {1, 2}));
      s.initialize();
      org.tensorflow.Signature sig = org.tensorflow.Signature.builder().input("images", x).output("conv", tf.identity(conv))
          .output("pooled", tf.identity(pooled)).build();
      org.tensorflow.SavedModelBundle.exporter(dir.toString()).withFunction(org.tensorflow.SessionFunction.create(sig, s)).export();
    }
    return dir;
  }

  @Test
  void probe_reads_a_savedmodel_at_its_signature_outputs() throws Exception {
    Path model = savedModel(out.resolve("model"));
    Path exact = out.resolve("exact");
    assertThat(cli(new StringWriter(), "probe", "--model", "savedmodel:" + model, "--values", "12", "--phases", "2",
        "--out", exact.toString())).isZero();
    assertThat(Files.readAllLines(exact.resolve("cardinal-bias.csv"))).hasSize(3).first().isEqualTo("point,depth,trained");
    assertThat(Files.readAllLines(exact.resolve("sensitivity-trained.csv")).get(1)).startsWith("conv,1,");
    JsonNode run = Json.mapper().readTree(exact.resolve("run.json").toFile());
    assertThat(run.path("status").asText()).isEqualTo("complete");
    assertThat(run.path("config").path("method").asText()).isEqualTo("exact");
    assertThat(run.path("config").path("weightsSha256").asText()).isEqualTo(ProbeCommand.directoryHash(model)).hasSize(64);
    Path central = out.resolve("central");
    assertThat(cli(new StringWriter(), "probe", "--model", "savedmodel:" + model, "--values", "12", "--phases", "2",
        "--finite-difference", "--out", central.toString())).isZero();
    assertThat(Json.mapper().readTree(central.resolve("run.json").toFile()).path("config").path("method").asText())
        .isEqualTo("finite_difference");
    StringWriter err = new StringWriter();
    assertThat(cli(err, "probe", "--model", "savedmodel:" + model, "--weights", weights.toString(), "--out", out.resolve("w").toString()))
        .isEqualTo(2);
    assertThat(err.toString()).contains("--weights does not apply to --model savedmodel:DIR");
    err = new StringWriter();
    assertThat(cli(err, "probe", "--model", "savedmodel:" + out.resolve("none"), "--out", out.resolve("n").toString())).isEqualTo(2);
    assertThat(err.toString()).contains("--model: SavedModel folder").contains("does not exist or is not a folder");
    err = new StringWriter();
    assertThat(cli(err, "probe", "--model", "savedmodel:" + model, "--size", "32", "--out", out.resolve("s").toString())).isEqualTo(2);
    assertThat(err.toString()).contains("--size 32: savedmodel:model takes 16-pixel images");
  }

  @Test
  void bad_arguments_are_named() {
    StringWriter err = new StringWriter();
    assertThat(cli(err, "probe", "--model", "resnet50", "--weights", weights.toString(), "--out", out.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("--model: unknown torchvision model 'resnet50'; known: resnet18, vgg16_bn, alexnet");
    err = new StringWriter();
    assertThat(cli(err, "probe", "--model", "resnet18", "--weights", weights.toString(), "--at", "layer9", "--out", out.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("--at: unknown probe point 'layer9'");
    err = new StringWriter();
    assertThat(cli(err, "probe", "--model", "alexnet", "--weights", weights.toString(), "--size", "32", "--out", out.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("--size 32: alexnet: module 'features.12' has a window of 3 on a feature map of side 1");
  }
}
