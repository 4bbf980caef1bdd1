package io.github.gradsense.stimulus;

/**
 * HSV ↔ RGB conversions exactly as Python's {@code colorsys} (the authors' choice), hue in turns
 * ([0, 1) for a full circle), saturation and value in [0, 1].
 *
 * <pre>{@code
 * double[] rgb = Colour.hsvToRgb(210 / 360.0, 0.5, 0.8);    // {0.4, 0.6, 0.8}
 * double[] hsv = Colour.rgbToHsv(0.4, 0.6, 0.8);            // {0.5833…, 0.5, 0.8}
 * }</pre>
 */
public final class Colour {
  private Colour() {}

  /** {@code colorsys.hsv_to_rgb}; the hue wraps. */
  public static double[] hsvToRgb(double h, double s, double v) {
    if (s == 0) {
      return new double[] {v, v, v};
    }
    int i = (int) Math.floor(h * 6.0);
    double f = h * 6.0 - i;
    double p = v * (1 - s);
    double q = v * (1 - s * f);
    double t = v * (1 - s * (1 - f));
    return switch (Math.floorMod(i, 6)) {
      case 0 -> new double[] {v, t, p};
      case 1 -> new double[] {q, v, p};
      case 2 -> new double[] {p, v, t};
      case 3 -> new double[] {p, q, v};
      case 4 -> new double[] {t, p, v};
      default -> new double[] {v, p, q};
    };
  }

  /** {@code colorsys.rgb_to_hsv}: {h, s, v}, hue in [0, 1). */
  public static double[] rgbToHsv(double r, double g, double b) {
    double max = Math.max(r, Math.max(g, b));
    double min = Math.min(r, Math.min(g, b));
    if (max == min) {
      return new double[] {0, 0, max};
    }
    double s = (max - min) / max;
    double rc = (max - r) / (max - min);
    double gc = (max - g) / (max - min);
    double bc = (max - b) / (max - min);
    double h;
    if (r == max) {
      h = bc - gc;
    } else if (g == max) {
      h = 2.0 + rc - bc;
    } else {
      h = 4.0 + gc - rc;
    }
    h = ((h / 6.0) % 1.0 + 1.0) % 1.0;
    return new double[] {h, s, max};
  }
}
