package io.github.gradsense.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The Kotlin C6 example runs with tiny arguments, so it never rots. */
class PathwayDepthsTest {
  @Test
  void the_kotlin_pathway_example_trains_and_reads_a_concentration() {
    double c = PathwayDepthsKt.pathwayConcentration(2, 1, 16);
    assertThat(c).isBetween(0.0, 1.0);
    PathwayDepthsKt.main(new String[] {"2", "1", "16"});
  }
}
