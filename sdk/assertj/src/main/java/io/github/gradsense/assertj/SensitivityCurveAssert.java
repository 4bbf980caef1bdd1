package io.github.gradsense.assertj;

import io.github.gradsense.analysis.SensitivityCurve;

/**
 * Assertions on a sensitivity curve {@code D(θ)} over orientation or hue, from
 * {@link GradsenseAssertions#assertThat(SensitivityCurve)}; the checks are those of
 * {@link AbstractSensitivityCurveAssert}, which a lab extends to add its own.
 *
 * <pre>{@code
 * SensitivityCurve trained = SensitivityCurve.of(gabor, results.series("sensitivity-gabor", "relu2").lastRow());
 * assertThat(trained).hasCardinalBiasAbove(1.2).peaksNear(0, within(10.0));
 * assertThat(hueShifted).isShiftedBy(90, within(15.0), normal);
 * assertThat(normal).correlatesWith(HueHistogram.centres(), histogram.density(), 0.3);
 * }</pre>
 */
public final class SensitivityCurveAssert extends AbstractSensitivityCurveAssert<SensitivityCurveAssert> {

  SensitivityCurveAssert(SensitivityCurve actual) {
    super(actual, SensitivityCurveAssert.class);
  }
}
