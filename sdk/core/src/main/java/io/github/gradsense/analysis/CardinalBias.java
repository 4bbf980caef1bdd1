package io.github.gradsense.analysis;

import static io.github.gradsense.internal.Checks.checkRange;

/**
 * The cardinal-bias index of an orientation sensitivity curve (METHODS §B7; no index exists in the
 * authors' code, this is the SDK's):
 * <pre>
 *   CBI = mean{ √D(θ) : |θ − c| ≤ w, c ∈ {0°, 90°, 180°} } / mean{ √D(θ) : |θ − c| ≤ w, c ∈ {45°, 135°} }
 * </pre>
 * over the sampled orientations θ ∈ [0°, 180°], window half-width {@code w} (5° by default). CBI &gt; 1:
 * more sensitive around the cardinals; 1: no preference. {@link #fisherRatio()} is the same in
 * D (Fisher information) units, {@code CBI²}.
 *
 * <pre>{@code
 * CardinalBias b = CardinalBias.of(orientationsRad, sensitivity);
 * double cbi = b.index();            // √D units
 * double j = b.fisherRatio();        // D units
 * }</pre>
 *
 * @param index the ratio in √D units
 * @param cardinal mean √D in the cardinal windows
 * @param oblique mean √D in the oblique windows
 * @param halfWidthDegrees window half-width
 */
public record CardinalBias(double index, double cardinal, double oblique, double halfWidthDegrees) {

  /** Default window half-width: 5°. */
  public static final double DEFAULT_HALF_WIDTH = 5.0;

  /** The index with 5° windows; {@code theta} in radians on [0, π]. */
  public static CardinalBias of(double[] theta, double[] sensitivity) {
    return of(theta, sensitivity, DEFAULT_HALF_WIDTH);
  }

  /** The index with windows of half-width {@code halfWidthDegrees}; {@code theta} in radians on [0, π]. */
  public static CardinalBias of(double[] theta, double[] sensitivity, double halfWidthDegrees) {
    if (theta.length != sensitivity.length) {
      throw new IllegalArgumentException("theta and sensitivity differ in length: " + theta.length + " and " + sensitivity.length);
    }
    checkRange("halfWidthDegrees", halfWidthDegrees, 0.0, 22.5);
    double c = 0;
    int nc = 0;
    double o = 0;
    int no = 0;
    for (int i = 0; i < theta.length; i++) {
      double deg = Math.toDegrees(theta[i]);
      double r = Math.sqrt(Math.max(0, sensitivity[i]));
      if (near(deg, 0, halfWidthDegrees) || near(deg, 90, halfWidthDegrees) || near(deg, 180, halfWidthDegrees)) {
        c += r;
        nc++;
      } else if (near(deg, 45, halfWidthDegrees) || near(deg, 135, halfWidthDegrees)) {
        o += r;
        no++;
      }
    }
    if (nc == 0 || no == 0) {
      throw new IllegalArgumentException("the orientation grid has no sample within " + halfWidthDegrees
          + "° of a cardinal or of an oblique; use a finer grid or a wider window");
    }
    return new CardinalBias((c / nc) / (o / no), c / nc, o / no, halfWidthDegrees);
  }

  private static boolean near(double deg, double centre, double w) {
    return Math.abs(deg - centre) <= w + 1e-9;
  }

  /** The ratio in D (Fisher information) units: {@code index²}. */
  public double fisherRatio() {
    return index * index;
  }
}
