package io.github.gradsense.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gradsense.network.Network;
import io.github.gradsense.network.NetworkContext;
import io.github.gradsense.network.NetworkGraph;
import io.github.gradsense.network.Networks;
import io.github.gradsense.network.Sequential;
import io.github.gradsense.probe.ProbeContext;
import io.github.gradsense.probe.Probes;
import io.github.gradsense.probe.Sensitivity;
import io.github.gradsense.runtime.RuntimeConfig;
import io.github.gradsense.runtime.TfSession;
import io.github.gradsense.stimulus.Gabor;
import io.github.gradsense.stimulus.Stimuli;
import io.github.gradsense.stimulus.StimulusFamily;
import io.github.gradsense.stimulus.UniformHue;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.tensorflow.types.TFloat64;

/**
 * Claim C7: every sensitivity gradsense computes is the exact derivative. For each stimulus family,
 * at linear probe points (a tied linear autoencoder) and at every ReLU, convolution, pooling and
 * dense probe point of a CNN, the forward-mode sensitivity {@code D(θ)} equals a float64 central
 * finite difference of the whole pipeline (renderer → network); the authors' coarse steps agree to
 * their truncation error. (The renderers themselves are checked against their Java references in
 * {@code RenderersTest}, beside them.)
 *
 * <p>Kinks: ReLU, max pooling and the Gabor's min–max rescale are not differentiable where a
 * pre-activation crosses zero or two candidates for a maximum tie. With ~10⁶ units per curve, a few
 * such crossings fall within ±h of some θ; there the derivative does not exist, the forward-mode
 * value is one of the one-sided derivatives and the difference quotient an average of both. A
 * point is smooth when the central differences at h and h/4 agree to 1e-6 (a kink inside
 * [θ − h, θ + h] changes the quotient with h, and downstream of it every probe point); every
 * smooth point must match, and at least three quarters of each curve must be smooth (the kinked
 * fraction is reported).
 */
@DisplayName("C7 exact derivatives")
class C7ExactDerivativesTest {
  private static final RuntimeConfig F64 = RuntimeConfig.defaults().withThreads(2);
  /** Central-difference step: truncation ~h² ≈ 1e-12 relative on smooth maps, rounding ~1e-16/h ≈ 1e-10. */
  private static final double H = 1e-6;
  /** Both bounds above with four orders of magnitude to spare; kinks (ReLU, argmax switches) have measure zero. */
  private static final double TOLERANCE = 1e-6;

  private static final Sequential CNN = Networks.sequential(32, 32, 3)
      .conv(8, 5).relu().maxPool(2).conv(16, 5).relu().avgPool(2).flatten().dense(32).tanh().dense(10);

  /** Largest relative |exact − FD| over every θ and probe point (kinks included). */
  private static double worst(Network net, int inputDim, StimulusFamily family, List<String> points, double step) {
    try (TfSession<TFloat64> s = TfSession.float64(F64)) {
      NetworkGraph<TFloat64> g = net.build(s, NetworkContext.of(inputDim, 3));
      ProbeContext<TFloat64> ctx = new ProbeContext<>(s, g, null);
      Sensitivity probe = Probes.sensitivity(family).at(points.toArray(new String[0]));
      double[][] exact = probe.attach(ctx).measure();
      double[][] fd = probe.finiteDifference(step).attach(ctx).measure();
      double worst = 0;
      for (int p = 0; p < points.size(); p++) {
        for (int i = 0; i < exact[p].length; i++) {
          worst = Math.max(worst, Math.abs(exact[p][i] - fd[p][i]) / Math.abs(fd[p][i]));
        }
      }
      return worst;
    }
  }

  /**
   * {largest relative |exact − FD(h/4)| over smooth points, fraction of θ with a kink at some
   * point, largest over all points}; smooth = FD(h) and FD(h/4) agree to 1e-6.
   */
  private static double[] compare(Network net, int inputDim, StimulusFamily family, List<String> points, double h) {
    try (TfSession<TFloat64> s = TfSession.float64(F64)) {
      NetworkGraph<TFloat64> g = net.build(s, NetworkContext.of(inputDim, 3));
      ProbeContext<TFloat64> ctx = new ProbeContext<>(s, g, null);
      Sensitivity probe = Probes.sensitivity(family).at(points.toArray(new String[0]));
      double[][] exact = probe.attach(ctx).measure();
      double[][] coarse = probe.finiteDifference(h).attach(ctx).measure();
      double[][] fine = probe.finiteDifference(h / 4).attach(ctx).measure();
      double smoothWorst = 0;
      double all = 0;
      boolean[] kinked = new boolean[exact[0].length];
      for (int p = 0; p < points.size(); p++) {
        for (int i = 0; i < exact[p].length; i++) {
          double err = Math.abs(exact[p][i] - fine[p][i]) / Math.abs(fine[p][i]);
          all = Math.max(all, err);
          if (Math.abs(coarse[p][i] - fine[p][i]) / Math.abs(fine[p][i]) <= 1e-6) {
            smoothWorst = Math.max(smoothWorst, err);
          } else {
            kinked[i] = true;
          }
        }
      }
      int kinks = 0;
      for (boolean k : kinked) {
        kinks += k ? 1 : 0;
      }
      return new double[] {smoothWorst, (double) kinks / kinked.length, all};
    }
  }

