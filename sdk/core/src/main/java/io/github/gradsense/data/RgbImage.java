package io.github.gradsense.data;

import static io.github.gradsense.internal.Checks.checkRange;

/**
 * An immutable RGB image with channel values in [0, 1], stored interleaved row-major
 * ({@code (y * width + x) * 3 + c}), with the SHA-256 of what it was made from (the file's bytes,
 * or the generated pixels) for provenance.
 *
 * <pre>{@code
 * RgbImage img = ImageSource.folder(dir).load().get(0);
 * float g = img.grey(10, 20);     // mean of R, G and B, as the authors' grayscale
 * }</pre>
 */
public final class RgbImage {
  private final String name;
  private final int width;
  private final int height;
  private final float[] rgb;
  private final String sha256;

  RgbImage(String name, int width, int height, float[] rgb, String sha256) {
    checkRange("width", width, 1, Integer.MAX_VALUE);
    checkRange("height", height, 1, Integer.MAX_VALUE);
    if ((long) width * height * 3 != rgb.length) {
      throw new IllegalArgumentException("rgb must hold width*height*3 values");
    }
    this.name = name;
    this.width = width;
    this.height = height;
    this.rgb = rgb;
    this.sha256 = sha256;
  }

  /** An image from interleaved RGB values in [0, 1] (copied). */
  public static RgbImage of(String name, int width, int height, float[] rgb) {
    for (int i = 0; i < rgb.length; i++) {
      if (!(rgb[i] >= 0 && rgb[i] <= 1)) {
        throw new IllegalArgumentException("rgb values must be in [0, 1], got " + rgb[i] + " at index " + i);
      }
    }
    return new RgbImage(name, width, height, rgb.clone(), Hashes.sha256(rgb));
  }

  /** File name or generated name. */
  public String name() {
    return name;
  }

  /** Width in pixels. */
  public int width() {
    return width;
  }

  /** Height in pixels. */
  public int height() {
    return height;
  }

  /** SHA-256 (hex) of the source bytes or generated pixels. */
  public String sha256() {
    return sha256;
  }

  /** Channel {@code c} (0 = R, 1 = G, 2 = B) at column {@code x}, row {@code y}. */
  public float get(int x, int y, int c) {
    return rgb[(y * width + x) * 3 + c];
  }

  /** The plain mean of R, G and B at {@code (x, y)} (the authors' grayscale; not luma weights). */
  public float grey(int x, int y) {
    int i = (y * width + x) * 3;
    return (rgb[i] + rgb[i + 1] + rgb[i + 2]) / 3f;
  }

  /** A copy of the interleaved RGB values. */
  public float[] toArray() {
    return rgb.clone();
  }

  @Override
  public String toString() {
    return "RgbImage[" + name + ", " + width + "x" + height + "]";
  }
}
