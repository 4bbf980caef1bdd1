package io.github.gradsense.data;

import io.github.gradsense.stimulus.Colour;

/** The pixel work behind {@link ImageTransform}, in double precision. */
final class Transforms {
  private Transforms() {}

  /** Width and height of the largest axis-aligned rectangle inside a {@code w × h} rectangle rotated by {@code angle}. */
  static double[] inscribed(double w, double h, double angle) {
    boolean widthLonger = w >= h;
    double longSide = widthLonger ? w : h;
    double shortSide = widthLonger ? h : w;
    double sin = Math.abs(Math.sin(angle));
    double cos = Math.abs(Math.cos(angle));
    if (sin < 1e-12) {
      return new double[] {w, h};
    }
    if (cos < 1e-12) {
      return new double[] {h, w};
    }
    if (shortSide <= 2 * sin * cos * longSide || Math.abs(sin - cos) < 1e-10) {
      double x = 0.5 * shortSide;
      return widthLonger ? new double[] {x / sin, x / cos} : new double[] {x / cos, x / sin};
    }
    double cos2 = cos * cos - sin * sin;
    return new double[] {(w * cos - h * sin) / cos2, (h * cos - w * sin) / cos2};
  }

  /** Rotation about the centre by {@code degrees} (counter-clockwise as displayed), bilinear, cropped to the valid region. */
  static RgbImage rotate(RgbImage img, double degrees) {
    double a = Math.toRadians(degrees);
    double[] size = inscribed(img.width(), img.height(), a);
    int w = Math.max(1, (int) Math.floor(size[0]) - 2);
    int h = Math.max(1, (int) Math.floor(size[1]) - 2);
    double cx = (img.width() - 1) / 2.0;
    double cy = (img.height() - 1) / 2.0;
    double ox = (w - 1) / 2.0;
    double oy = (h - 1) / 2.0;
    double cos = Math.cos(a);
    double sin = Math.sin(a);
    float[] out = new float[w * h * 3];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        // output pixel → source: rotate back by −a (rows grow downward, so counter-clockwise on screen)
        double dx = x - ox;
        double dy = y - oy;
        double sx = cx + cos * dx - sin * dy;
        double sy = cy + sin * dx + cos * dy;
        int x0 = (int) Math.floor(sx);
        int y0 = (int) Math.floor(sy);
        double fx = sx - x0;
        double fy = sy - y0;
        int x1 = Math.min(x0 + 1, img.width() - 1);
        int y1 = Math.min(y0 + 1, img.height() - 1);
        x0 = Math.max(0, Math.min(x0, img.width() - 1));
        y0 = Math.max(0, Math.min(y0, img.height() - 1));
        for (int c = 0; c < 3; c++) {
          double v = (1 - fx) * (1 - fy) * img.get(x0, y0, c) + fx * (1 - fy) * img.get(x1, y0, c)
              + (1 - fx) * fy * img.get(x0, y1, c) + fx * fy * img.get(x1, y1, c);
          out[(y * w + x) * 3 + c] = (float) Math.min(1, Math.max(0, v));
        }
      }
    }
    return new RgbImage(img.name() + "-rot" + degrees, w, h, out, Hashes.sha256(out));
  }

  /** Every pixel's hue + {@code degrees} (HSV as Python's colorsys), saturation and value kept. */
  static RgbImage shiftHue(RgbImage img, double degrees) {
    float[] in = img.toArray();
    float[] out = new float[in.length];
    double shift = degrees / 360.0;
    for (int p = 0; p < in.length; p += 3) {
      double[] hsv = Colour.rgbToHsv(in[p], in[p + 1], in[p + 2]);
      double[] rgb = Colour.hsvToRgb(((hsv[0] + shift) % 1.0 + 1.0) % 1.0, hsv[1], hsv[2]);
      out[p] = (float) rgb[0];
      out[p + 1] = (float) rgb[1];
      out[p + 2] = (float) rgb[2];
    }
    return new RgbImage(img.name() + "-hue" + degrees, img.width(), img.height(), out, Hashes.sha256(out));
  }
}
