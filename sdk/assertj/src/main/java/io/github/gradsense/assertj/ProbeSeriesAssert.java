package io.github.gradsense.assertj;

import io.github.gradsense.experiment.ProbeSeries;

/**
 * Assertions on a probe's series over training, from
 * {@link GradsenseAssertions#assertThat(ProbeSeries)} or {@link ResultsAssert#series(String)};
 * the checks are those of {@link AbstractProbeSeriesAssert}, which a lab extends to add its own.
 *
 * <pre>{@code
 * double[] lambda = results.data().pca().eigenvalues();
 * assertThat(results.series("mode-strength")).hasColumns("pc1", "pc2").learnsInOrderOf(Arrays.copyOf(lambda, 10));
 * }</pre>
 */
public final class ProbeSeriesAssert extends AbstractProbeSeriesAssert<ProbeSeriesAssert> {

  ProbeSeriesAssert(ProbeSeries actual) {
    super(actual, ProbeSeriesAssert.class);
  }
}
