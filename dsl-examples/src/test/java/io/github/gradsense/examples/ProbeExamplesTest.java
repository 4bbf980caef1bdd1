package io.github.gradsense.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gradsense.network.Torchvision;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Probing the networks researchers have: the Java and Kotlin examples print the same per-layer
 * cardinal-bias indices (the command line's {@code gradsense probe} is tested in sdk/cli). The weights here are a
 * seeded torchvision initialisation written as safetensors (the PyTorch equivalence is
 * {@code TorchvisionEquivalenceTest} in the SDK).
 */
class ProbeExamplesTest {
  @TempDir static Path weightsDir;
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
}
