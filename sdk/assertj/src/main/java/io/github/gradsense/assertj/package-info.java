/**
 * AssertJ assertions for gradsense results: sensitivity curves (peak, cardinal bias, shift,
 * correlation with a histogram), learning order by variance, a learning trajectory against its
 * closed form, the concentration of parallel pathways against depth, and a run's results. Start from {@link
 * io.github.gradsense.assertj.GradsenseAssertions}.
 */
@NullMarked
package io.github.gradsense.assertj;

import org.jspecify.annotations.NullMarked;
