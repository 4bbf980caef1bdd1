package io.github.gradsense.data;

import static io.github.gradsense.internal.Checks.checkRange;

import io.github.gradsense.internal.Seeds;
import io.github.gradsense.stimulus.Colour;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The embedded natural-like images, so that every claim runs without downloaded photographs:
 * dead-leaves scenes (occluding discs and rectangles with radii drawn from {@code p(r) ∝ r^-3}
 * between {@code minRadius} and {@code size/2}, which gives the scale invariance and the
 * {@code 1/f²} power spectrum of natural images) under a smooth multiplicative illumination field.
 * A fraction {@code cardinalFraction} of the rectangles lies near the image axes, their
 * orientations spread by a Gaussian of {@code cardinalSpread} degrees around 0° and 90°, the rest
 * at uniformly random angles: a continuous orientation distribution with the photographs' cardinal
 * excess and edges at every angle. Edges are anti-aliased ({@code supersampling}) and the image is
 * blurred by a Gaussian of {@code blur} pixels, as a camera's optics band-limit a photograph, so
 * that no orientation is favoured by the pixel grid's staircases. Colours come from a
 * {@link HuePrior} (by default warm- and blue-heavy with low to moderate saturation).
 *
 * <p>Measured on the defaults: orientation energy (Scharr gradients, {@link OrientationHistogram})
 * cardinal over oblique 1.8 within ±10° (the Kodak photographs: 2.8), with no spike at exact
 * angles (the two 1° bins at 0° hold 1.9 times the next two; Kodak 1.7; the earlier defaults,
 * exactly axis-aligned hard edges, many times more); PC variances of 16×16 grey patches fall as
 * {@code k^-1.36} (photographs {@code k^-1.1…-1.2}).
 *
 * <pre>{@code
 * List<RgbImage> scenes = ImageSource.synthetic().withCount(8).withSize(256).load();
 * }</pre>
 *
 * @param count number of images, in [1, 10000]
 * @param size side of each square image in pixels, in [16, 4096]
 * @param seed seed of the generator (each image has its own derived stream)
 * @param minRadius smallest leaf radius in pixels, in [0.5, size/4]
 * @param cardinalFraction fraction of rectangles near the axes, in [0, 1]
 * @param illumination strength of the multiplicative illumination field, in [0, 1]
 * @param huePrior how leaf colours are drawn
 * @param supersampling each pixel the mean of {@code k × k} samples (anti-aliased edges), in [1, 8];
 *     1 renders each pixel from its centre; 3 by default
 * @param orientationOffset degrees added to every rectangle's orientation, in [0, 180): the same
 *     scenes with their orientation statistics turned, rendered directly (no resampling, no
 *     valid-region crop), e.g. 45 for the cardinal-bias control
 * @param cardinalSpread sd in degrees of the near-axis rectangles around 0° and 90°, in [0, 45]
 * @param blur sd in pixels of the Gaussian optics blur after rendering, in [0, 4] (0: none)
 * @param texture relative contrast of each leaf's striped texture, in [0, 1] (0, the default: flat
 *     leaves)
 */
