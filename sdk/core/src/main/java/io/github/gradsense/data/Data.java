package io.github.gradsense.data;

/**
 * Entry point for data recipes.
 *
 * <pre>{@code
 * DataSpec synthetic = Data.gaussian(Spectrum.powerLaw(32, 1.0, 1.0)).withSamples(50_000);
 * DataSpec natural = Data.naturalPatches(NaturalImages.configured()).patchSize(16).count(50_000);
 * }</pre>
 */
public final class Data {
  private Data() {}

  /** Zero-mean Gaussian data with PC variances {@code spectrum}, random PCs, population only, seed 1. */
  public static GaussianData gaussian(Spectrum spectrum) {
    return new GaussianData(spectrum, 0, true, 1);
  }

  /** Grey 32×32 patches, 100,352 of them (the paper's sizes), seed 1, from {@code source}. */
  public static NaturalPatches naturalPatches(ImageSource source) {
    return new NaturalPatches(source, 32, 100_352, 1);
  }
}
