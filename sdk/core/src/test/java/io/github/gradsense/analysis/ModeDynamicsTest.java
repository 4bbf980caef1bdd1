package io.github.gradsense.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ModeDynamicsTest {

  /** u(t) by fourth-order Runge–Kutta with a fine step: an independent reference. */
  private static double rk4(ModeDynamics m, double t) {
    int n = 200_000;
    double h = t / n;
    double u = m.u0();
    for (int i = 0; i < n; i++) {
      double k1 = m.velocity(u);
      double k2 = m.velocity(u + h / 2 * k1);
      double k3 = m.velocity(u + h / 2 * k2);
      double k4 = m.velocity(u + h * k3);
      u += h / 6 * (k1 + 2 * k2 + 2 * k3 + k4);
    }
    return u;
  }

  @Test
  void the_logistic_closed_form_solves_the_ode() {
    ModeDynamics m = new ModeDynamics(2, 0.3, 2.0, 0.01);
    for (double t : new double[] {1, 5, 10, 20}) {
      assertThat(m.at(t)).isCloseTo(rk4(m, t), within(1e-10));
    }
    // Saxe et al.: u(t) = s e^(2st/τ) / (e^(2st/τ) − 1 + s/u₀) with rate = 2/τ
    double tau = 2 / 0.3;
    double t = 7;
    double e = Math.exp(2 * 2.0 * t / tau);
    assertThat(m.at(t)).isCloseTo(2.0 * e / (e - 1 + 2.0 / 0.01), within(1e-12));
  }

  @Test
  void the_depth_three_times_and_curve_solve_the_ode() {
    ModeDynamics m = new ModeDynamics(3, 0.2, 1.0, 0.005);
    double t = m.halfTime();
    assertThat(rk4(m, t)).isCloseTo(0.5, within(1e-7));
    assertThat(m.at(0.6 * t)).isCloseTo(rk4(m, 0.6 * t), within(1e-7));
    assertThat(m.time(0.1, 0.9)).isCloseTo(m.time(m.u0(), 0.9) - m.time(m.u0(), 0.1), within(1e-9));
  }

  @Test
  void depth_one_relaxes_exponentially() {
    ModeDynamics m = new ModeDynamics(1, 0.5, 1.0, 0.1);
    assertThat(m.at(2)).isCloseTo(1 - 0.9 * Math.exp(-1), within(1e-15));
    assertThat(m.time(0.1, m.at(2))).isCloseTo(2, within(1e-12));
  }

  @Test
  void autoencoder_rates_follow_the_loss_normalisation() {
    // METHODS §C6: tied r = 8ηλ/d; half-time ln(1/u₀ − 1)/r
    ModeDynamics tied = ModeDynamics.tiedAutoencoder(1.0, 53.0, 1024, 0.0085);
    assertThat(tied.rate()).isCloseTo(8 * 53.0 / 1024, within(1e-15));
    assertThat(tied.halfTime()).isCloseTo(Math.log(1 / 0.0085 - 1) / (8 * 53.0 / 1024), within(1e-12));
    assertThat(ModeDynamics.autoencoder(3, 1.0, 2.0, 100, 0.01).rate()).isCloseTo(0.12, within(1e-15));
  }

  @Test
  void a_start_outside_the_target_is_rejected() {
    assertThatThrownBy(() -> new ModeDynamics(2, 1, 1, 1.5)).hasMessage("u0 must be in (0, target = 1.0), got 1.5");
  }
}
