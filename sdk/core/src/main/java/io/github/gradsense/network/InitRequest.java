package io.github.gradsense.network;

import io.github.gradsense.data.Pca;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/**
 * What an initialiser is asked for: factor {@code factor} (1-based, input side first) of
 * {@code factorCount}, its shape, a seeded random stream, and the data's PCs when known.
 *
 * <pre>{@code
 * WeightInit init = r -> Matrix.identity(r.rows()).scale(0.1);
 * }</pre>
 *
 * @param factor 1-based index of the factor, input side first
 * @param factorCount number of factors in the chain
 * @param rows rows of the factor (its output width)
 * @param cols columns of the factor (its input width)
 * @param tied whether the chain is the tied {@code WᵀW}
 * @param random the random stream for this factor
 * @param inputBasis the data's PCs, if known
 */
public record InitRequest(
    int factor, int factorCount, int rows, int cols, boolean tied, SplittableRandom random, @Nullable Pca inputBasis) {}
