/**
 * AssertJ assertions for gradsense results: a learning trajectory against its closed form, the
 * concentration of parallel pathways against depth. Start from {@link
 * io.github.gradsense.assertj.GradsenseAssertions}.
 */
@NullMarked
package io.github.gradsense.assertj;

import org.jspecify.annotations.NullMarked;
