package io.github.gradsense.analysis;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Rank and linear correlations. Spearman's {@code ρ} is Pearson's {@code r} of the ranks, ties
 * given their average rank; pairs with a NaN on either side are dropped.
 *
 * <pre>{@code
 * double rho = RankCorrelation.spearman(new double[] {1, 2, 3}, new double[] {10, 30, 20});   // 0.5
 * }</pre>
 */
public final class RankCorrelation {
  private RankCorrelation() {}

  /** Spearman's rank correlation of {@code a} and {@code b}. */
  public static double spearman(double[] a, double[] b) {
    double[][] ab = dropNaN(a, b);
    return pearson(ranks(ab[0]), ranks(ab[1]));
  }

  /** Pearson's correlation {@code cov(a, b) / (sd(a) sd(b))}. */
  public static double pearson(double[] a, double[] b) {
    double[][] ab = dropNaN(a, b);
    double[] x = ab[0];
    double[] y = ab[1];
    int n = x.length;
    if (n < 2) {
      throw new IllegalArgumentException("need at least 2 finite pairs, got " + n);
    }
    double mx = Arrays.stream(x).average().orElse(0);
    double my = Arrays.stream(y).average().orElse(0);
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int i = 0; i < n; i++) {
      sxy += (x[i] - mx) * (y[i] - my);
      sxx += (x[i] - mx) * (x[i] - mx);
      syy += (y[i] - my) * (y[i] - my);
    }
    return sxy / Math.sqrt(sxx * syy);
  }

  /** Ranks 1..n, ties sharing their average rank. */
  public static double[] ranks(double[] x) {
    Integer[] idx = IntStream.range(0, x.length).boxed().toArray(Integer[]::new);
    Arrays.sort(idx, Comparator.comparingDouble(i -> x[i]));
    double[] r = new double[x.length];
    int i = 0;
    while (i < x.length) {
      int j = i;
      while (j + 1 < x.length && x[idx[j + 1]] == x[idx[i]]) {
        j++;
      }
      double avg = (i + j) / 2.0 + 1;
      for (int k = i; k <= j; k++) {
        r[idx[k]] = avg;
      }
      i = j + 1;
    }
    return r;
  }

  private static double[][] dropNaN(double[] a, double[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException("lengths differ: " + a.length + " and " + b.length);
    }
    int n = 0;
    for (int i = 0; i < a.length; i++) {
      if (!Double.isNaN(a[i]) && !Double.isNaN(b[i])) {
        n++;
      }
    }
    double[] x = new double[n];
    double[] y = new double[n];
    int k = 0;
    for (int i = 0; i < a.length; i++) {
      if (!Double.isNaN(a[i]) && !Double.isNaN(b[i])) {
        x[k] = a[i];
        y[k] = b[i];
        k++;
      }
    }
    return new double[][] {x, y};
  }
}
