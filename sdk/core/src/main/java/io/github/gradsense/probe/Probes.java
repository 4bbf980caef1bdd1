package io.github.gradsense.probe;


/**
 * Entry point for probes.
 *
 * <pre>{@code
 * Probe strengths = Probes.modeStrength(20);                       // diag(P M Pᵀ), every step
 * Probe learned = Probes.proportionLearned(50).every(7);           // the authors' logged quantity
 * Probe svd = Probes.singularValues(10).logSpaced(30);
 * Probe sens = Probes.pcSensitivity(10).at("hidden1");
 * Probe loss = Probes.loss().every(10);
 * Probe share = Probes.pathwayShare().every(100);
 * Probe gabor = Probes.sensitivity(Stimuli.gabor().size(16).channels(1)).at("hidden1");
 * }</pre>
 */
public final class Probes {
  private Probes() {}

  /** Strength {@code u_k = p_kᵀ M p_k} of the first {@code components} PCs, every step. */
  public static ModeStrength modeStrength(int components) {
    return new ModeStrength(components, Schedule.every(1));
  }

  /** The authors' "proportion learned" of the first {@code components} PCs, every step. */
  public static ProportionLearned proportionLearned(int components) {
    return new ProportionLearned(components, Schedule.every(1));
  }

  /**
   * Singular values of {@code M} and their alignment with the first {@code components} PCs (singular
   * values within 0.1 of each other count as one subspace), 50 log-spaced steps.
   */
  public static SingularValues singularValues(int components) {
    return new SingularValues(components, 0.1, Schedule.logSpaced(50));
  }

  /** Exact sensitivity of the output to the first {@code components} PCs, 50 log-spaced steps. */
  public static PcSensitivity pcSensitivity(int components) {
    return new PcSensitivity(components, "output", PcSensitivity.Method.EXACT, 1e-3, Schedule.logSpaced(50));
  }

  /**
   * Sensitivity {@code D(y; θ)} of probe points to the stimulus variable of {@code family}, exact,
   * at the output, 20 log-spaced steps; choose points with {@code at(...)}.
   */
  public static Sensitivity sensitivity(io.github.gradsense.stimulus.StimulusFamily family) {
    return Sensitivity.of(family);
  }

  /** Per-class accuracy on 2000 clean examples of each of {@code classes}, every 10 steps. */
  public static Accuracy accuracy(int... classes) {
    java.util.List<Integer> c = new java.util.ArrayList<>();
    for (int k : classes) {
      c.add(k);
    }
    return new Accuracy(c, 2000, Schedule.every(10));
  }

  /** The full-data reconstruction error, every step. */
  public static DataLoss loss() {
    return new DataLoss(Schedule.every(1));
  }

  /**
   * How much of each input–output mode every pathway carries ({@code K_a = Uᵀ Ω_a V}, per-mode and
   * per-block concentration), every 10 steps; needs {@code Networks.pathways} on a regression task.
   */
  public static PathwayShare pathwayShare() {
    return new PathwayShare(Schedule.every(10), 1e-6, false);
  }
}
