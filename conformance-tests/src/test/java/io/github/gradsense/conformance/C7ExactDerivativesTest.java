package io.github.gradsense.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gradsense.network.Network;
import io.github.gradsense.network.NetworkContext;
import io.github.gradsense.network.NetworkGraph;
import io.github.gradsense.network.Networks;
import io.github.gradsense.network.Sequential;
import io.github.gradsense.network.StateDict;
import io.github.gradsense.network.Torchvision;
import io.github.gradsense.network.TorchvisionNetwork;
import io.github.gradsense.probe.ProbeContext;
import io.github.gradsense.probe.Probes;
import io.github.gradsense.probe.Sensitivity;
import io.github.gradsense.runtime.RuntimeConfig;
import io.github.gradsense.runtime.TfSession;
import io.github.gradsense.stimulus.Gabor;
import io.github.gradsense.stimulus.Stimuli;
import io.github.gradsense.stimulus.StimulusFamily;
import io.github.gradsense.stimulus.UniformHue;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.tensorflow.types.TFloat32;
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
   * point, largest over all points, then per θ 1 if kinked else 0}; smooth = FD(h) and FD(h/4)
   * agree to 1e-6 and the one-sided differences agree to 1e-5.
   */
  private static double[] compare(Network net, int inputDim, StimulusFamily family, List<String> points, double h) {
    try (TfSession<TFloat64> s = TfSession.float64(F64)) {
      NetworkGraph<TFloat64> g = net.build(s, NetworkContext.of(inputDim, 3));
      ProbeContext<TFloat64> ctx = new ProbeContext<>(s, g, null);
      Sensitivity probe = Probes.sensitivity(family).at(points.toArray(new String[0]));
      double[][] exact = probe.attach(ctx).measure();
      double[][] coarse = probe.finiteDifference(h).attach(ctx).measure();
      double[][] fine = probe.finiteDifference(h / 4).attach(ctx).measure();
      // one-sided differences over [θ, θ + h/100] and [θ − h/100, θ], as central differences of
      // half that width about θ ± h/200: a kink exactly at θ (a piecewise-linear map, such as
      // bilinear resampling on the pixel grid, where both central differences are the mean of
      // the two slopes) makes them differ by the jump in slope
      double[][] forward = onGrid(family, h / 200, points).finiteDifference(h / 200).attach(ctx).measure();
      double[][] backward = onGrid(family, -h / 200, points).finiteDifference(h / 200).attach(ctx).measure();
      double smoothWorst = 0;
      double all = 0;
      boolean[] kinked = new boolean[exact[0].length];
      for (int p = 0; p < points.size(); p++) {
        for (int i = 0; i < exact[p].length; i++) {
          double err = Math.abs(exact[p][i] - fine[p][i]) / Math.abs(fine[p][i]);
          all = Math.max(all, err);
          // one-sided differences err by (h/200)·|y''/y'| ≲ 1e-7 relative where smooth
          boolean sided = Math.abs(forward[p][i] - backward[p][i]) / Math.abs(fine[p][i]) <= 1e-5;
          if (sided && Math.abs(coarse[p][i] - fine[p][i]) / Math.abs(fine[p][i]) <= 1e-6) {
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
      // then, per θ, 1 where some point has a kink
      double[] out = new double[3 + kinked.length];
      out[0] = smoothWorst;
      out[1] = (double) kinks / kinked.length;
      out[2] = all;
      for (int i = 0; i < kinked.length; i++) {
        out[3 + i] = kinked[i] ? 1 : 0;
      }
      return out;
    }
  }

  /** The sensitivity probe of {@code family} on its own grid moved by {@code by}. */
  private static Sensitivity onGrid(StimulusFamily family, double by, List<String> points) {
    double[] moved = family.values().clone();
    for (int i = 0; i < moved.length; i++) {
      moved[i] += by;
    }
    StimulusFamily f = Stimuli.custom(family.name(), family.variable(), family.unit(), moved, family.nuisanceCount(),
        family.height(), family.width(), family.channels(), family::render);
    return Probes.sensitivity(f).at(points.toArray(new String[0]));
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
    Report.print("C7 CNN over " + points.size() + " probe points, gabor: max relative |exact − FD| where smooth, fraction of θ at a kink, max overall", Arrays.copyOf(gabor, 3));
    Report.print("C7 CNN over " + points.size() + " probe points, hue: max relative |exact − FD| where smooth, fraction of θ at a kink, max overall", Arrays.copyOf(h, 3));
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

    // Hue: HSV→RGB is linear in h inside each 60° sector, so on a linear network the authors'
    // 0.1° difference has no truncation error at hues more than 0.1° from a break; what is left
    // is float64 rounding amplified by 1/δ (~1e-16 · 10 / (S·V/60) ≈ 1e-13). At a break the
    // quotient averages the two sectors' derivatives and is no derivative at all, so the hues
    // are taken off the breaks.
    UniformHue grid = Stimuli.uniformHue().size(16).hues(37).grid(2, 0.5, 0.9);
    StimulusFamily hues = Stimuli.custom("hue-off-breakpoints", "hue", "deg", shifted(grid.values(), 7), grid.nuisanceCount(),
        16, 16, 3, grid::render);
    double hue = worst(tied, 16 * 16 * 3, hues, List.of("hidden1"), 0.1);
    Report.print("C7 authors' step 0.1° of hue: max relative |exact − FD|", hue);
    assertThat(hue).isLessThanOrEqualTo(1e-9);
  }

  @Test
  @DisplayName("float32 graphs (the training precision: max-pool tangent by MaxPoolGradGrad) give the float64 sensitivities to float32 rounding")
  void float32_max_pool_path_matches_float64() {
    // GIVEN a CNN with max pooling, its float32 graph and its float64 graph from the same init
    Sequential net = Networks.sequential(32, 32, 3).conv(8, 5).relu().maxPool(2).conv(16, 5).relu().maxPool(2)
        .flatten().dense(32).relu().dense(10);
    List<String> points = List.of("maxpool1", "relu2", "maxpool2", "dense2");
    StimulusFamily gabor = Stimuli.gabor().size(32).orientations(36).phases(4);
    double[][] d64;
    double[][] d32;
    try (TfSession<TFloat64> s = TfSession.float64(F64)) {
      NetworkGraph<TFloat64> g = net.build(s, NetworkContext.of(3072, 3));
      d64 = Probes.sensitivity(gabor).at(points.toArray(new String[0])).attach(new ProbeContext<>(s, g, null)).measure();
    }
    try (TfSession<TFloat32> s = TfSession.float32(F64)) {
      NetworkGraph<TFloat32> g = net.build(s, NetworkContext.of(3072, 3));
      d32 = Probes.sensitivity(gabor).at(points.toArray(new String[0])).attach(new ProbeContext<>(s, g, null)).measure();
    }
    // WHEN each θ's float32 value is compared with the float64 one
    int close = 0;
    int total = 0;
    double[] all = new double[points.size() * d64[0].length];
    for (int p = 0; p < points.size(); p++) {
      for (int i = 0; i < d64[p].length; i++) {
        double rel = Math.abs(d32[p][i] - d64[p][i]) / d64[p][i];
        all[total++] = rel;
        close += rel <= 1e-4 ? 1 : 0;
      }
    }
    java.util.Arrays.sort(all);
    double median = all[all.length / 2];
    Report.print("C7 float32 vs float64 sensitivity (max-pool CNN): median relative difference, fraction within 1e-4",
        new double[] {median, (double) close / total});
    // THEN float32 rounding (2^-24 ≈ 6e-8 per operation, growing as √n through sums of n ≤ 400
    // terms: ~1e-6) bounds the difference wherever no ReLU or pooling window sits within float32
    // rounding of a tie; a tie that flips with the precision changes one θ at one point. A wrong
    // tangent rule (another entry of the window picked, a tangent not masked) moves every θ.
    assertThat(median).isLessThanOrEqualTo(1e-5);
    assertThat((double) close / total).isGreaterThanOrEqualTo(0.95);
  }

  @Test
  @DisplayName("the Fig. 6 grating's tangent (bilinear resampling of a rotated grating) equals a float64 central difference where smooth")
  void rotated_grating_tangent_is_exact() {
    // The grating is resampled bilinearly, whose weights are smooth in θ inside each pixel cell
    // and kink where a sampling point crosses a cell edge: the same smooth-point rule as the CNN.
    Network tied = Networks.linearAutoencoder().tied().initScale(0.5);
    // At θ = 0 and π every sampling point sits on a pixel boundary: the image has a kink there in
    // every pixel (the exact tangent is a one-sided derivative, per pixel; the authors' central
    // difference averages both sides), and those two of the 30 θ must be the ones found.
    var grating = Stimuli.rotatedGrating().size(32).orientations(30).phases(3);
    double[] r = compare(tied, 32 * 32, grating, List.of("hidden1"), H);
    Report.print("C7 rotated grating (Fig. 6): max relative |exact − FD| where smooth, fraction of θ at a kink, max overall",
        Arrays.copyOf(r, 3));
    assertThat(r[0]).isLessThanOrEqualTo(TOLERANCE);
    double[] theta = grating.values();
    List<Double> kinked = new ArrayList<>();
    for (int i = 0; i < theta.length; i++) {
      if (r[3 + i] == 1) {
        kinked.add(theta[i]);
      }
    }
    assertThat(kinked).as("the θ found kinked").hasSize(2)
        .allSatisfy(t -> assertThat(Math.min(Math.abs(t), Math.abs(t - Math.PI))).isLessThan(1e-9));
  }

  @Test
  @DisplayName("torchvision layers (residual blocks, BatchNorm, padded convolutions and max pools, adaptive pooling, normalisation) equal a float64 central difference where smooth")
  void torchvision_points_are_exact(@org.junit.jupiter.api.io.TempDir Path temp) {
    // GIVEN torchvision's ResNet of BasicBlocks (one per stage: every projection shortcut, the
    // 7x7 stride-2 padded conv1, the padded 3x3/2 max pool, BatchNorm with random statistics and
    // affine parameters, adaptive average pooling to 1x1, fc) and AlexNet (unpadded overlapping max
    // pools, adaptive pooling that replicates a 1x1 map onto 6x6, dropout, linear layers after a
    // feature map), untrained, at 64 px
    TorchvisionNetwork base = Torchvision.resnet(List.of(1, 1, 1, 1), 10).imageSize(64).untrained(3);
    java.util.SplittableRandom rng = new java.util.SplittableRandom(11);
    List<StateDict.Tensor> tensors = new ArrayList<>();
    for (StateDict.Tensor t : base.stateDict().tensors().values()) {
      float[] v = t.values();
      boolean bn = t.name().matches(".*(bn\\d|downsample\\.1)\\.(weight|bias|running_mean|running_var)");
      for (int i = 0; bn && i < v.length; i++) {
        v[i] = (float) (t.name().endsWith("weight") || t.name().endsWith("running_var") ? 0.5 + rng.nextDouble() : 0.2 * rng.nextDouble() - 0.1);
      }
      tensors.add(new StateDict.Tensor(t.name(), t.shape(), v));
    }
    Path weights = temp.resolve("resnet-random-bn.safetensors");
    StateDict.of(tensors).writeSafetensors(weights);
    Network resnet = base.weights(weights);
    Network alexnet = Torchvision.alexnet().imageSize(64).untrained(5);
    StimulusFamily gabor = Stimuli.gabor().size(64).orientations(12).phases(2);
    // WHEN every probe point's exact sensitivity is compared with float64 central differences
    double[] r = compare(resnet, 64 * 64 * 3, gabor, resnet.probePoints(), H);
    double[] a = compare(alexnet, 64 * 64 * 3, gabor, alexnet.probePoints(), H);
    Report.print("C7 torchvision ResNet (" + resnet.probePoints().size() + " points): max relative |exact − FD| where smooth, "
        + "fraction of θ at a kink, max overall", Arrays.copyOf(r, 3));
    Report.print("C7 torchvision AlexNet (" + alexnet.probePoints().size() + " points): max relative |exact − FD| where smooth, "
        + "fraction of θ at a kink, max overall", Arrays.copyOf(a, 3));
    // THEN every point matches to the float64 bound, kinks included: at these seeds no
    // pre-activation or pooling tie falls within ±h of a sampled θ, and in float64 that is a
    // property of the inputs, not of the kernels (another CPU moves a crossing by ~1e-16 rad). The
    // smooth-point detector flags some ResNet θ anyway (its one-sided quotients at h/200 carry
    // ~1e-5 of rounding through 40 layers), so the overall maximum is the statement here.
    assertThat(r[0]).isLessThanOrEqualTo(TOLERANCE);
    assertThat(a[0]).isLessThanOrEqualTo(TOLERANCE);
    assertThat(r[2]).isLessThanOrEqualTo(TOLERANCE);
    assertThat(a[2]).isLessThanOrEqualTo(TOLERANCE);
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
