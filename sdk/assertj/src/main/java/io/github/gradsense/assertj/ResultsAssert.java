package io.github.gradsense.assertj;

import io.github.gradsense.experiment.Results;

/**
 * Assertions on a run's {@link Results}, from {@link GradsenseAssertions#assertThat(Results)};
 * the checks are those of {@link AbstractResultsAssert}, which a lab extends to add its own.
 *
 * <pre>{@code
 * assertThat(results).isReproducedBy(experiment.run()).hasFinalLossBelow(1e-3).series("mode-strength").learnsInOrderOf(lambda);
 * }</pre>
 */
public final class ResultsAssert extends AbstractResultsAssert<ResultsAssert> {

  ResultsAssert(Results actual) {
    super(actual, ResultsAssert.class);
  }
}
