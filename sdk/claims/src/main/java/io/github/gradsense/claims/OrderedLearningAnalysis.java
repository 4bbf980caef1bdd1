package io.github.gradsense.claims;

import io.github.gradsense.analysis.ModeDynamics;
import io.github.gradsense.analysis.RankCorrelation;
import io.github.gradsense.analysis.Trajectory;
import io.github.gradsense.experiment.ProbeSeries;
import io.github.gradsense.experiment.Results;
import io.github.gradsense.network.AlignedBalancedInit;
import io.github.gradsense.network.LinearAutoencoder;
import io.github.gradsense.runtime.Matrix;
import io.github.gradsense.train.Training;
import java.util.Arrays;

/**
 * Claim C1, ordered learning by variance, read off a linear-autoencoder run: each PC's measured
 * half-time (its mode strength {@code u_k = p_kᵀ M p_k} reaching 0.5, from the
 * {@code mode-strength} series) against the theory's {@link ModeDynamics} for that PC
 * ({@code du/dt = r_k u^(2−2/N)(1 − u)}, {@code r_k = 8ηλ_k/d} tied, {@code 2Nηλ_k/d} for
 * {@code N} untied factors), and the rank correlation of {@code λ_k} with {@code 1/t_half,k}.
 *
 * <p>The theory's start {@code u₀} per PC: the measured {@code u_k(0)} for the tied net and for the
 * aligned balanced init (both exact); {@link ModeDynamics#untiedStart} for two untied factors from
 * a random start. A deeper chain from a random start first aligns, a transient with no closed form,
 * so its theory curve starts where the measured one first reaches {@link #REFERENCE_LEVEL}. The
 * theory is gradient flow: a mode whose rate {@code r_k} exceeds 0.1 per update is learned in a
 * few updates and its discrete half-time departs from the flow's by more than a few per cent
 * (see {@link #rates()}).
 *
 * <pre>{@code
 * OrderedLearningAnalysis a = OrderedLearningAnalysis.of(results, network, training);
 * double rho = a.spearman(20);
 * double err = a.relativeErrors()[2];      // PC3's error over the time the theory predicts
 * }</pre>
 */
public final class OrderedLearningAnalysis {
  /** Strength from which the theory curve of a deep chain from a random start is anchored. */
  public static final double REFERENCE_LEVEL = 0.05;

  private final long[] steps;
  private final double[] variances;
  private final double[] halfTimes;
  private final double[] predicted;
  private final double[] rates;
  private final ModeDynamics[] theory;
  private final double[] theoryOffset;
  private final Trajectory[] curves;

  private OrderedLearningAnalysis(long[] steps, double[] variances, double[] halfTimes, double[] predicted,
      double[] rates, ModeDynamics[] theory, double[] theoryOffset, Trajectory[] curves) {
    this.steps = steps;
    this.variances = variances;
    this.halfTimes = halfTimes;
    this.predicted = predicted;
    this.rates = rates;
    this.theory = theory;
    this.theoryOffset = theoryOffset;
    this.curves = curves;
  }

  /** Analyses {@code results} of {@code network} trained with {@code training} (needs a {@code mode-strength} series). */
  public static OrderedLearningAnalysis of(Results results, LinearAutoencoder network, Training training) {
    ProbeSeries u = results.series("mode-strength");
    int k = u.columns().size();
    double[] lambda = Arrays.copyOf(results.data().pca().eigenvalues(), k);
    int d = results.data().dim();
    double eta = training.learningRate();
    Matrix pcs = results.data().pca().components();
    boolean aligned = network.effectiveInit() instanceof AlignedBalancedInit;
    int n = network.factors();
    double[] half = new double[k];
    double[] pred = new double[k];
    double[] rate = new double[k];
    double[] offset = new double[k];
    ModeDynamics[] th = new ModeDynamics[k];
    Trajectory[] curves = new Trajectory[k];
    for (int j = 0; j < k; j++) {
      Trajectory c = u.trajectory(u.columns().get(j));
      curves[j] = c;
      half[j] = c.halfTime();
      ModeDynamics m;
      double start;
      if (network.tiedWeights()) {
        start = positive(c.values()[0]);
        m = ModeDynamics.tiedAutoencoder(eta, lambda[j], d, start);
      } else if (aligned) {
        start = positive(c.values()[0]);
        m = ModeDynamics.autoencoder(n, eta, lambda[j], d, start);
      } else if (n == 2) {
        start = positive(ModeDynamics.untiedStart(results.initialWeights().get(0), results.initialWeights().get(1), pcs.row(j)));
        m = ModeDynamics.autoencoder(2, eta, lambda[j], d, start);
      } else {
        offset[j] = c.crossingTime(REFERENCE_LEVEL);
        m = ModeDynamics.autoencoder(n, eta, lambda[j], d, REFERENCE_LEVEL);
      }
      th[j] = m;
      rate[j] = m.rate();
      pred[j] = Double.isNaN(offset[j]) ? Double.NaN : offset[j] + m.halfTime();
    }
    return new OrderedLearningAnalysis(u.steps(), lambda, half, pred, rate, th, offset, curves);
  }

