package io.github.gradsense.claims;

import io.github.gradsense.data.ImageSource;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * How to reproduce claims: where to write, which images, the training seed, the sizes, and whether
 * to keep the claims a previous run in the same folder finished. One settings object is one
 * reproduction: claims run with it share their common trainings (C2 CNN and C3 train the same
 * nets once); each {@code with…} copy starts a new reproduction.
 *
 * <pre>{@code
 * ClaimSettings s = ClaimSettings.to(Path.of("out")).withImages(Path.of("photos")).withSeed(2);
 * for (Claim c : Claim.values()) {
 *   c.run(s);
 * }
 * }</pre>
 */
public final class ClaimSettings {

  /** How large the reproduction is. */
  public enum Sizes {
    /** Smoke-test sizes: seconds, not minutes; the numbers mean nothing. */
    QUICK,
    /** The default: 16×16 patches, 50,000 of them; pathways of width 250. */
    DEFAULT,
    /** The papers' sizes: 32×32 patches, 100,352 of them; pathways of width 1000. */
    FULL
  }

  private final Path out;
  private final @Nullable Path images;
  private final long seed;
  private final Sizes sizes;
  private final boolean resume;
  private CnnCodes.@Nullable Summary cnn;

  private ClaimSettings(Path out, @Nullable Path images, long seed, Sizes sizes, boolean resume) {
    this.out = Objects.requireNonNull(out, "out");
    this.images = images;
    this.seed = seed;
    this.sizes = Objects.requireNonNull(sizes, "sizes");
    this.resume = resume;
  }

  /** Writing under {@code out} (one folder per claim), on the embedded synthetic scenes, seed 1, default sizes. */
  public static ClaimSettings to(Path out) {
    return new ClaimSettings(out, null, 1, Sizes.DEFAULT, false);
  }

  /** The output folder; each claim writes into {@code out/<claim folder>}. */
  public Path out() {
    return out;
  }

  /** The folder of PNG/JPEG photographs; null for the embedded synthetic scenes. */
  public @Nullable Path images() {
    return images;
  }

  /** The training seed. */
  public long seed() {
    return seed;
  }

  /** The sizes. */
  public Sizes sizes() {
    return sizes;
  }

  /** Whether a claim that finished before in {@link #out()} is kept rather than run again. */
  public boolean resume() {
    return resume;
  }

  /** With photographs from {@code folder} (null: the embedded synthetic scenes). */
  public ClaimSettings withImages(@Nullable Path folder) {
    return new ClaimSettings(out, folder, seed, sizes, resume);
  }

  /** With training seed {@code newSeed}. */
  public ClaimSettings withSeed(long newSeed) {
    return new ClaimSettings(out, images, newSeed, sizes, resume);
  }

  /** With {@code newSizes}. */
  public ClaimSettings withSizes(Sizes newSizes) {
    return new ClaimSettings(out, images, seed, newSizes, resume);
  }

  /** Keeping ({@code true}) or running again the claims finished before in {@link #out()}. */
  public ClaimSettings withResume(boolean keep) {
    return new ClaimSettings(out, images, seed, sizes, keep);
  }

  boolean quick() {
    return sizes == Sizes.QUICK;
  }

  boolean full() {
    return sizes == Sizes.FULL;
  }

  /** The images: the folder if given, else {@code synthetic}. */
  ImageSource source(Supplier<ImageSource> synthetic) {
    return images != null ? ImageSource.folder(images) : synthetic.get();
  }

  /** Grey patch side: 32 at full size, else 16. */
  int side() {
    return full() ? 32 : 16;
  }

  /** Number of patches: 2,000 quick, 100,352 full, else 50,000. */
  int count() {
    return quick() ? 2_000 : full() ? 100_352 : 50_000;
  }

  /** The CNN trainings of C2 CNN and C3, made by the first of them to run in this reproduction. */
  synchronized CnnCodes.Summary cnn(Supplier<CnnCodes.Summary> train) {
    if (cnn == null) {
      cnn = train.get();
    }
    return cnn;
  }

  @Override
  public String toString() {
    return "ClaimSettings[out=" + out + ", images=" + (images == null ? "the embedded synthetic scenes" : images) + ", seed=" + seed
        + ", sizes=" + sizes + ", resume=" + resume + "]";
  }
}
