package io.github.gradsense.data;

import static io.github.gradsense.internal.Checks.checkRange;

import io.github.gradsense.internal.Seeds;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Cuts square patches at random positions: for each patch an image is drawn uniformly, then a
 * position uniformly among those where the patch fits. Grayscale patches take the plain mean of R,
 * G and B (the authors' choice); colour patches keep the three channels (interleaved per pixel).
 *
 * <pre>{@code
 * SampleMatrix x = new PatchSampler(32, 100_000, true, 7).sample(images);   // 100000 x 1024
 * }</pre>
 *
 * @param size patch side in pixels, in [1, 1024]
 * @param count number of patches, in [1, 10^8]
 * @param grayscale one channel (mean of RGB) if true, else three
 * @param seed seed of the positions
 */
public record PatchSampler(int size, int count, boolean grayscale, long seed) {

  /** Validates the fields. */
  public PatchSampler {
    checkRange("size", size, 1, 1024);
    checkRange("count", count, 1, 100_000_000);
  }

  /** Samples {@link #count()} patches from {@code images}; every image must be at least {@code size} wide and high. */
  public SampleMatrix sample(List<RgbImage> images) {
    if (images.isEmpty()) {
      throw new IllegalArgumentException("images must not be empty");
    }
    for (RgbImage im : images) {
      if (im.width() < size || im.height() < size) {
        throw new IllegalArgumentException(
            "image " + im.name() + " is " + im.width() + "x" + im.height() + ", smaller than the patch size " + size);
      }
    }
    int channels = grayscale ? 1 : 3;
    int dim = size * size * channels;
    float[] out = new float[Math.multiplyExact(count, dim)];
    SplittableRandom rng = Seeds.random(seed, "patches");
    for (int n = 0; n < count; n++) {
      RgbImage im = images.get(rng.nextInt(images.size()));
      int x0 = rng.nextInt(im.width() - size + 1);
      int y0 = rng.nextInt(im.height() - size + 1);
      int base = n * dim;
      for (int y = 0; y < size; y++) {
        for (int x = 0; x < size; x++) {
          if (grayscale) {
            out[base + y * size + x] = im.grey(x0 + x, y0 + y);
          } else {
            int o = base + (y * size + x) * 3;
            out[o] = im.get(x0 + x, y0 + y, 0);
            out[o + 1] = im.get(x0 + x, y0 + y, 1);
            out[o + 2] = im.get(x0 + x, y0 + y, 2);
          }
        }
      }
    }
    return SampleMatrix.wrap(count, dim, out);
  }
}
