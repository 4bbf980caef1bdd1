package io.github.gradsense.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SeedsTest {

  @Test
  void sub_seeds_are_a_stable_function_of_seed_and_purpose() {
    assertThat(Seeds.derive(7, "init")).isEqualTo(Seeds.derive(7, "init"));
    // golden value: a change here silently changes every run's random streams
    assertThat(Seeds.derive(7, "init")).isEqualTo(Seeds.mix(7L ^ Seeds.mix(fnv("init"))));
  }

  @Test
  void purposes_and_seeds_give_distinct_streams() {
    assertThat(Seeds.derive(7, "init")).isNotEqualTo(Seeds.derive(7, "noise"));
    assertThat(Seeds.derive(7, "init")).isNotEqualTo(Seeds.derive(8, "init"));
    assertThat(Seeds.opSeed(7, "noise", 1)).isNotEqualTo(Seeds.opSeed(7, "noise", 2));
  }

  private static long fnv(String s) {
    long h = 0xcbf29ce484222325L;
    for (byte b : s.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    return h;
  }
}
