package io.github.gradsense.assertj;

import java.util.Map;

/**
 * Assertions on how concentrated parallel pathways are, one value per depth, from
 * {@link GradsenseAssertions#assertThat(Map)}; the checks are those of
 * {@link AbstractPathwayConcentrationAssert}, which a lab extends to add its own.
 *
 * <pre>{@code
 * assertThat(Map.of(2, 0.07, 3, 0.25, 4, 0.43, 7, 0.83))
 *     .concentratesWithDepth()
 *     .sharesAtDepth(2, 0.2)
 *     .concentratesAtDepth(7, 0.5);
 * }</pre>
 */
public final class PathwayConcentrationAssert extends AbstractPathwayConcentrationAssert<PathwayConcentrationAssert> {

  PathwayConcentrationAssert(Map<Integer, Double> actual) {
    super(actual, PathwayConcentrationAssert.class);
  }
}
