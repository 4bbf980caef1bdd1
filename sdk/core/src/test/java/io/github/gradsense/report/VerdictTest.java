package io.github.gradsense.report;

import static org.assertj.core.api.Assertions.assertThat;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

  @Test
  void a_verdict_carries_the_rule_that_decides_it_statistic_threshold_and_source() throws Exception {
    Verdict v = Verdict.of("C3", "hue preference moves by 90°", true)
        .decidedBy("circular mean of the axial lags", "90° ± 30°", "HSV sectors: 60° and 120° bracket 90°").with("mean", 92);
    assertThat(v.rule()).isEqualTo(new Verdict.Rule("circular mean of the axial lags", "90° ± 30°", "HSV sectors: 60° and 120° bracket 90°"));
    assertThat(Json.mapper().readValue(Json.write(v), Verdict.class)).isEqualTo(v);
    // numbers added after the rule keep it
    assertThat(v.with("spread", 3).rule()).isEqualTo(v.rule());
    assertThat(Verdict.of("C1", "s", true).rule()).isNull();
    assertThatThrownBy(() -> Verdict.of("C1", "s", true).decidedBy("Spearman", " ", "theory"))
        .hasMessage("verdict rule: threshold must not be blank");
  }
}
