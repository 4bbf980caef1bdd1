package io.github.gradsense.analysis;

import static io.github.gradsense.internal.Checks.checkPositive;
import static io.github.gradsense.internal.Checks.checkRange;

/**
 * The theory's dynamics of one input–output mode of a deep linear network under gradient flow
 * from a small, aligned, balanced start (Saxe, McClelland &amp; Ganguli 2014; METHODS §C6, §G):
 * <pre>
 *   du/dt = rate · u^(2 − 2/N) · (s − u)
 * </pre>
 * with {@code N} the number of weight matrices in the product, {@code s} the target strength and
 * {@code u(0) = u₀}. Closed forms: {@code N = 1}, {@code u = s − (s − u₀) e^(−rate·t)}; {@code N = 2},
 * the logistic {@code u = s / (1 + (s/u₀ − 1) e^(−rate·s·t))} (Saxe's
 * {@code u = s e^(2st/τ) / (e^(2st/τ) − 1 + s/u₀)} with {@code rate = 2/τ}). For {@code N ≥ 3} the
 * time between two strengths is the integral {@code ∫ du / (rate u^(2−2/N) (s − u))}, evaluated by
 * Gauss–Legendre quadrature in {@code w = ln(u/(s − u))}, where it is smooth, and {@code u(t)} by
 * Runge–Kutta integration in the same variable.
 *
 * <p>Rates for the reconstruction loss {@code L = (1/d) E‖x − Mx‖²} with step {@code η} (time in
 * updates), PC variance {@code λ}, target {@code s = 1}: tied {@code WᵀW}: {@code N = 2},
 * {@code rate = 8ηλ/d}; {@code N} untied factors: {@code rate = 2Nηλ/d}.
 *
 * <pre>{@code
 * ModeDynamics m = ModeDynamics.tiedAutoencoder(1.0, 53.0, 1024, 0.0085);
 * double tHalf = m.halfTime();         // ln(1/u₀ − 1) / (8ηλ/d) ≈ 11.5 updates
 * }</pre>
 *
 * @param depth number of weight matrices {@code N}, in [1, 64]
 * @param rate rate constant, finite and &gt; 0
 * @param target target strength {@code s}, finite and &gt; 0
 * @param u0 initial strength, in (0, s)
 */
public record ModeDynamics(int depth, double rate, double target, double u0) {

  /** Validates the fields. */
  public ModeDynamics {
    checkRange("depth", depth, 1, 64);
    checkPositive("rate", rate);
    checkPositive("target", target);
    checkPositive("u0", u0);
    if (u0 >= target) {
      throw new IllegalArgumentException("u0 must be in (0, target = " + target + "), got " + u0);
    }
  }

  /** Tied autoencoder {@code M = WᵀW}: {@code du/dt = (8ηλ/d) u (1 − u)}. */
  public static ModeDynamics tiedAutoencoder(double learningRate, double variance, int dim, double u0) {
    return new ModeDynamics(2, 8 * learningRate * variance / dim, 1.0, u0);
  }

  /** Untied autoencoder of {@code n} factors: {@code du/dt = (2nηλ/d) u^(2−2/n) (1 − u)}. */
  public static ModeDynamics autoencoder(int factors, double learningRate, double variance, int dim, double u0) {
    return new ModeDynamics(factors, 2.0 * factors * learningRate * variance / dim, 1.0, u0);
  }

  /**
   * A mode of a regression task learned by a chain of {@code matrices} weight matrices on the
   * summed squared error {@code Σ_items ‖y − W_N⋯W_1 x‖²} over one-hot (whitened) items, full-batch
   * step {@code η}, singular value {@code s} of {@code Σ_yx = Yᵀ X}:
   * {@code du/dt = 2Nη u^(2−2/N) (s − u)} per update (Saxe's {@code τ = 1/(2η)} for {@code N = 2}).
   */
  public static ModeDynamics regression(int matrices, double learningRate, double s, double u0) {
    return new ModeDynamics(matrices, 2.0 * matrices * learningRate, s, u0);
  }

  /**
   * The initial strength of PC {@code pc} in a tied {@code WᵀW}: {@code u₀ = pᵀWᵀWp = ‖W p‖²}
   * (exact: the tied mode strength is this quantity at every step).
   */
  public static double tiedStart(io.github.gradsense.runtime.Matrix w, double[] pc) {
    double[] wp = w.times(pc);
    double s = 0;
    for (double v : wp) {
      s += v * v;
    }
    return s;
  }

