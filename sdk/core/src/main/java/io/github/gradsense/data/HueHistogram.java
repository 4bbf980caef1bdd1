package io.github.gradsense.data;

import static io.github.gradsense.internal.Checks.checkRange;

import io.github.gradsense.stimulus.Colour;
import java.util.List;

/**
 * The hue histogram of a set of images, the reference for hue-sensitivity claims (METHODS §D1):
 * every pixel converted to HSV (Python's {@code colorsys} formula), pixels with saturation below
 * {@code minSaturation} or value below {@code minValue} dropped (the authors' defaults: 0.1 and
 * 0.5), the rest counted in 360 one-degree bins {@code [k, k+1)}. The authors' {@code torch.histc}
 * over {@code [-1, 360]} has one extra, always-empty bin below 0; it is left out here.
 *
 * <pre>{@code
 * HueHistogram h = HueHistogram.of(ImageSource.folder(kodak));
 * double[] density = h.density();            // sums to 1 over the 360 bins
 * double[] axial = h.axial();                 // h and h + 180° pooled
 * }</pre>
 *
 * @param counts pixel counts per one-degree bin, 360 of them
 * @param pixels pixels seen in total, before the mask
 * @param minSaturation mask: saturation at least this, in [0, 1]
 * @param minValue mask: value at least this, in [0, 1]
 */
public record HueHistogram(double[] counts, long pixels, double minSaturation, double minValue) {

  /** Validates the fields and copies the counts. */
  public HueHistogram {
    if (counts.length != 360) {
      throw new IllegalArgumentException("counts must have 360 one-degree bins, got " + counts.length);
    }
    counts = counts.clone();
    checkRange("minSaturation", minSaturation, 0.0, 1.0);
    checkRange("minValue", minValue, 0.0, 1.0);
  }

  /** The histogram of {@code source} with the authors' mask (S ≥ 0.1, V ≥ 0.5). */
  public static HueHistogram of(ImageSource source) {
    return of(source, 0.1, 0.5);
  }

  /** The histogram of {@code source}, keeping pixels with S ≥ {@code minSaturation} and V ≥ {@code minValue}. */
  public static HueHistogram of(ImageSource source, double minSaturation, double minValue) {
    checkRange("minSaturation", minSaturation, 0.0, 1.0);
    checkRange("minValue", minValue, 0.0, 1.0);
    return of(source.load(), minSaturation, minValue);
  }

  /** The histogram of loaded images. */
  public static HueHistogram of(List<RgbImage> images, double minSaturation, double minValue) {
    double[] counts = new double[360];
    long pixels = 0;
    for (RgbImage img : images) {
      float[] rgb = img.toArray();
      for (int p = 0; p < rgb.length; p += 3) {
        pixels++;
        double[] hsv = Colour.rgbToHsv(rgb[p], rgb[p + 1], rgb[p + 2]);
        if (hsv[1] < minSaturation || hsv[2] < minValue) {
          continue;
        }
        counts[Math.min(359, (int) Math.floor(hsv[0] * 360))]++;
      }
    }
    return new HueHistogram(counts, pixels, minSaturation, minValue);
  }

  @Override
  public double[] counts() {
    return counts.clone();
  }

  /** Bin centres in degrees: 0.5, 1.5, …, 359.5. */
  public static double[] centres() {
    double[] c = new double[360];
    for (int k = 0; k < 360; k++) {
      c[k] = k + 0.5;
    }
    return c;
  }

  /** Pixels that passed the mask. */
  public double kept() {
    double s = 0;
    for (double c : counts) {
      s += c;
    }
    return s;
  }

  /** The counts normalised to sum to 1 (all zeros if no pixel passed the mask). */
  public double[] density() {
    double total = kept();
    double[] d = new double[360];
    for (int k = 0; k < 360; k++) {
      d[k] = total == 0 ? 0 : counts[k] / total;
    }
    return d;
  }

  /** The density with bins {@code k} and {@code k + 180} pooled (a 360-bin curve with period 180°). */
  public double[] axial() {
    double[] d = density();
    double[] a = new double[360];
    for (int k = 0; k < 360; k++) {
      a[k] = d[k] + d[(k + 180) % 360];
    }
    return a;
  }

  /** The density smoothed circularly with a Gaussian of {@code sigmaDegrees} (in (0, 90]). */
  public double[] smoothed(double sigmaDegrees) {
    checkRange("sigmaDegrees", sigmaDegrees, 1e-9, 90.0);
    double[] d = density();
    double[] w = new double[360];
    double norm = 0;
    for (int j = 0; j < 360; j++) {
      int dist = Math.min(j, 360 - j);
      w[j] = Math.exp(-0.5 * dist * dist / (sigmaDegrees * sigmaDegrees));
      norm += w[j];
    }
    double[] out = new double[360];
    for (int k = 0; k < 360; k++) {
      double s = 0;
      for (int j = 0; j < 360; j++) {
        s += w[j] * d[Math.floorMod(k - j, 360)];
      }
      out[k] = s / norm;
    }
    return out;
  }
}
