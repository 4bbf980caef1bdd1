package io.github.gradsense.stimulus;

import static io.github.gradsense.internal.Checks.checkRange;

/** Evenly spaced grids with both ends included, as the authors' {@code np.linspace}. */
final class Grid {
  private Grid() {}

  /** {@code n} values evenly spaced on {@code [from, to]}, both ends included ({@code n = 1}: {@code from}). */
  static double[] linspace(double from, double to, int n) {
    checkRange("n", n, 1, 1 << 24);
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = n == 1 ? from : from + (to - from) * i / (n - 1);
    }
    return v;
  }
}
