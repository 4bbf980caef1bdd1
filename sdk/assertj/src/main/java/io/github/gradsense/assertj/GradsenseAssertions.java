package io.github.gradsense.assertj;

import io.github.gradsense.analysis.SensitivityCurve;
import io.github.gradsense.analysis.Trajectory;
import io.github.gradsense.experiment.ProbeSeries;
import io.github.gradsense.experiment.Results;
import java.util.Map;

/**
 * Entry point for gradsense's AssertJ assertions; failure messages show the measured numbers and
 * the formula they were compared with.
 *
 * <pre>{@code
 * import static io.github.gradsense.assertj.GradsenseAssertions.assertThat;
 * import static org.assertj.core.api.Assertions.within;
 * import static org.assertj.core.data.Percentage.withPercentage;
 *
 * assertThat(results).isReproducedBy(experiment.run()).series("mode-strength").learnsInOrderOf(variances);
 * assertThat(results.series("mode-strength").trajectory("pc1")).followsClosedForm(theory, withPercentage(3));
 * assertThat(SensitivityCurve.of(gabor, d)).hasCardinalBiasAbove(1.2).peaksNear(0, within(10.0));
 * assertThat(Map.of(2, 0.07, 3, 0.25, 4, 0.43, 7, 0.83)).concentratesWithDepth();
 * }</pre>
 *
 * <p>Each assert's checks live in its {@code Abstract…Assert} superclass, which a lab extends to add
 * checks of its own (see the package documentation).
 */
public final class GradsenseAssertions {
  private GradsenseAssertions() {}

  /** Assertions on a run: its series, its loss, its provenance. */
  public static ResultsAssert assertThat(Results actual) {
    return new ResultsAssert(actual);
  }

  /** Assertions on one probe's series over training (learning order). */
  public static ProbeSeriesAssert assertThat(ProbeSeries actual) {
    return new ProbeSeriesAssert(actual);
  }

  /** Assertions on a sensitivity curve over orientation or hue. */
  public static SensitivityCurveAssert assertThat(SensitivityCurve actual) {
    return new SensitivityCurveAssert(actual);
  }

  /** Assertions on a learning trajectory {@code u(t)}. */
  public static TrajectoryAssert assertThat(Trajectory actual) {
    return new TrajectoryAssert(actual);
  }

  /** Assertions on the concentration of pathways, one value per depth. */
  public static PathwayConcentrationAssert assertThat(Map<Integer, Double> concentrationByDepth) {
    return new PathwayConcentrationAssert(concentrationByDepth);
  }
}
