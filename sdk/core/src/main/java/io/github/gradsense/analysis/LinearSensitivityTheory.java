package io.github.gradsense.analysis;

import static io.github.gradsense.internal.Checks.checkRange;

import io.github.gradsense.data.Pca;
import io.github.gradsense.runtime.Matrix;
import io.github.gradsense.stimulus.StimulusFamily;

/**
 * The sensitivity of a linear code predicted from how far each principal component is learned
 * (METHODS §B4): for a code {@code h = W x} with {@code WᵀW = M ≈ Σ_k u_k p_k p_kᵀ} (the tied
 * autoencoder, or the hidden code of any aligned linear chain),
 * <pre>
 *   D(θ) = (1/m) Σ_ν ṡ_{θ,ν}ᵀ M ṡ_{θ,ν} = Σ_k u_k Q_k(θ),    Q_k(θ) = (1/m) Σ_ν (p_k · ṡ_{θ,ν})²
 * </pre>
 * where {@code ṡ = ∂s/∂θ} is the stimulus tangent, computed here by a float64 central difference of
 * the family's Java reference renderer (independent of TensorFlow), and {@code u_k} the PC
 * strengths (measured, or from {@link ModeDynamics}). With every {@code u_k = 1},
 * {@code D(θ) = ‖ṡ‖²}: the threshold floor {@code 1/‖ṡ‖}.
 *
 * <pre>{@code
 * LinearSensitivityTheory theory = new LinearSensitivityTheory(gabor, dataset.pca(), 256);
 * double[] d = theory.predict(strengthsAt(t));
 * double cbi = CardinalBias.of(gabor.values(), d).index();
 * }</pre>
 */
public final class LinearSensitivityTheory {
  private final double[] theta;
  private final double[][] q;    // [θ][k]
  private final double[] energy; // ‖ṡ‖² per θ (all pixels)

  /**
   * Precomputes the projections of the family's tangents on the first {@code components} PCs.
   * The family must render one grey channel of {@code pca.dim()} pixels.
   */
  public LinearSensitivityTheory(StimulusFamily family, Pca pca, int components) {
    checkRange("components", components, 1, pca.dim());
    if (family.imageSize() != pca.dim()) {
      throw new IllegalArgumentException("family '" + family.name() + "' renders " + family.imageSize()
          + " values per image, the PCs have " + pca.dim());
    }
    this.theta = family.values();
    Matrix p = pca.components();
    int m = family.nuisanceCount();
    this.q = new double[theta.length][components];
    this.energy = new double[theta.length];
    for (int i = 0; i < theta.length; i++) {
      for (int j = 0; j < m; j++) {
        double[] t = tangent(family, theta[i], j);
        double e = 0;
        for (double v : t) {
          e += v * v;
        }
        energy[i] += e / m;
        for (int k = 0; k < components; k++) {
          double dot = 0;
          for (int x = 0; x < t.length; x++) {
            dot += p.get(k, x) * t[x];
          }
          q[i][k] += dot * dot / m;
        }
      }
    }
  }

  /** {@code ∂s/∂θ} by a float64 central difference of the reference renderer (step 1e-5 of θ's unit). */
  public static double[] tangent(StimulusFamily family, double theta, int nuisance) {
    double h = 1e-5;
    double[] a = family.reference(theta + h, nuisance);
    double[] b = family.reference(theta - h, nuisance);
    double[] t = new double[a.length];
    for (int i = 0; i < t.length; i++) {
      t[i] = (a[i] - b[i]) / (2 * h);
    }
    return t;
  }

  /**
   * {@code ‖ṡ(θ)‖²} averaged over the nuisance, for every θ of the family: the sensitivity of the
   * identity map, whose threshold {@code 1/‖ṡ‖} is the floor a fully learned code reaches.
   */
  public static double[] tangentEnergy(StimulusFamily family) {
    double[] theta = family.values();
    double[] e = new double[theta.length];
    int m = family.nuisanceCount();
    for (int i = 0; i < theta.length; i++) {
      for (int j = 0; j < m; j++) {
        for (double v : tangent(family, theta[i], j)) {
          e[i] += v * v / m;
        }
      }
    }
    return e;
  }

  /** The θ grid. */
  public double[] theta() {
    return theta.clone();
  }

  /** {@code D(θ) = Σ_k u_k Q_k(θ)} for PC strengths {@code u} (at least as many as components). */
  public double[] predict(double[] strengths) {
    double[] d = new double[theta.length];
    for (int i = 0; i < theta.length; i++) {
      for (int k = 0; k < q[i].length; k++) {
        d[i] += strengths[k] * q[i][k];
      }
    }
    return d;
  }

  /** {@code ‖ṡ(θ)‖²} averaged over the nuisance: D of the identity map, whose threshold is the floor. */
  public double[] fullyLearned() {
    return energy.clone();
  }
}
