package io.github.gradsense.analysis;

import static io.github.gradsense.internal.Checks.checkPositive;
import static io.github.gradsense.internal.Checks.checkRange;

import io.github.gradsense.internal.Seeds;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The reduced per-mode theory of parallel deep linear pathways (Shi et al. 2022, as coded for their
 * phase planes; METHODS §F5): for one mode of singular value {@code S}, pathway {@code i} carries
 * <pre>
 *   K_i = p_i (p_i² + 1)^((D−1)/2),     dp_i/dt = (p_i² + 1)^((D−1)/2) (S − Σ_j K_j)
 * </pre>
 * (one layer of strength {@code p_i}, the other {@code D − 1} at {@code √(p_i² + 1)}: a conserved
 * layer imbalance of 1, the wide-network approximation). For {@code D = 2} the gradient does not
 * depend on {@code p} while {@code p} is small, so {@code p_1 − p_2} is conserved and the pathways
 * share; for larger {@code D} the factor {@code (p² + 1)^((D−1)/2)} favours the larger pathway, a
 * rich-get-richer race that one pathway wins. Integrated by classical Runge–Kutta in double precision.
 *
 * <pre>{@code
 * PathwayTheory t = new PathwayTheory(7, 10.0);
 * PathwayTheory.Sweep s = t.sweep(2, 100, 0.1, 1);      // 100 starts p ~ N(0, 0.1²)
 * double median = s.medianConcentration();            // ≈ 0.67 (METHODS §F6)
 * }</pre>
 *
 * @param depth weight matrices per pathway {@code D}, in [1, 64]
 * @param target the mode's singular value {@code S}, finite and &gt; 0
 */
public record PathwayTheory(int depth, double target) {

  /** Validates the fields. */
  public PathwayTheory {
    checkRange("depth", depth, 1, 64);
    checkPositive("target", target);
  }

  /** Pathway strength {@code K = p (p² + 1)^((D−1)/2)}. */
  public double strength(double p) {
    return p * Math.pow(p * p + 1, (depth - 1) / 2.0);
  }

  /** The right-hand side {@code dp/dt} for every pathway. */
  public double[] velocity(double[] p) {
    double total = 0;
    for (double x : p) {
      total += strength(x);
    }
    double[] v = new double[p.length];
    for (int i = 0; i < p.length; i++) {
      v[i] = Math.pow(p[i] * p[i] + 1, (depth - 1) / 2.0) * (target - total);
    }
    return v;
  }

  /** The strengths {@code p} after {@code time}, from {@code p0}, in RK4 steps of {@code dt}. */
  public double[] integrate(double[] p0, double dt, double time) {
    checkPositive("dt", dt);
    checkRange("time", time, 0.0, 1e9);
    double[] p = p0.clone();
    long steps = Math.round(time / dt);
    int n = p.length;
    double[] tmp = new double[n];
    for (long s = 0; s < steps; s++) {
      double[] k1 = velocity(p);
      for (int i = 0; i < n; i++) {
        tmp[i] = p[i] + 0.5 * dt * k1[i];
      }
      double[] k2 = velocity(tmp);
      for (int i = 0; i < n; i++) {
        tmp[i] = p[i] + 0.5 * dt * k2[i];
      }
      double[] k3 = velocity(tmp);
      for (int i = 0; i < n; i++) {
        tmp[i] = p[i] + dt * k3[i];
      }
      double[] k4 = velocity(tmp);
      for (int i = 0; i < n; i++) {
        p[i] += dt / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
      }
    }
    return p;
  }

  /** The pathway strengths {@code K_i} at {@code p}. */
  public double[] strengths(double[] p) {
    double[] k = new double[p.length];
    for (int i = 0; i < p.length; i++) {
      k[i] = strength(p[i]);
    }
    return k;
  }

  /**
   * {@code starts} runs of {@code pathways} pathways from {@code p_i ~ N(0, spread²)} (seeded),
   * integrated to {@code t = 10} with {@code dt = 0.001} (METHODS §F5), and their final
   * concentrations ({@link PathwayConcentration#of}).
   */
  public Sweep sweep(int pathways, int starts, double spread, long seed) {
    checkRange("pathways", pathways, 1, 16);
    checkRange("starts", starts, 1, 1_000_000);
    checkPositive("spread", spread);
    SplittableRandom r = Seeds.random(seed, "pathway-theory");
    double[] c = new double[starts];
    double worstFit = 0;
    for (int run = 0; run < starts; run++) {
      double[] p0 = new double[pathways];
      for (int i = 0; i < pathways; i++) {
        p0[i] = spread * Math.sqrt(-2 * Math.log1p(-r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
      }
      double[] k = strengths(integrate(p0, 0.001, 10));
      c[run] = PathwayConcentration.of(k);
      worstFit = Math.max(worstFit, Math.abs(Arrays.stream(k).sum() - target) / target);
    }
    return new Sweep(c, worstFit);
  }

  /**
   * Final concentrations of a sweep.
   *
   * @param concentrations one per start
   * @param worstFit the largest relative error {@code |Σ K_i − S| / S} at the end
   */
  public record Sweep(double[] concentrations, double worstFit) {

    /** The median concentration. */
    public double medianConcentration() {
      double[] c = concentrations.clone();
      Arrays.sort(c);
      int n = c.length;
      return n % 2 == 1 ? c[n / 2] : 0.5 * (c[n / 2 - 1] + c[n / 2]);
    }

    /** The fraction of starts whose concentration exceeds {@code level}. */
    public double fractionAbove(double level) {
      return Arrays.stream(concentrations).filter(x -> x > level).count() / (double) concentrations.length;
    }
  }
}
