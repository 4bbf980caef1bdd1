package io.github.gradsense.data;

import static io.github.gradsense.internal.Checks.checkRange;

import io.github.gradsense.runtime.Matrix;
import io.github.gradsense.runtime.RuntimeConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Grey patches of natural images with the per-pixel mean over the data set removed, as in the
 * authors' linear-network experiment (METHODS §C1): grey = plain mean of R, G, B; no whitening, no
 * per-patch mean removal, no contrast normalisation.
 *
 * <pre>{@code
 * Dataset d = Data.naturalPatches(NaturalImages.configured()).patchSize(32).count(100_000).build();
 * }</pre>
 *
 * @param source the images
 * @param patchSize patch side in pixels (32 in the paper), in [2, 256]
 * @param count number of patches (100,352 in the paper), in [2, 10^7]
 * @param seed seed of the patch positions
 */
public record NaturalPatches(ImageSource source, int patchSize, int count, long seed) implements DataSpec {

  /** Validates the fields. */
  public NaturalPatches {
    Objects.requireNonNull(source, "source");
    checkRange("patchSize", patchSize, 2, 256);
    checkRange("count", count, 2, 10_000_000);
  }

  /** With another patch side. */
  public NaturalPatches patchSize(int side) {
    return new NaturalPatches(source, side, count, seed);
  }

  /** With another number of patches. */
  public NaturalPatches count(int n) {
    return new NaturalPatches(source, patchSize, n, seed);
  }

  /** With another seed. */
  public NaturalPatches seed(long newSeed) {
    return new NaturalPatches(source, patchSize, count, newSeed);
  }

  @Override
  public String name() {
    return "natural-patches-" + patchSize;
  }

  @Override
  public int dim() {
    return patchSize * patchSize;
  }

  @Override
  public int size() {
    return count;
  }

  /** Builds with the default runtime configuration. */
  public Dataset build() {
    return build(RuntimeConfig.defaults());
  }

  @Override
  public Dataset build(RuntimeConfig config) {
    List<RgbImage> images = source.load();
    SampleMatrix raw = new PatchSampler(patchSize, count, true, seed).sample(images);
    double[] mean = raw.columnMeans();
    SampleMatrix centred = raw.minus(mean);
    Matrix cov = Pca.covariance(centred, new double[centred.cols()], config);
    Pca pca = Pca.ofCovariance(cov, mean, config);
    List<Dataset.Source> sources = new ArrayList<>();
    for (RgbImage im : images) {
      sources.add(new Dataset.Source(im.name(), im.sha256(), im.width() + "x" + im.height()));
    }
    return new Dataset(name(), centred, cov, pca, sources, this);
  }
}
