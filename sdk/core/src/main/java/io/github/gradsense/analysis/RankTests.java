package io.github.gradsense.analysis;

import java.util.Arrays;

/**
 * The rank tests that decide whether trained networks beat their nulls (untrained nets, weight
 * shuffles), exact for the small samples such claims have: a handful of training seeds against
 * tens of nulls.
 *
 * <ul>
 *   <li>{@link #mannWhitneyGreater}: one-sided, exact Mann–Whitney: the share of the
 *       {@code C(n + m, n)} splits of the pooled values whose {@code U = #{(x, y): x > y} + ½ #{x = y}}
 *       is at least the observed one (for one shared null sample);</li>
 *   <li>{@link #permutationP}: one value's permutation p-value among its own nulls,
 *       {@code (1 + #{null ≥ value}) / (1 + n)};</li>
 *   <li>{@link #fisher}: Fisher's combination of independent p-values,
 *       {@code P(χ²(2k) ≥ −2 Σ ln pᵢ)}, in closed form.</li>
 * </ul>
 *
 * <pre>{@code
 * double p = RankTests.mannWhitneyGreater(new double[] {2.4, 3.1}, untrained);   // 1/C(22, 2) if both beat all 20
 * double q = RankTests.fisher(new double[] {1 / 21.0, 1 / 21.0});                // ≈ 0.0016
 * }</pre>
 */
public final class RankTests {
  private RankTests() {}

  /**
   * The exact one-sided Mann–Whitney p-value that {@code a} tends to exceed {@code b}.
   *
   * @throws IllegalArgumentException if either sample is empty, a value is not finite, or the
   *     pooled sample is over 40 (the enumeration is exact, so it is kept small)
   */
  public static double mannWhitneyGreater(double[] a, double[] b) {
    check("a", a);
    check("b", b);
    if (a.length + b.length > 40) {
      throw new IllegalArgumentException("exact Mann–Whitney enumerates every split: pooled samples up to 40, got "
          + (a.length + b.length));
    }
    double[] pool = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, pool, a.length, b.length);
    int n = a.length;
    int[] first = new int[n];
    for (int i = 0; i < n; i++) {
      first[i] = i;
    }
    double observed = u(pool, first);
    long[] counts = new long[2];      // [splits, splits with U ≥ observed]
    splits(pool, n, 0, new int[n], 0, observed, counts);
    return (double) counts[1] / counts[0];
  }

  /** The one-sided permutation p-value of {@code value} among {@code nulls}: {@code (1 + #{null ≥ value}) / (1 + n)}. */
  public static double permutationP(double value, double[] nulls) {
    check("nulls", nulls);
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("value must be finite, got " + value);
    }
    long above = Arrays.stream(nulls).filter(x -> x >= value).count();
    return (1.0 + above) / (1.0 + nulls.length);
  }

  /**
   * Fisher's combined p-value of independent p-values: {@code P(χ²(2k) ≥ −2 Σ ln p)}.
   *
   * @throws IllegalArgumentException if there are none or one is outside (0, 1]
   */
  public static double fisher(double[] p) {
    if (p.length == 0) {
      throw new IllegalArgumentException("Fisher's method needs at least one p-value");
    }
    double half = 0;
    for (double x : p) {
      if (!(x > 0 && x <= 1)) {
        throw new IllegalArgumentException("p-values must be in (0, 1], got " + Arrays.toString(p));
      }
      half -= Math.log(x);
    }
    double term = 1;
    double sum = 1;
    for (int i = 1; i < p.length; i++) {
      term *= half / i;
      sum += term;
    }
    return Math.min(1, Math.exp(-half) * sum);
  }

  private static void check(String name, double[] v) {
    if (v.length == 0) {
      throw new IllegalArgumentException(name + " must hold at least one value");
    }
    for (double x : v) {
      if (!Double.isFinite(x)) {
        throw new IllegalArgumentException(name + " must be finite, got " + Arrays.toString(v));
      }
    }
  }

  private static void splits(double[] pool, int n, int from, int[] chosen, int depth, double observed, long[] counts) {
    if (depth == n) {
      counts[0]++;
      if (u(pool, chosen) >= observed - 1e-9) {
        counts[1]++;
      }
      return;
    }
    for (int i = from; i <= pool.length - (n - depth); i++) {
      chosen[depth] = i;
      splits(pool, n, i + 1, chosen, depth + 1, observed, counts);
    }
  }

  private static double u(double[] pool, int[] chosen) {
    boolean[] in = new boolean[pool.length];
    for (int i : chosen) {
      in[i] = true;
    }
    double u = 0;
    for (int i : chosen) {
      for (int j = 0; j < pool.length; j++) {
        if (!in[j]) {
          u += pool[i] > pool[j] ? 1 : pool[i] == pool[j] ? 0.5 : 0;
        }
      }
    }
    return u;
  }
}