public record SyntheticScenes(
    int count, int size, long seed, double minRadius, double cardinalFraction, double illumination, HuePrior huePrior,
    int supersampling, double orientationOffset, double cardinalSpread, double blur, double texture)
    implements ImageSource {

  /** The default fraction of rectangles near the cardinal axes. */
  public static final double DEFAULT_CARDINAL_FRACTION = 0.9;
  /** Samples per pixel side by default: anti-aliased edges, as a camera's optics band-limit a photograph. */
  public static final int DEFAULT_SUPERSAMPLING = 3;
  /** The default optical blur (Gaussian sd, pixels). */
  public static final double DEFAULT_BLUR = 0.4;
  /** The default spread (sd, degrees) of the cardinal rectangles around 0° and 90°. */
  public static final double DEFAULT_CARDINAL_SPREAD = 6;
  private static final double RADIUS_EXPONENT = 3.0;
  private static final int MAX_LEAVES = 2_000_000;

  /** Validates the fields. */
  public SyntheticScenes {
    checkRange("count", count, 1, 10_000);
    checkRange("size", size, 16, 4096);
    checkRange("minRadius", minRadius, 0.5, size / 4.0);
    checkRange("cardinalFraction", cardinalFraction, 0.0, 1.0);
    checkRange("illumination", illumination, 0.0, 1.0);
    java.util.Objects.requireNonNull(huePrior, "huePrior");
    checkRange("supersampling", supersampling, 1, 8);
    checkRange("orientationOffset", orientationOffset, 0.0, 179.999999);
    checkRange("cardinalSpread", cardinalSpread, 0.0, 45.0);
    checkRange("blur", blur, 0.0, 4.0);
    checkRange("texture", texture, 0.0, 1.0);
  }

  /**
   * 16 scenes of 512 × 512 pixels, seed 2022, leaves from 1.5 px, 90 % of the rectangles within a
   * spread of 6° of the axes, 3 × 3 supersampled, blurred by 0.4 px.
   */
  public static SyntheticScenes defaults() {
    return new SyntheticScenes(16, 512, 2022, 1.5, DEFAULT_CARDINAL_FRACTION, 0.5, HuePrior.natural(), DEFAULT_SUPERSAMPLING, 0,
        DEFAULT_CARDINAL_SPREAD, DEFAULT_BLUR, 0);
  }

  /** With another image count. */
  public SyntheticScenes withCount(int n) {
    return new SyntheticScenes(n, size, seed, minRadius, cardinalFraction, illumination, huePrior, supersampling, orientationOffset, cardinalSpread, blur, texture);
  }

  /** With another image side. */
  public SyntheticScenes withSize(int side) {
    return new SyntheticScenes(count, side, seed, Math.min(minRadius, side / 4.0), cardinalFraction, illumination, huePrior, supersampling, orientationOffset, cardinalSpread, blur, texture);
  }

  /** With another seed. */
  public SyntheticScenes withSeed(long newSeed) {
    return new SyntheticScenes(count, size, newSeed, minRadius, cardinalFraction, illumination, huePrior, supersampling, orientationOffset, cardinalSpread, blur, texture);
  }

  /** With another fraction of axis-aligned rectangles. */
  public SyntheticScenes withCardinalFraction(double fraction) {
    return new SyntheticScenes(count, size, seed, minRadius, fraction, illumination, huePrior, supersampling, orientationOffset, cardinalSpread, blur, texture);
  }

  /** Each pixel the mean of {@code k × k} samples: anti-aliased edges. */
  public SyntheticScenes withSupersampling(int k) {
    return new SyntheticScenes(count, size, seed, minRadius, cardinalFraction, illumination, huePrior, k, orientationOffset,
        cardinalSpread, blur, texture);
  }

  /** The same scenes with every rectangle turned by {@code degrees} (in [0, 180)), rendered directly. */
  public SyntheticScenes withOrientationOffset(double degrees) {
    return new SyntheticScenes(count, size, seed, minRadius, cardinalFraction, illumination, huePrior, supersampling, degrees,
        cardinalSpread, blur, texture);
  }

  /**
   * With the cardinal rectangles' orientations spread by a Gaussian of {@code degrees} (sd) around
   * 0° and 90°: the broad cardinal peaks of photographs rather than exact spikes.
   */
  public SyntheticScenes withCardinalSpread(double degrees) {
    return new SyntheticScenes(count, size, seed, minRadius, cardinalFraction, illumination, huePrior, supersampling, orientationOffset,
        degrees, blur, texture);
  }

  /** With the optics' blur: a Gaussian of {@code sigma} pixels (0: none) applied after rendering. */
  public SyntheticScenes withBlur(double sigma) {
    return new SyntheticScenes(count, size, seed, minRadius, cardinalFraction, illumination, huePrior, supersampling, orientationOffset,
        cardinalSpread, sigma, texture);
  }

  /**
   * With each leaf's colour modulated by a grating of relative contrast {@code contrast} (0: flat
   * leaves): stripes along the leaf's orientation (a disc's drawn like a rectangle's), a period
   * log-uniform between 3 and 12 pixels and a random phase, as bark, grass or fabric streak the
   * surfaces of a photograph.
   */
  public SyntheticScenes withTexture(double contrast) {
    return new SyntheticScenes(count, size, seed, minRadius, cardinalFraction, illumination, huePrior, supersampling, orientationOffset,
        cardinalSpread, blur, contrast);
  }

  /** With another colour prior. */
  public SyntheticScenes withHuePrior(HuePrior prior) {
    return new SyntheticScenes(count, size, seed, minRadius, cardinalFraction, illumination, prior, supersampling, orientationOffset, cardinalSpread, blur, texture);
  }

  /**
   * The rendered scene sets, by configuration: a claim opens the same scenes for its task, its
   * patches, its histograms and every probe's input shape, and rendering them (a few seconds per
   * set) was a third of a small CNN claim's time. Scenes are immutable, so a set is shared.
   */
  private static final com.google.common.cache.Cache<SyntheticScenes, List<RgbImage>> RENDERED =
      com.google.common.cache.CacheBuilder.newBuilder().maximumSize(8).softValues().build();

  /** The scenes, rendered in parallel (each a pure function of this record and its index) and kept for the next call. */
  @Override
  public List<RgbImage> load() {
    try {
      return RENDERED.get(this, () -> java.util.stream.IntStream.range(0, count).parallel().mapToObj(this::render).toList());
    } catch (java.util.concurrent.ExecutionException | com.google.common.util.concurrent.UncheckedExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException("cannot render " + describe() + ": " + cause, cause);
    }
  }

  @Override
  public String describe() {
    return "synthetic dead-leaves scenes (" + count + " x " + size + "px, seed " + seed
        + (cardinalFraction == DEFAULT_CARDINAL_FRACTION ? "" : ", cardinal fraction " + cardinalFraction)
        + (cardinalSpread == DEFAULT_CARDINAL_SPREAD ? "" : ", cardinal spread " + cardinalSpread + "°")
        + (supersampling == DEFAULT_SUPERSAMPLING ? "" : ", " + supersampling + "x" + supersampling + " supersampled")
        + (blur == DEFAULT_BLUR ? "" : ", blur " + blur + " px")
        + (texture == 0 ? "" : ", texture contrast " + texture)
        + (orientationOffset == 0 ? "" : ", orientations turned by " + orientationOffset + "°")
        + (huePrior.equals(HuePrior.natural()) ? "" : ", " + huePrior) + ")";
  }

  /** Renders scene {@code index} (0-based); a pure function of this record and the index. */
  public RgbImage render(int index) {
    SplittableRandom rng = Seeds.random(seed, "scene-" + index);
    int k = supersampling;
    int n = size * k;
    double minRadius = this.minRadius * k;
    float[] rgb = new float[n * n * 3];
    boolean[] painted = new boolean[n * n];
    int remaining = n * n;
    double rMax = n / 2.0;
    double a1 = 1 - RADIUS_EXPONENT;
    double lo = Math.pow(minRadius, a1);
    double hi = Math.pow(rMax, a1);
    float[] colour = new float[3];
    for (int leaf = 0; leaf < MAX_LEAVES && remaining > 0; leaf++) {
      double r = Math.pow(lo + rng.nextDouble() * (hi - lo), 1 / a1);
      double cx = -r + rng.nextDouble() * (n + 2 * r);
      double cy = -r + rng.nextDouble() * (n + 2 * r);
      boolean disc = rng.nextDouble() < 0.4;
      double theta = (rng.nextDouble() < cardinalFraction
          ? (rng.nextBoolean() ? 0 : Math.PI / 2) + Math.toRadians(cardinalSpread) * rng.nextGaussian()
          : rng.nextDouble() * Math.PI) + Math.toRadians(orientationOffset);
      double aspect = Math.exp(Math.log(0.15) * rng.nextDouble());
      double[] hsv = huePrior.draw(rng);
      // texture (drawn for every leaf, so that texture 0 and texture > 0 scenes share their layout)
      double period = 3 * Math.pow(4, rng.nextDouble()) * k;
      double texturePhase = 2 * Math.PI * rng.nextDouble();
      hsvToRgb(hsv[0], hsv[1], hsv[2], colour);
      double c = Math.cos(theta);
      double s = Math.sin(theta);
      int x0 = Math.max(0, (int) Math.floor(cx - r));
      int x1 = Math.min(n - 1, (int) Math.ceil(cx + r));
      int y0 = Math.max(0, (int) Math.floor(cy - r));
      int y1 = Math.min(n - 1, (int) Math.ceil(cy + r));
      double r2 = r * r;
      double half = r * aspect;
      for (int y = y0; y <= y1; y++) {
        double dy = y + 0.5 - cy;
        for (int x = x0; x <= x1; x++) {
          int p = y * n + x;
          if (painted[p]) {
            continue;
          }
          double dx = x + 0.5 - cx;
          boolean inside;
          if (disc) {
            inside = dx * dx + dy * dy <= r2;
          } else {
            double u = dx * c + dy * s;
            double v = -dx * s + dy * c;
            inside = Math.abs(u) <= r && Math.abs(v) <= half;
          }
          if (inside) {
            painted[p] = true;
            remaining--;
            float gain = 1;
            if (texture > 0) {
              double across = -dx * s + dy * c;        // stripes run along the leaf's orientation
              gain = (float) (1 + texture * Math.cos(2 * Math.PI * across / period + texturePhase));
            }
            rgb[3 * p] = Math.min(1f, colour[0] * gain);
            rgb[3 * p + 1] = Math.min(1f, colour[1] * gain);
            rgb[3 * p + 2] = Math.min(1f, colour[2] * gain);
          }
        }
      }
    }
    for (int p = 0; p < n * n; p++) {
      if (!painted[p]) {
        rgb[3 * p] = 0.5f;
        rgb[3 * p + 1] = 0.5f;
        rgb[3 * p + 2] = 0.5f;
      }
    }
    if (k > 1) {
      rgb = boxDownsample(rgb, size, k);
    }
    if (blur > 0) {
      rgb = gaussianBlur(rgb, size, blur);
    }
    applyIllumination(rng, rgb);
    return new RgbImage(String.format("scene-%04d", index), size, size, rgb, Hashes.sha256(rgb));
  }

  /** The mean of each {@code k × k} block of an RGB image of side {@code size·k}. */
  private static float[] boxDownsample(float[] fine, int size, int k) {
    float[] out = new float[size * size * 3];
    int n = size * k;
    for (int y = 0; y < n; y++) {
      int oy = y / k;
      for (int x = 0; x < n; x++) {
        int o = 3 * (oy * size + x / k);
        int f = 3 * (y * n + x);
        out[o] += fine[f];
        out[o + 1] += fine[f + 1];
        out[o + 2] += fine[f + 2];
      }
    }
    float inv = 1f / (k * k);
    for (int i = 0; i < out.length; i++) {
      out[i] *= inv;
    }
    return out;
  }

  /** A separable Gaussian blur of sd {@code sigma} pixels with edge-clamped borders, per channel. */
  private static float[] gaussianBlur(float[] rgb, int n, double sigma) {
    int r = (int) Math.ceil(3 * sigma);
    double[] w = new double[2 * r + 1];
    double sum = 0;
    for (int i = -r; i <= r; i++) {
      w[i + r] = StrictMath.exp(-0.5 * i * i / (sigma * sigma));
      sum += w[i + r];
    }
    for (int i = 0; i < w.length; i++) {
      w[i] /= sum;
    }
    float[] tmp = new float[rgb.length];
    float[] out = new float[rgb.length];
    for (int y = 0; y < n; y++) {
      for (int x = 0; x < n; x++) {
        for (int c = 0; c < 3; c++) {
          double acc = 0;
          for (int i = -r; i <= r; i++) {
            acc += w[i + r] * rgb[3 * (y * n + Math.min(n - 1, Math.max(0, x + i))) + c];
          }
          tmp[3 * (y * n + x) + c] = (float) acc;
        }
      }
    }
    for (int y = 0; y < n; y++) {
      for (int x = 0; x < n; x++) {
        for (int c = 0; c < 3; c++) {
          double acc = 0;
          for (int i = -r; i <= r; i++) {
            acc += w[i + r] * tmp[3 * (Math.min(n - 1, Math.max(0, y + i)) * n + x) + c];
          }
          out[3 * (y * n + x) + c] = (float) acc;
        }
      }
    }
    return out;
  }

  /** HSV (hue in degrees, S and V in [0, 1]) to RGB, as Python's colorsys. */
  static void hsvToRgb(double hueDegrees, double s, double v, float[] out) {
    double[] rgb = Colour.hsvToRgb(hueDegrees / 360.0, s, v);
    out[0] = (float) rgb[0];
    out[1] = (float) rgb[1];
    out[2] = (float) rgb[2];
  }

  /** Multiplies by {@code 1 + illumination · field}, field a sum of six smooth random cosines. */
  private void applyIllumination(SplittableRandom rng, float[] rgb) {
    if (illumination == 0) {
      return;
    }
    int n = size;
    int waves = 6;
    double[] fx = new double[waves];
    double[] fy = new double[waves];
    double[] amp = new double[waves];
    double[] phase = new double[waves];
    double norm = 0;
    for (int j = 0; j < waves; j++) {
      double f = 0.5 + 2.5 * rng.nextDouble();          // cycles per image
      double th = rng.nextDouble() * 2 * Math.PI;
      fx[j] = 2 * Math.PI * f * Math.cos(th) / n;
      fy[j] = 2 * Math.PI * f * Math.sin(th) / n;
      amp[j] = 1 / f;
      phase[j] = rng.nextDouble() * 2 * Math.PI;
      norm += amp[j] * amp[j] / 2;
    }
    double scale = 0.5 / Math.sqrt(norm);                // field sd 0.5
    for (int y = 0; y < n; y++) {
      for (int x = 0; x < n; x++) {
        double field = 0;
        for (int j = 0; j < waves; j++) {
          field += amp[j] * Math.cos(fx[j] * x + fy[j] * y + phase[j]);
        }
        double gain = Math.max(0, 1 + illumination * scale * field);
        int p = 3 * (y * n + x);
        for (int ch = 0; ch < 3; ch++) {
          rgb[p + ch] = (float) Math.min(1.0, rgb[p + ch] * gain);
        }
      }
    }
  }
}