  @Test
  @DisplayName("Gabor, grating: linear probe points equal a float64 central difference")
  void linear_points_are_exact() {
    Network tied = Networks.linearAutoencoder().tied().initScale(0.5);
    List<String> points = List.of("hidden1", "output");
    double gabor = worst(tied, 256, Stimuli.gabor().size(16).channels(1).orientations(36).phases(4), points, H);
    double fixed = worst(tied, 256, Stimuli.gabor().size(16).channels(1).orientations(36).phases(4).rescale(Gabor.Contrast.FIXED), points, H);
    double grating = worst(tied, 256, Stimuli.grating().size(16).phases(8), points, H);
    Report.print("C7 linear max relative |exact − FD|: gabor, gabor fixed contrast, grating", new double[] {gabor, fixed, grating});
    assertThat(gabor).isLessThanOrEqualTo(TOLERANCE);
    assertThat(fixed).isLessThanOrEqualTo(TOLERANCE);
    assertThat(grating).isLessThanOrEqualTo(TOLERANCE);
  }

  @Test
  @DisplayName("Gabor, hue: every conv, ReLU, pool, tanh and dense point of a CNN equals a float64 central difference where smooth")
  void cnn_points_are_exact() {
    List<String> points = CNN.probePoints();
    double[] gabor = compare(CNN, 32 * 32 * 3, Stimuli.gabor().size(32).orientations(36).phases(4), points, H);
    // hues off the 60° breakpoints of HSV→RGB, where the map has a kink and no derivative
    UniformHue hue = Stimuli.uniformHue().size(32).hues(37).grid(2, 0.5, 0.9);
    StimulusFamily offGrid = Stimuli.custom("hue-off-breakpoints", "hue", "deg", shifted(hue.values(), 7), hue.nuisanceCount(),
        32, 32, 3, hue::render);
    // hue is in degrees and moves pixels by only S·V/60 per degree: a step of 1e-4° keeps the
    // quotient's rounding (~1e-16 / (1e-4 · 0.01)) far below the tolerance
    double[] h = compare(CNN, 32 * 32 * 3, offGrid, points, 1e-4);
    Report.print("C7 CNN over " + points.size() + " probe points, gabor: max relative |exact − FD| where smooth, fraction of θ at a kink, max overall", gabor);
    Report.print("C7 CNN over " + points.size() + " probe points, hue: max relative |exact − FD| where smooth, fraction of θ at a kink, max overall", h);
    assertThat(gabor[0]).isLessThanOrEqualTo(TOLERANCE);
    assertThat(h[0]).isLessThanOrEqualTo(TOLERANCE);
    assertThat(gabor[1]).isLessThanOrEqualTo(0.25);
    assertThat(h[1]).isLessThanOrEqualTo(0.25);
  }

  @Test
  @DisplayName("the authors' finite differences (0.01 rad; 0.1° of hue) agree with the exact values to their truncation error")
  void authors_steps_agree_to_truncation_error() {
    Network tied = Networks.linearAutoencoder().tied().initScale(0.5);
    double gabor = worst(tied, 256, Stimuli.gabor().size(16).channels(1).orientations(36).phases(4).rescale(Gabor.Contrast.FIXED),
        List.of("hidden1"), 0.01);
    Report.print("C7 authors' step 0.01 rad: max relative |exact − FD|", gabor);
    // A central difference errs by (δ²/6)|y'''|/|y'|; a carrier cos(2πf·x_r) turning with θ at
    // radius R has y''' ≈ −ω² y' with ω = 2πfR. With R the half side (1.12° here) that bounds the
    // error in ẏ by δ²ω²/6 and in D = Σẏ² by δ²ω²/3 ≈ 6.6e-3 (METHODS §B8: "about 1e-4" for the
    // 224-px Gabor's typical radius).
    Gabor g = Stimuli.gabor().size(16);
    double omega = 2 * Math.PI * g.frequency() * (g.size() / 2.0 / g.pixelsPerDegree());
    assertThat(gabor).isLessThanOrEqualTo(0.01 * 0.01 * omega * omega / 3);
  }

  @Test
  @DisplayName("several probe points in one pass give what each gives alone")
  void one_pass_equals_separate_passes() {
    StimulusFamily g = Stimuli.gabor().size(32).orientations(8).phases(2);
    try (TfSession<TFloat64> s = TfSession.float64(F64)) {
      NetworkGraph<TFloat64> graph = CNN.build(s, NetworkContext.of(3072, 5));
      ProbeContext<TFloat64> ctx = new ProbeContext<>(s, graph, null);
      double[][] together = Probes.sensitivity(g).at("relu1", "dense1").attach(ctx).measure();
      double[][] alone = Probes.sensitivity(g).at("dense1").attach(ctx).measure();
      assertThat(together[1]).containsExactly(alone[0], org.assertj.core.data.Offset.offset(1e-12 * alone[0][0]));
    }
  }

  private static double[] shifted(double[] grid, double by) {
    double[] out = new double[grid.length - 1];
    for (int i = 0; i < out.length; i++) {
      out[i] = grid[i] + by;
    }
    return out;
  }
}
