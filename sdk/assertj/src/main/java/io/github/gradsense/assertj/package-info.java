/**
 * AssertJ assertions for gradsense results: sensitivity curves (peak, cardinal bias, shift,
 * correlation with a histogram), learning order by variance, a learning trajectory against its
 * closed form, the concentration of parallel pathways against depth, and a run's results. Start from {@link
 * io.github.gradsense.assertj.GradsenseAssertions}.
 *
 * <p>Tolerances are AssertJ's: an {@link org.assertj.core.data.Offset} for an absolute one
 * ({@code within(t)} admits a distance of exactly {@code t}, {@code byLessThan(t)} does not) and a
 * {@link org.assertj.core.data.Percentage} for a relative one. AssertJ refuses a negative or NaN
 * offset when it is made.
 *
 * <pre>{@code
 * assertThat(curve).peaksNear(90, within(10.0));
 * assertThat(hueShifted).isShiftedBy(90, within(15.0), normal);
 * assertThat(u).followsClosedForm(saxe, withPercentage(3));
 * }</pre>
 *
 * <h2>Writing your own assertions</h2>
 *
 * <p>Each assert is a final class ({@code SensitivityCurveAssert}) over a self-typed abstract one
 * ({@code AbstractSensitivityCurveAssert<SELF>}) that holds every check and returns {@code SELF}.
 * Extend the abstract one, return {@code myself} from your checks, report with
 * {@code failWithMessage}, and your checks chain with the kit's in either order:
 *
 * <pre>{@code
 * public final class MyCurveAssert extends AbstractSensitivityCurveAssert<MyCurveAssert> {
 *   public static MyCurveAssert assertThat(SensitivityCurve actual) {
 *     return new MyCurveAssert(actual);
 *   }
 *
 *   private MyCurveAssert(SensitivityCurve actual) {
 *     super(actual, MyCurveAssert.class);
 *   }
 *
 *   // √D at its peak is at least `ratio` times √D at its trough
 *   public MyCurveAssert isTunedBy(double ratio) {
 *     isNotNull();
 *     double peak = Arrays.stream(actual.root()).max().orElseThrow();
 *     double trough = Arrays.stream(actual.root()).min().orElseThrow();
 *     if (!(peak >= ratio * trough)) {
 *       failWithMessage("Expected max √D / min √D >= %s, but it is %s / %s", ratio, peak, trough);
 *     }
 *     return myself;
 *   }
 * }
 *
 * MyCurveAssert.assertThat(curve).peaksNear(30, within(2.0)).isTunedBy(2).correlatesWith(centres, histogram, 0.9);
 * }</pre>
 *
 * <p>The same holds for {@link io.github.gradsense.assertj.AbstractResultsAssert},
 * {@link io.github.gradsense.assertj.AbstractProbeSeriesAssert},
 * {@link io.github.gradsense.assertj.AbstractTrajectoryAssert} and
 * {@link io.github.gradsense.assertj.AbstractPathwayConcentrationAssert}.
 */
@NullMarked
package io.github.gradsense.assertj;

import org.jspecify.annotations.NullMarked;