  private static double positive(double u0) {
    return Math.max(u0, 1e-12);
  }

  /** PC variances {@code λ_k}. */
  public double[] variances() {
    return variances.clone();
  }

  /** Measured half-times in updates (NaN where a PC never reached 0.5). */
  public double[] halfTimes() {
    return halfTimes.clone();
  }

  /** The theory's half-times in updates. */
  public double[] predictedHalfTimes() {
    return predicted.clone();
  }

  /**
   * The relative half-time error per PC over the time the theory predicts:
   * {@code (t½ − t₀) / (t½,theory − t₀) − 1}, where {@code t₀} is where the theory clock starts: 0
   * when it integrates from the run's own {@code u₀} (tied, aligned, two untied factors), and the
   * measured crossing of {@link #REFERENCE_LEVEL} for a deeper chain from a random start. The
   * measured offset is not part of the prediction, so it is not counted in the denominator: a bar
   * on this error is a bar on the predicted time alone.
   */
  public double[] relativeErrors() {
    double[] e = new double[halfTimes.length];
    for (int j = 0; j < e.length; j++) {
      e[j] = (halfTimes[j] - theoryOffset[j]) / (predicted[j] - theoryOffset[j]) - 1;
    }
    return e;
  }

  /**
   * The share of each PC's half-time that the theory predicts, {@code (t½,theory − t₀)/t½,theory}:
   * 1 when the theory integrates from {@code u₀}, less when its clock starts at the measured
   * crossing of {@link #REFERENCE_LEVEL}.
   */
  public double[] theoryShare() {
    double[] s = new double[halfTimes.length];
    for (int j = 0; j < s.length; j++) {
      s[j] = (predicted[j] - theoryOffset[j]) / predicted[j];
    }
    return s;
  }

  /** The theory's rate constant {@code r_k} per update. */
  public double[] rates() {
    return rates.clone();
  }

  /** Spearman's rank correlation of {@code λ_k} with {@code 1/t_half,k} over the first {@code top} PCs. */
  public double spearman(int top) {
    double[] inv = new double[top];
    for (int j = 0; j < top; j++) {
      inv[j] = 1 / halfTimes[j];
    }
    return RankCorrelation.spearman(Arrays.copyOf(variances, top), inv);
  }

  /** Measured relative transition width {@code (t_0.9 − t_0.1)/t_0.5} of PC {@code j} (0-based). */
  public double relativeWidth(int j) {
    return curves[j].relativeWidth(0.1, 0.9);
  }

  /** The theory's relative width of PC {@code j} (0-based), from its own start. */
  public double predictedWidth(int j) {
    ModeDynamics m = theory[j];
    double tLo = 0.1 <= m.u0() ? 0 : m.time(m.u0(), 0.1);
    double tHi = m.time(m.u0(), 0.9);
    return (tHi - tLo) / (theoryOffset[j] + m.halfTime());
  }

  /** The theory curve of PC {@code j} (0-based) at the probe's steps. */
  public double[] theoryCurve(int j) {
    double[] t = new double[steps.length];
    for (int i = 0; i < steps.length; i++) {
      t[i] = Math.max(0, steps[i] - theoryOffset[j]);
    }
    double[] out = theory[j].at(t);
    for (int i = 0; i < steps.length; i++) {
      double shifted = steps[i] - theoryOffset[j];
      if (Double.isNaN(shifted)) {
        out[i] = Double.NaN;
      } else if (shifted < 0) {
        out[i] = curves[j].at(steps[i]);      // before the anchor, the theory has nothing to say
      }
    }
    return out;
  }

  /** The probe's steps. */
  public long[] steps() {
    return steps.clone();
  }
}
