package io.github.gradsense.assertj;

import io.github.gradsense.analysis.Trajectory;
import java.util.Map;

/**
 * Entry point for gradsense's AssertJ assertions; failure messages show the measured numbers and
 * the formula they were compared with.
 *
 * <pre>{@code
 * import static io.github.gradsense.assertj.GradsenseAssertions.assertThat;
 *
 * assertThat(results.series("mode-strength").trajectory("pc1")).followsClosedForm(theory, 0.03);
 * assertThat(Map.of(2, 0.07, 3, 0.25, 4, 0.43, 7, 0.83)).concentratesWithDepth();
 * }</pre>
 */
public final class GradsenseAssertions {
  private GradsenseAssertions() {}

  /** Assertions on a learning trajectory {@code u(t)}. */
  public static TrajectoryAssert assertThat(Trajectory actual) {
    return new TrajectoryAssert(actual);
  }

  /** Assertions on the concentration of pathways, one value per depth. */
  public static PathwayConcentrationAssert assertThat(Map<Integer, Double> concentrationByDepth) {
    return new PathwayConcentrationAssert(concentrationByDepth);
  }
}
