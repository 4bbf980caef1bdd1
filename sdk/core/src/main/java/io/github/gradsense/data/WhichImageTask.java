package io.github.gradsense.data;

import static io.github.gradsense.internal.Checks.checkRange;

import io.github.gradsense.runtime.RuntimeConfig;
import io.github.gradsense.internal.Seeds;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A task that needs natural features but no labels from outside: random RGB crops of a set of
 * images, labelled by the image they came from (optionally by which of a grid of regions of it),
 * with random horizontal flips. A network that tells images apart by their colours, textures and
 * edges learns their statistics; on {@link ImageSource#rotated rotated} or hue-shifted images the
 * same task sees the altered statistics. With {@code classes() = 0} ({@link #reconstruction()}) the
 * crops are targets of their own.
 *
 * <pre>{@code
 * WhichImageTask task = Tasks.whichImage(NaturalImages.configured()).crop(32).regions(2);   // 4 regions per image
 * }</pre>
 *
 * @param source the images
 * @param crop crop side in pixels, in [2, 1024]
 * @param regions regions per image side (1: the whole image is one class), in [1, 16]
 * @param flips random horizontal flips
 * @param reconstruct a reconstruction task (no labels)
 */
public record WhichImageTask(ImageSource source, int crop, int regions, boolean flips, boolean reconstruct) implements TaskSpec {

  /** Validates the fields. */
  public WhichImageTask {
    Objects.requireNonNull(source, "source");
    checkRange("crop", crop, 2, 1024);
    checkRange("regions", regions, 1, 16);
  }

  /** With crops of side {@code side}. */
  public WhichImageTask crop(int side) {
    return new WhichImageTask(source, side, regions, flips, reconstruct);
  }

  /** Each image cut into {@code n × n} regions, each its own class. */
  public WhichImageTask regions(int n) {
    return new WhichImageTask(source, crop, n, flips, reconstruct);
  }

  /** With or without random horizontal flips. */
  public WhichImageTask flips(boolean on) {
    return new WhichImageTask(source, crop, regions, on, reconstruct);
  }

  /** The same crops as a reconstruction task (no labels). */
  public WhichImageTask reconstruction() {
    return new WhichImageTask(source, crop, regions, flips, true);
  }

  @Override
  public String name() {
    return reconstruct ? "crop-reconstruction" : "which-image";
  }

  @Override
  public List<Integer> inputShape() {
    return List.of(crop, crop, 3);
  }

  /** Classes: images × regions² (0 when reconstructing). */
  @Override
  public int classes() {
    return reconstruct ? 0 : source.count() * regions * regions;
  }

  @Override
  public TaskData open(RuntimeConfig config) {
    List<RgbImage> images = source.load();
    for (RgbImage im : images) {
      if (im.width() < crop * regions || im.height() < crop * regions) {
        throw new IllegalArgumentException("image " + im.name() + " is " + im.width() + "x" + im.height()
            + ", too small for " + regions + "x" + regions + " regions of " + crop + "-px crops");
      }
    }
    List<Dataset.Source> sources = new ArrayList<>();
    for (RgbImage im : images) {
      sources.add(new Dataset.Source(im.name(), im.sha256(), im.width() + "x" + im.height()));
    }
    return new Opened(images, sources);
  }

  private final class Opened implements TaskData {
    private final List<RgbImage> images;
    private final List<Dataset.Source> sources;

    Opened(List<RgbImage> images, List<Dataset.Source> sources) {
      this.images = images;
      this.sources = sources;
    }

    @Override
    public Batch batch(long seed, long step, int size) {
      return draw(Seeds.random(seed, "crops-" + step), size, -1, flips);
    }

    @Override
    public Batch evaluation(int label, int count, long seed) {
      return draw(Seeds.random(seed, "evaluation-" + label), count, label, false);
    }

    private Batch draw(SplittableRandom rng, int size, int fixedLabel, boolean flip) {
      int dim = crop * crop * 3;
      float[] out = new float[size * dim];
      int[] labels = new int[reconstruct ? 0 : size];
      int perImage = regions * regions;
      for (int n = 0; n < size; n++) {
        int label = fixedLabel >= 0 ? fixedLabel : rng.nextInt(images.size() * perImage);
        RgbImage im = images.get(label / perImage);
        int region = label % perImage;
        int rw = im.width() / regions;
        int rh = im.height() / regions;
        int x0 = (region % regions) * rw + rng.nextInt(rw - crop + 1);
        int y0 = (region / regions) * rh + rng.nextInt(rh - crop + 1);
        boolean mirror = flip && rng.nextBoolean();
        for (int y = 0; y < crop; y++) {
          for (int x = 0; x < crop; x++) {
            int sx = x0 + (mirror ? crop - 1 - x : x);
            int o = n * dim + (y * crop + x) * 3;
            out[o] = im.get(sx, y0 + y, 0);
            out[o + 1] = im.get(sx, y0 + y, 1);
            out[o + 2] = im.get(sx, y0 + y, 2);
          }
        }
        if (!reconstruct) {
          labels[n] = label;
        }
      }
      return new Batch(out, labels, size);
    }

    @Override
    public List<Dataset.Source> sources() {
      return sources;
    }
  }
}
