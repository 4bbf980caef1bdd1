package io.github.gradsense.assertj;

import static io.github.gradsense.assertj.GradsenseAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PathwayConcentrationAssertTest {
  // GIVEN the seed means measured by C6 at width 250
  private static final Map<Integer, Double> MEASURED = Map.of(2, 0.070, 3, 0.245, 4, 0.429, 7, 0.825);

  @Test
  void the_measured_sweep_rises_shares_at_two_and_concentrates_at_seven() {
    assertThat(MEASURED).concentratesWithDepth().sharesAtDepth(2, 0.2).concentratesAtDepth(7, 0.5);
  }

  @Test
  void a_tie_between_depths_fails_and_shows_the_whole_sweep() {
    // WHEN D = 3 and 4 tie (as at width 100) THEN the message names both and lists every depth
    Map<Integer, Double> tied = Map.of(2, 0.10, 3, 0.27, 4, 0.26, 7, 0.84);
    assertThatThrownBy(() -> assertThat(tied).concentratesWithDepth())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("D = 4 gave 0.260 after 0.270 at D = 3")
        .hasMessageContaining("[D=2: 0.100, D=3: 0.270, D=4: 0.260, D=7: 0.840]");
  }

  @Test
  void sharing_and_concentration_thresholds_fail_with_the_value() {
    assertThatThrownBy(() -> assertThat(MEASURED).sharesAtDepth(7, 0.2))
        .hasMessageContaining("Expected near-equal sharing at D = 7 (c < 0.200), but c = 0.825");
    assertThatThrownBy(() -> assertThat(MEASURED).concentratesAtDepth(2, 0.5))
        .hasMessageContaining("Expected the modes mostly in one pathway at D = 2 (c > 0.500), but c = 0.070");
    assertThatThrownBy(() -> assertThat(MEASURED).concentratesAtDepth(5, 0.5))
        .hasMessageContaining("Expected a concentration at D = 5");
  }
}
