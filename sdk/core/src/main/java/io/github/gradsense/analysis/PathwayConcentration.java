package io.github.gradsense.analysis;

/**
 * How much one pathway dominates a mode, from the pathways' contributions {@code k_a} to it (Shi et
 * al. 2022): the dominant share {@code max_a |k_a| / Σ_a |k_a|}, and the concentration, 0 when
 * every pathway carries the mode equally and 1 when one pathway carries it alone — for two pathways
 * {@code |k_1 − k_2| / (|k_1| + |k_2|)}, for {@code K > 2} pathways {@code (K·share − 1)/(K − 1)}.
 *
 * <pre>{@code
 * double c = PathwayConcentration.of(3.0, 1.0);      // 0.5
 * double s = PathwayConcentration.share(3.0, 1.0);   // 0.75
 * }</pre>
 */
public final class PathwayConcentration {
  private PathwayConcentration() {}

  /** The concentration of the contributions {@code k} (one per pathway). */
  public static double of(double... k) {
    if (k.length == 1) {
      return 1;
    }
    if (k.length == 2) {
      double denom = Math.abs(k[0]) + Math.abs(k[1]);
      return denom == 0 ? 0 : Math.abs(k[0] - k[1]) / denom;
    }
    return (k.length * share(k) - 1) / (k.length - 1);
  }

  /** The dominant pathway's share {@code max |k_a| / Σ |k_a|} (1/K when every {@code k_a} is 0). */
  public static double share(double... k) {
    double max = 0;
    double sum = 0;
    for (double v : k) {
      max = Math.max(max, Math.abs(v));
      sum += Math.abs(v);
    }
    return sum == 0 ? 1.0 / k.length : max / sum;
  }
}
