package io.github.gradsense.examples;

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
import picocli.CommandLine;

/**
 * Probing the networks researchers have: the Java and Kotlin examples print the same per-layer
 * cardinal-bias indices, and {@code gradsense probe} writes curves, indices, figures, report and
 * provenance, and refuses bad weights by name before any native work. The weights here are a
 * seeded torchvision initialisation written as safetensors (the PyTorch equivalence is
 * {@code TorchvisionEquivalenceTest} in the SDK).
 */
class ProbeExamplesTest {
  @TempDir static Path weightsDir;
  @TempDir Path out;
  static Path weights;

  @BeforeAll
  static void writeWeights() {
    weights = weightsDir.resolve("resnet18.safetensors");
    Torchvision.resnet18().untrained(42).stateDict().writeSafetensors(weights);
  }

  @Test
  void java_and_kotlin_examples_print_the_same_indices() {
    List<String> java = ClaimExamplesTest.run(ProbePretrained::main, weights.toString(), "64", "12");
    assertThat(java).hasSize(3 * 5).anySatisfy(l -> assertThat(l).startsWith("trained   layer1  CBI"))
        .anySatisfy(l -> assertThat(l).startsWith("shuffled  fc      CBI"));
    assertThat(ClaimExamplesTest.run(ProbePretrainedKt::main, weights.toString(), "64", "12")).isEqualTo(java);
  }

  private static int cli(StringWriter err, String... args) {
    return new CommandLine(Gradsense.class).setErr(new PrintWriter(err)).execute(args);
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
