package io.github.gradsense.assertj;

import io.github.gradsense.analysis.SensitivityCurve;
import io.github.gradsense.stimulus.Gabor;
import io.github.gradsense.stimulus.Stimuli;
import io.github.gradsense.stimulus.UniformHue;

/** Curves of known shape on the SDK's own stimulus grids, for the assertion tests. */
final class Curves {
  static final Gabor GABOR = Stimuli.gabor().orientations(180).phases(2);
  static final UniformHue HUE = Stimuli.uniformHue().hues(360).single(0.7, 0.7);

  private Curves() {}

  /** √D(θ) = 1 + a·cos 4θ: a > 0 peaks at the cardinals, a < 0 at the obliques (CBI = (1 + a)/(1 − a) to O(window)). */
  static SensitivityCurve orientation(double a) {
    double[] theta = GABOR.values();
    double[] d = new double[theta.length];
    for (int i = 0; i < d.length; i++) {
      double r = 1 + a * Math.cos(4 * theta[i]);
      d[i] = r * r;
    }
    return SensitivityCurve.of(GABOR, d);
  }

  /** √D(h) = 2 + cos 2(h − axis) + 0.3 cos 6h: an axial curve with a 60°-periodic ripple, as HSV's sectors add. */
  static SensitivityCurve axialHue(double axisDegrees) {
    double[] h = HUE.values();
    double[] d = new double[h.length];
    for (int i = 0; i < d.length; i++) {
      double r = 2 + Math.cos(Math.toRadians(2 * (h[i] - axisDegrees))) + 0.3 * Math.cos(Math.toRadians(6 * h[i]));
      d[i] = r * r;
    }
    return SensitivityCurve.of(HUE, d);
  }

  /** √D(h) = 2 + cos(h − peak), h in degrees. */
  static SensitivityCurve hue(double peakDegrees) {
    double[] h = HUE.values();
    double[] d = new double[h.length];
    for (int i = 0; i < d.length; i++) {
      double r = 2 + Math.cos(Math.toRadians(h[i] - peakDegrees));
      d[i] = r * r;
    }
    return SensitivityCurve.of(HUE, d);
  }
}