  /**
   * The effective initial strength of PC {@code p} in an untied {@code W2W1} from a small random
   * start: while {@code u ≪ 1}, {@code a = W1 p} and {@code b = W2ᵀ p} obey
   * {@code da/dt = c b, db/dt = c a} ({@code c = 2ηλ/d}), so {@code a + b} grows as {@code e^(ct)},
   * {@code a − b} decays, and {@code u = a·b → ‖a₀ + b₀‖²/4 · e^(2ct)}: the logistic's
   * {@code u₀ = ‖W1 p + W2ᵀ p‖² / 4}.
   */
  public static double untiedStart(io.github.gradsense.runtime.Matrix w1, io.github.gradsense.runtime.Matrix w2, double[] pc) {
    double[] a = w1.times(pc);
    double[] b = w2.transpose().times(pc);
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += (a[i] + b[i]) * (a[i] + b[i]);
    }
    return s / 4;
  }

  /** The right-hand side {@code du/dt} at strength {@code u}. */
  public double velocity(double u) {
    return rate * Math.pow(u, 2 - 2.0 / depth) * (target - u);
  }

  /** Time to go from strength {@code from} to {@code to} (both in (0, s)). */
  public double time(double from, double to) {
    if (!(from > 0 && from < target && to > 0 && to < target)) {
      throw new IllegalArgumentException(
          "strengths must lie in (0, " + target + "), got " + from + " and " + to);
    }
    if (depth == 1) {
      return Math.log((target - from) / (target - to)) / rate;
    }
    if (depth == 2) {
      return Math.log(to * (target - from) / (from * (target - to))) / (rate * target);
    }
    // In w = ln(u/(s − u)), dt = dw / (rate · s · u^(1 − 2/N)): smooth and bounded, integrated by
    // composite 5-point Gauss–Legendre over panels of width ≤ 0.05 in w.
    double a = logit(from);
    double b = logit(to);
    int panels = (int) Math.min(1_000_000, Math.max(16, Math.ceil(Math.abs(b - a) / 0.05)));
    double h = (b - a) / panels;
    double sum = 0;
    for (int p = 0; p < panels; p++) {
      double mid = a + (p + 0.5) * h;
      for (int q = 0; q < GL_X.length; q++) {
        sum += GL_W[q] * dtdw(mid + 0.5 * h * GL_X[q]);
      }
    }
    return 0.5 * h * sum;
  }

  private static final double[] GL_X = {
    0, -0.5384693101056831, 0.5384693101056831, -0.9061798459386640, 0.9061798459386640};
  private static final double[] GL_W = {
    0.5688888888888889, 0.4786286704993665, 0.4786286704993665, 0.2369268850561891, 0.2369268850561891};

  private double logit(double u) {
    return Math.log(u / (target - u));
  }

  private double strength(double w) {
    return target / (1 + Math.exp(-w));
  }

  private double dtdw(double w) {
    return 1.0 / (rate * target * Math.pow(strength(w), 1 - 2.0 / depth));
  }

  /** Time from {@code u₀} to half the target. */
  public double halfTime() {
    return time(u0, target / 2);
  }

  /** The strength at time {@code t ≥ 0}. */
  public double at(double t) {
    return at(new double[] {t})[0];
  }

  /**
   * The curve at the given times: closed forms for {@code N ≤ 2}; for deeper chains one
   * fourth-order Runge–Kutta pass of {@code dw/dt = rate · s · u^(1−2/N)} in
   * {@code w = ln(u/(s − u))}, with steps of at most 0.002 in {@code w}.
   */
  public double[] at(double[] times) {
    double[] out = new double[times.length];
    if (depth <= 2) {
      for (int i = 0; i < times.length; i++) {
        double t = Math.max(0, times[i]);
        out[i] = depth == 1
            ? target - (target - u0) * Math.exp(-rate * t)
            : target / (1 + (target / u0 - 1) * Math.exp(-rate * target * t));
      }
      return out;
    }
    Integer[] order = new Integer[times.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, java.util.Comparator.comparingDouble(i -> times[i]));
    double h = 0.002 / (rate * target * Math.pow(target, 1 - 2.0 / depth));   // dw/dt ≤ rate s^(2−2/N)
    double w = logit(u0);
    double t = 0;
    for (int idx : order) {
      double goal = times[idx];
      while (t < goal) {
        double dt = Math.min(h, goal - t);
        double k1 = dwdt(w);
        double k2 = dwdt(w + dt / 2 * k1);
        double k3 = dwdt(w + dt / 2 * k2);
        double k4 = dwdt(w + dt * k3);
        w += dt / 6 * (k1 + 2 * k2 + 2 * k3 + k4);
        t += dt;
      }
      out[idx] = strength(w);
    }
    return out;
  }

  private double dwdt(double w) {
    return 1 / dtdw(w);
  }

}
