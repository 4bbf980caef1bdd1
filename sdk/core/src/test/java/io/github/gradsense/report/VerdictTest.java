package io.github.gradsense.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VerdictTest {
  @Test
  void a_verdict_round_trips_through_json_with_its_numbers_in_order_even_infinite_ones() throws Exception {
    Verdict v = Verdict.of("C5", "90° learned before 0°", true).with("t½ 90°", 40).with("t½ 0°", Double.POSITIVE_INFINITY)
        .with("ratio", Double.NaN);
    Verdict back = Json.mapper().readValue(Json.write(v), Verdict.class);
    assertThat(back).isEqualTo(v);
    assertThat(back.numbers().keySet()).containsExactly("t½ 90°", "t½ 0°", "ratio");
  }
}
