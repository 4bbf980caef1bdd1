package io.github.gradsense.analysis;

/**
 * A least-squares line through {@code (log x, log y)}: {@code y ≈ A x^slope}. Points with a
 * non-positive x or y are dropped.
 *
 * <pre>{@code
 * LogLogFit fit = LogLogFit.of(steps, acuity);
 * double exponent = fit.slope();          // acuity ∝ t^slope
 * }</pre>
 *
 * @param slope the exponent
 * @param prefactor {@code A}
 * @param rSquared coefficient of determination
 * @param points points used
 */
public record LogLogFit(double slope, double prefactor, double rSquared, int points) {

  /** Fits {@code y ≈ A x^slope}. */
  public static LogLogFit of(double[] x, double[] y) {
    if (x.length != y.length) {
      throw new IllegalArgumentException("x and y differ in length: " + x.length + " and " + y.length);
    }
    double sx = 0;
    double sy = 0;
    double sxx = 0;
    double sxy = 0;
    double syy = 0;
    int n = 0;
    for (int i = 0; i < x.length; i++) {
      if (x[i] > 0 && y[i] > 0 && Double.isFinite(x[i]) && Double.isFinite(y[i])) {
        double a = Math.log(x[i]);
        double b = Math.log(y[i]);
        sx += a;
        sy += b;
        sxx += a * a;
        sxy += a * b;
        syy += b * b;
        n++;
      }
    }
    if (n < 2) {
      throw new IllegalArgumentException("need at least 2 positive points, got " + n);
    }
    double cxx = sxx - sx * sx / n;
    double cxy = sxy - sx * sy / n;
    double cyy = syy - sy * sy / n;
    double slope = cxy / cxx;
    return new LogLogFit(slope, Math.exp((sy - slope * sx) / n), cyy == 0 ? 1 : cxy * cxy / (cxx * cyy), n);
  }
}
