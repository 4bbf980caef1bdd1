package io.github.gradsense.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Every claim's example runs from its {@code main} with tiny arguments, in Java and in Kotlin, so
 * that the examples never rot; and the two languages print the same numbers (same seed, same
 * graph: the DSL forwards to the Java builders).
 */
class ClaimExamplesTest {

  /** What {@code main} printed, without the progress lines (they carry timings). */
  static List<String> run(Consumer<String[]> main, String... args) {
    PrintStream original = System.out;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    try {
      main.accept(args);
    } finally {
      System.setOut(original);
    }
    List<String> lines = Arrays.stream(bytes.toString(StandardCharsets.UTF_8).split("\n"))
        .filter(l -> !l.startsWith("[") && !l.isBlank()).toList();
    original.println(String.join("\n", lines));
    return lines;
  }

  private static void sameInBothLanguages(Consumer<String[]> java, Consumer<String[]> kotlin, String header, String... args) {
    List<String> fromJava = run(java, args);
    assertThat(fromJava).isNotEmpty().anySatisfy(l -> assertThat(l).contains(header));
    assertThat(run(kotlin, args)).isEqualTo(fromJava);
  }

  @Test
  void the_readme_quick_starts() {
    sameInBothLanguages(QuickStart::main, QuickStartKt::main, "PC10 variance", "30");
  }

  @Test
  void c1_ordered_learning() {
    sameInBothLanguages(C1OrderedLearning::main, C1OrderedLearningKt::main, "PC  variance   half learned at step", "100", "2000");
  }

  @Test
  void c2_cardinal_bias() {
    sameInBothLanguages(C2CardinalBias::main, C2CardinalBiasKt::main, "rotated 45°: CBI over training 0:", "50", "2000");
  }

  @Test
  void c2_deep_cardinal_bias() {
    sameInBothLanguages(C2DeepCardinalBias::main, C2DeepCardinalBiasKt::main, "rotated 45°: cardinal-bias index relu1", "3", "16");
  }

  @Test
  void c3_hue_shift() {
    sameInBothLanguages(C3HueShift::main, C3HueShiftKt::main, "the curve moved by", "3", "16");
  }

  @Test
  void c4_acuity() {
    sameInBothLanguages(C4Acuity::main, C4AcuityKt::main, "threshold at f = 1, 7.5, 14", "50", "2000");
  }

  @Test
  void c5_frequency_beats_information() {
    sameInBothLanguages(C5FrequencyBeatsInformation::main, C5FrequencyBeatsInformationKt::main, "uniform + noise", "5", "16");
  }

  @Test
  void c6_pathway_specialisation() {
    sameInBothLanguages(C6PathwaySpecialisation::main, C6PathwaySpecialisationKt::main, "D = 3: concentration of mode 1",
        "2,3", "16", "50");
  }
}
