package io.github.gradsense.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The suite's run-time settings ({@code -Dgradsense.cnnSteps}, {@code -Dc5.steps}, …) are read strictly. */
@DisplayName("conformance settings from -D properties")
class ConformanceTest {
  private static final String NAME = "gradsense.test.someSize";

  @AfterEach
  void clear() {
    System.clearProperty(NAME);
  }

  @Test
  @DisplayName("unset gives the default, a whole number in range is taken")
  void unset_gives_the_default_and_a_value_in_range_is_taken() {
    assertThat(Conformance.longProperty(NAME, 4000, 1, 1_000_000)).isEqualTo(4000);
    System.setProperty(NAME, " 250 ");
    assertThat(Conformance.longProperty(NAME, 4000, 1, 1_000_000)).isEqualTo(250);
  }

  @Test
  @DisplayName("a typo fails naming the property and the range, rather than running the default")
  void a_value_that_is_not_a_number_fails_naming_the_property() {
    System.setProperty(NAME, "4k");
    assertThatThrownBy(() -> Conformance.longProperty(NAME, 4000, 1, 1_000_000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("-D" + NAME + " must be a whole number in [1, 1000000], got '4k'");
  }

  @Test
  @DisplayName("a value outside the range fails naming the property, the range and the value")
  void a_value_out_of_range_fails_naming_the_range() {
    System.setProperty(NAME, "0");
    assertThatThrownBy(() -> Conformance.longProperty(NAME, 4000, 1, 1_000_000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("-D" + NAME + " must be in [1, 1000000], got 0");
  }
}
