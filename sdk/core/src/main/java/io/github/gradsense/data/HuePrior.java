package io.github.gradsense.data;

import static io.github.gradsense.internal.Checks.checkRange;

import java.util.List;
import java.util.SplittableRandom;

/**
 * How the embedded synthetic scenes draw their leaves' colours: a mixture of Gaussian hue peaks
 * (wrapped onto the circle) and a uniform floor, with saturation and value uniform in their ranges.
 * The default is warm-heavy (45 % around 30°, 25 % around 215°, 30 % anywhere) at low to moderate
 * saturation, as in photographs; {@link #peaks} gives a strongly peaked prior for hue-tracking
 * experiments that run without photographs.
 *
 * <pre>{@code
 * HuePrior twoPeaks = HuePrior.peaks(List.of(new HuePrior.Peak(30, 15, 0.5), new HuePrior.Peak(210, 15, 0.5)))
 *     .saturation(0.3, 0.9);
 * ImageSource scenes = ImageSource.synthetic().withHuePrior(twoPeaks);
 * }</pre>
 *
 * @param peaks the Gaussian components, drawn first in this order
 * @param saturationMin lowest saturation, in [0, 1]
 * @param saturationMax highest saturation, in [saturationMin, 1]
 * @param valueMin lowest value (brightness), in [0, 1]
 * @param valueMax highest value, in [valueMin, 1]
 */
public record HuePrior(List<Peak> peaks, double saturationMin, double saturationMax, double valueMin, double valueMax) {

  /**
   * One hue peak.
   *
   * @param centre centre in degrees, in [0, 360)
   * @param sd standard deviation in degrees, in (0, 180]
   * @param weight mixture weight, in (0, 1]; the weights sum to at most 1, the rest is uniform
   */
  public record Peak(double centre, double sd, double weight) {
    /** Validates the fields. */
    public Peak {
      checkRange("centre", centre, 0.0, 359.999999);
      checkRange("sd", sd, 1e-9, 180.0);
      checkRange("weight", weight, 1e-9, 1.0);
    }
  }

  /** Validates the fields. */
  public HuePrior {
    peaks = List.copyOf(peaks);
    double total = peaks.stream().mapToDouble(Peak::weight).sum();
    if (total > 1 + 1e-9) {
      throw new IllegalArgumentException("peak weights must sum to at most 1, got " + total);
    }
    checkRange("saturationMin", saturationMin, 0.0, 1.0);
    checkRange("saturationMax", saturationMax, saturationMin, 1.0);
    checkRange("valueMin", valueMin, 0.0, 1.0);
    checkRange("valueMax", valueMax, valueMin, 1.0);
  }

  /** The default: warm- and blue-heavy, saturation in [0.05, 0.6], value in [0.05, 0.95]. */
  public static HuePrior natural() {
    return new HuePrior(List.of(new Peak(30, 25, 0.45), new Peak(215, 20, 0.25)), 0.05, 0.6, 0.05, 0.95);
  }

  /** The given peaks (the rest of the weight uniform), saturation in [0.3, 0.9], value in [0.5, 0.95]. */
  public static HuePrior peaks(List<Peak> peaks) {
    return new HuePrior(peaks, 0.3, 0.9, 0.5, 0.95);
  }

  /** With saturation uniform in [{@code min}, {@code max}]. */
  public HuePrior saturation(double min, double max) {
    return new HuePrior(peaks, min, max, valueMin, valueMax);
  }

  /** With value uniform in [{@code min}, {@code max}]. */
  public HuePrior value(double min, double max) {
    return new HuePrior(peaks, saturationMin, saturationMax, min, max);
  }

  /** Draws {hue in degrees, saturation, value}. */
  double[] draw(SplittableRandom rng) {
    double u = rng.nextDouble();
    double hue = Double.NaN;
    double cumulative = 0;
    for (Peak p : peaks) {
      cumulative += p.weight();
      if (u < cumulative) {
        hue = p.centre() + p.sd() * gaussian(rng);
        break;
      }
    }
    if (Double.isNaN(hue)) {
      hue = 360 * rng.nextDouble();
    }
    hue = ((hue % 360) + 360) % 360;
    double sat = saturationMin + (saturationMax - saturationMin) * rng.nextDouble();
    double val = valueMin + (valueMax - valueMin) * rng.nextDouble();
    return new double[] {hue, sat, val};
  }

  private static double gaussian(SplittableRandom rng) {
    double u1 = rng.nextDouble();
    double u2 = rng.nextDouble();
    return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
  }
}
