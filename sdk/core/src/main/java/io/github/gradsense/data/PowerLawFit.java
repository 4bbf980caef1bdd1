package io.github.gradsense.data;

import static io.github.gradsense.internal.Checks.checkRange;

/**
 * A least-squares power law {@code λ_k ≈ A · k^(-exponent)} fitted in log-log space over ranks
 * {@code k ∈ [fromRank, toRank]} (1-based, inclusive):
 * {@code log λ_k = log A − exponent · log k}.
 *
 * <pre>{@code
 * PowerLawFit fit = PowerLawFit.ofRanks(pca.eigenvalues(), 2, 60);   // skip PC1, as the paper's plot does
 * double alpha = fit.exponent();                                        // ≈ 1.1–1.2 on photographs
 * }</pre>
 *
 * @param exponent the fitted decay exponent (positive for a decaying spectrum)
 * @param prefactor {@code A}
 * @param rSquared coefficient of determination of the log-log fit
 * @param fromRank first rank used (1-based)
 * @param toRank last rank used (1-based, inclusive)
 */
public record PowerLawFit(double exponent, double prefactor, double rSquared, int fromRank, int toRank) {

  /** Fits ranks {@code fromRank..toRank} (1-based, inclusive) of {@code values}; all must be positive. */
  public static PowerLawFit ofRanks(double[] values, int fromRank, int toRank) {
    checkRange("fromRank", fromRank, 1, values.length);
    checkRange("toRank", toRank, fromRank + 1, values.length);
    int n = toRank - fromRank + 1;
    double sx = 0;
    double sy = 0;
    double sxx = 0;
    double sxy = 0;
    double syy = 0;
    for (int k = fromRank; k <= toRank; k++) {
      double v = values[k - 1];
      if (!(v > 0)) {
        throw new IllegalArgumentException("values[" + (k - 1) + "] must be > 0 for a log-log fit, got " + v);
      }
      double x = Math.log(k);
      double y = Math.log(v);
      sx += x;
      sy += y;
      sxx += x * x;
      sxy += x * y;
      syy += y * y;
    }
    double cxx = sxx - sx * sx / n;
    double cxy = sxy - sx * sy / n;
    double cyy = syy - sy * sy / n;
    double slope = cxy / cxx;
    double intercept = (sy - slope * sx) / n;
    double r2 = cyy == 0 ? 1 : (cxy * cxy) / (cxx * cyy);
    return new PowerLawFit(-slope, Math.exp(intercept), r2, fromRank, toRank);
  }

  /** The fitted value at rank {@code k} (1-based). */
  public double at(double k) {
    return prefactor * Math.pow(k, -exponent);
  }
}
