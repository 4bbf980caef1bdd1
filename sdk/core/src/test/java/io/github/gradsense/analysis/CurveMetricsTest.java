package io.github.gradsense.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CurveMetricsTest {
  private static double[] grid(int n, double period) {
    double[] g = new double[n];
    for (int i = 0; i < n; i++) {
      g[i] = period * i / (n - 1);
    }
    return g;
  }

  @Test
  void the_cardinal_bias_of_a_flat_curve_is_one_and_of_a_cardinal_curve_above_one() {
    double[] theta = grid(181, Math.PI);
    double[] flat = new double[181];
    java.util.Arrays.fill(flat, 4.0);
    assertThat(CardinalBias.of(theta, flat).index()).isEqualTo(1.0);
    // √D = 3 within 5° of a cardinal, 1 within 5° of an oblique, 2 elsewhere: CBI = 3 exactly
    double[] d = new double[181];
    for (int i = 0; i < 181; i++) {
      double deg = i;
      boolean cardinal = deg <= 5 || Math.abs(deg - 90) <= 5 || deg >= 175;
      boolean oblique = Math.abs(deg - 45) <= 5 || Math.abs(deg - 135) <= 5;
      d[i] = cardinal ? 9 : oblique ? 1 : 4;
    }
    CardinalBias b = CardinalBias.of(theta, d);
    assertThat(b.index()).isCloseTo(3.0, within(1e-12));
    assertThat(b.fisherRatio()).isCloseTo(9.0, within(1e-12));
    assertThat(CardinalBias.of(theta, d, 2.0).index()).isCloseTo(3.0, within(1e-12));
  }

  @Test
  void a_shifted_curve_is_found_shifted() {
    double[] hue = grid(361, 360);
    double[] a = new double[361];
    double[] b = new double[361];
    for (int i = 0; i < 361; i++) {
      a[i] = Math.exp(Math.cos(Math.toRadians(hue[i] - 30)));
      b[i] = Math.exp(Math.cos(Math.toRadians(hue[i] - 120)));
    }
    assertThat(CircularCurves.peakShift(hue, a, b, 360)).isCloseTo(90, within(1.0));
    assertThat(CircularCurves.correlation(hue, a, hue, a, 360)).isCloseTo(1, within(1e-12));
    assertThat(CircularCurves.correlation(hue, a, hue, b, 360)).isLessThan(0.5);
  }

  @Test
  void acuity_is_where_the_threshold_rises_through_the_criterion() {
    double[] f = {1, 2, 3, 4};
    assertThat(Thresholds.acuity(f, new double[] {0.05, 0.08, 0.12, 0.3}, 0.1)).isCloseTo(2.5, within(1e-12));
    assertThat(Thresholds.acuity(f, new double[] {0.5, 0.4, 0.3, 0.2}, 0.1)).isZero();
    assertThat(Thresholds.acuity(f, new double[] {0.05, 0.05, 0.05, 0.05}, 0.1)).isEqualTo(4);
    assertThat(Thresholds.of(new double[] {4, 0})).containsExactly(0.5, Double.POSITIVE_INFINITY);
  }

  @Test
  void a_log_log_fit_recovers_a_power() {
    double[] x = {1, 2, 4, 8, 16};
    double[] y = new double[5];
    for (int i = 0; i < 5; i++) {
      y[i] = 3 * Math.pow(x[i], 0.42);
    }
    LogLogFit fit = LogLogFit.of(x, y);
    assertThat(fit.slope()).isCloseTo(0.42, within(1e-12));
    assertThat(fit.prefactor()).isCloseTo(3, within(1e-12));
  }
}
