package io.github.gradsense.assertj;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.gradsense.analysis.SensitivityCurve;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** A lab's own assertion: a subclass of the kit's abstract assert whose check chains with the kit's. */
class WritingYourOwnAssertionsTest {

  /** GIVEN a lab's curve assert with one check of its own: how strongly the curve is tuned. */
  static final class MyCurveAssert extends AbstractSensitivityCurveAssert<MyCurveAssert> {
    static MyCurveAssert assertThat(SensitivityCurve actual) {
      return new MyCurveAssert(actual);
    }

    private MyCurveAssert(SensitivityCurve actual) {
      super(actual, MyCurveAssert.class);
    }

    /** √D at its peak is at least {@code ratio} times √D at its trough. */
    MyCurveAssert isTunedBy(double ratio) {
      isNotNull();
      double peak = Arrays.stream(actual.root()).max().orElseThrow();
      double trough = Arrays.stream(actual.root()).min().orElseThrow();
      if (!(peak >= ratio * trough)) {
        failWithMessage("Expected max √D / min √D >= %s, but it is %s / %s", ratio, peak, trough);
      }
      return myself;
    }
  }

  @Test
  void the_kits_checks_and_the_labs_chain_in_either_order() {
    // GIVEN √D = 2 + cos(h − 30°), tuned 3 : 1 WHEN the kit's checks and the lab's are chained
    // THEN each returns the lab's type, so the next may be either
    MyCurveAssert chained = MyCurveAssert.assertThat(Curves.hue(30))
        .peaksNear(30, within(2.0))
        .isTunedBy(2)
        .isShiftedBy(0, within(1.0), Curves.hue(30))
        .isTunedBy(2.9);
    chained.isNotNull();
  }

  @Test
  void the_labs_check_fails_with_its_own_message_after_a_kit_check_passed() {
    // GIVEN the same curve WHEN a 4 : 1 tuning is required after a passing kit check THEN the lab's check fails
    assertThatThrownBy(() -> MyCurveAssert.assertThat(Curves.hue(30)).peaksNear(30, within(2.0)).isTunedBy(4))
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith("Expected max √D / min √D >= 4.0, but it is 2.99");   // 3 : 1 on the 360-hue grid
  }

  @Test
  void a_kit_check_fails_with_the_kits_message_after_the_labs_check_passed() {
    assertThatThrownBy(() -> MyCurveAssert.assertThat(Curves.hue(120)).isTunedBy(2).peaksNear(30, within(10.0)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expected the hue curve to peak within 10.00° of 30.00°");
  }
}
