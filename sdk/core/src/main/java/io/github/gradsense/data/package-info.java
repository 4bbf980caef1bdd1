/**
 * Data with known statistics: Gaussian samples with a prescribed principal-component spectrum,
 * natural-image patches from a folder of photographs or from the embedded synthetic scenes, PCA and
 * power-law fits of PC spectra.
 *
 * <pre>{@code
 * Dataset patches = Data.naturalPatches(NaturalImages.configured()).patchSize(16).count(50_000).build();
 * double[] variances = patches.pca().eigenvalues();
 * PowerLawFit fit = PowerLawFit.ofRanks(variances, 2, 60);
 * }</pre>
 */
@NullMarked
package io.github.gradsense.data;

import org.jspecify.annotations.NullMarked;
