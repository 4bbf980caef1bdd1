/**
 * Helpers that are not API: argument checks whose messages name the field and its allowed range
 * ({@link io.github.gradsense.internal.Checks}) and seed derivation
 * ({@link io.github.gradsense.internal.Seeds}). Any layer may use them; they may change without
 * notice, and no user code should import them.
 *
 * <pre>{@code
 * checkRange("batchSize", batchSize, 1, Integer.MAX_VALUE);
 * }</pre>
 */
@NullMarked
package io.github.gradsense.internal;

import org.jspecify.annotations.NullMarked;
