package io.github.gradsense.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.gradsense.data.Data;
import io.github.gradsense.data.Dataset;
import io.github.gradsense.data.SampleMatrix;
import io.github.gradsense.data.Spectrum;
import io.github.gradsense.network.LinearAutoencoder;
import io.github.gradsense.network.LinearNetworkGraph;
import io.github.gradsense.network.NetworkContext;
import io.github.gradsense.network.Networks;
import io.github.gradsense.runtime.Matrix;
import io.github.gradsense.runtime.RuntimeConfig;
import io.github.gradsense.runtime.TfSession;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.tensorflow.types.TFloat64;

/** The moment-form trainer against independent float64 Java references. */
class LinearTrainerTest {
  private static final RuntimeConfig CONFIG = RuntimeConfig.defaults().withThreads(2);
  private static final int D = 5;
  private static final Dataset SAMPLES =
      Data.gaussian(Spectrum.powerLaw(D, 1.0, 1.0)).withSamples(64).withSeed(2).build(CONFIG);

  /** Per-sample loss (1/(n d)) Σ ‖x − M x‖², in Java. */
  private static double javaLoss(Matrix m, SampleMatrix x) {
    double s = 0;
    for (int i = 0; i < x.rows(); i++) {
      float[] row = x.row(i);
      double[] v = new double[D];
      for (int j = 0; j < D; j++) {
        v[j] = row[j];
      }
      double[] mv = m.times(v);
      for (int j = 0; j < D; j++) {
        s += (v[j] - mv[j]) * (v[j] - mv[j]);
      }
    }
    return s / (x.rows() * (double) D);
  }

  private static Matrix product(List<Matrix> w, boolean tied) {
    if (tied) {
      return w.get(0).transpose().times(w.get(0));
    }
    Matrix m = w.get(0);
    for (int i = 1; i < w.size(); i++) {
      m = w.get(i).times(m);
    }
    return m;
  }

  private static List<Matrix> factors(TfSession<TFloat64> s, LinearNetworkGraph<TFloat64> g) {
    List<Matrix> w = new ArrayList<>();
    for (int i = 1; i <= g.factorCount(); i++) {
      w.add(s.fetchMatrix(g.factor(i)));
    }
    return w;
  }

  @Test
  void the_moment_form_loss_is_the_per_sample_loss() {
    for (LinearAutoencoder net : new LinearAutoencoder[] {
        Networks.linearAutoencoder().tied().initScale(0.5), Networks.linearAutoencoder().factors(3).initScale(0.8)}) {
      try (TfSession<TFloat64> s = TfSession.float64(CONFIG)) {
        LinearNetworkGraph<TFloat64> g = net.build(s, NetworkContext.of(D, 1));
        Training t = Training.miniBatch(0.1).batch(64).steps(1).outputNoise(0);
        LinearTrainer<TFloat64> trainer = LinearTrainer.create(s, g, SAMPLES, t);
        Matrix m = product(factors(s, g), net.tiedWeights());
        double loss = trainer.step().loss();
        assertThat(loss).isCloseTo(javaLoss(m, SAMPLES.samples().orElseThrow()), within(1e-13));
      }
    }
  }

  @Test
  void an_update_is_minus_the_learning_rate_times_the_finite_difference_gradient() {
    double eta = 0.05;
    LinearAutoencoder net = Networks.linearAutoencoder().initScale(0.6);
    try (TfSession<TFloat64> s = TfSession.float64(CONFIG)) {
      LinearNetworkGraph<TFloat64> g = net.build(s, NetworkContext.of(D, 4));
      LinearTrainer<TFloat64> trainer = LinearTrainer.create(s, g, SAMPLES, Training.miniBatch(eta).batch(64).steps(1).outputNoise(0));
      List<Matrix> before = factors(s, g);
      trainer.step();
      List<Matrix> after = factors(s, g);
      SampleMatrix x = SAMPLES.samples().orElseThrow();
      for (int f = 0; f < 2; f++) {
        for (int[] ij : new int[][] {{0, 0}, {1, 3}, {4, 2}}) {
          int fi = f;
          Function<Double, Double> lossAt = h -> {
            List<Matrix> w = new ArrayList<>(before);
            double[] v = w.get(fi).toArray();
            v[ij[0] * D + ij[1]] += h;
            w.set(fi, Matrix.of(D, D, v));
            return javaLoss(product(w, false), x);
          };
          double eps = 1e-5;
          double fd = (lossAt.apply(eps) - lossAt.apply(-eps)) / (2 * eps);
          double step = (before.get(f).get(ij[0], ij[1]) - after.get(f).get(ij[0], ij[1])) / eta;
          // central differences of a quartic in the weights: truncation ~eps² · |∂³L| ≈ 1e-10
          assertThat(step).isCloseTo(fd, within(1e-8));
        }
      }
    }
  }

  @Test
  void the_expected_gradient_loss_is_the_covariance_form_in_either_basis() {
    Dataset pop = Data.gaussian(Spectrum.powerLaw(D, 1.0, 2.0)).withSeed(5).build(CONFIG);
    for (boolean pcBasis : new boolean[] {true, false}) {
      try (TfSession<TFloat64> s = TfSession.float64(CONFIG)) {
        LinearNetworkGraph<TFloat64> g = Networks.linearAutoencoder().initScale(0.7)
            .build(s, NetworkContext.of(D, 3).withDataBasis(pop.pca(), pcBasis));
        LinearTrainer<TFloat64> trainer = LinearTrainer.create(s, g, pop,
            Training.expectedGradient(0.1).steps(1).outputNoise(0.3).pcBasis(pcBasis));
        Matrix m = product(factors(s, g), false);
        double[] rv = Matrix.identity(D).toArray();
        double[] mv = m.toArray();
        for (int i = 0; i < rv.length; i++) {
          rv[i] -= mv[i];
        }
        Matrix res = Matrix.of(D, D, rv);
        double trace = 0;
        for (double v : res.times(pop.covariance()).times(res.transpose()).diagonal()) {
          trace += v;
        }
        // (1/d) tr((I − M) Σ (I − M)ᵀ) + σ²
        assertThat(trainer.step().loss()).isCloseTo(trace / D + 0.09, within(1e-12));
      }
    }
  }

  @Test
  void the_pc_basis_changes_nothing_but_the_cost() {
    Dataset pop = Data.gaussian(Spectrum.powerLaw(D, 1.0, 1.0)).withSeed(8).build(CONFIG);
    Matrix[] end = new Matrix[2];
    for (int b = 0; b < 2; b++) {
      try (TfSession<TFloat64> s = TfSession.float64(CONFIG)) {
        LinearNetworkGraph<TFloat64> g = Networks.linearAutoencoder().factors(3).initScale(0.3)
            .build(s, NetworkContext.of(D, 6).withDataBasis(pop.pca(), b == 0));
        LinearTrainer<TFloat64> trainer = LinearTrainer.create(s, g, pop, Training.expectedGradient(0.5).steps(200).pcBasis(b == 0));
        while (trainer.stepsDone() < trainer.totalSteps()) {
          trainer.step();
        }
        end[b] = s.fetchMatrix(g.endToEnd());
      }
    }
    assertThat(end[0].maxAbsDifference(end[1])).isLessThan(1e-12);
  }

  @Test
  void both_noise_realisations_give_the_gradient_noise_its_exact_variance() {
    // One factor, M = W: ΔW = (2η/(Bd)) [(I − W) C − G] with G = Nᵀ X, whose entries have
    // variance σ² C_jj. At a tiny η, W hardly moves, and the steps sample that law.
    int steps = 400;
    double eta = 1e-4;
    double sigma = 0.5;
    for (Training.NoiseRealisation realisation : Training.NoiseRealisation.values()) {
      try (TfSession<TFloat64> s = TfSession.float64(CONFIG)) {
        LinearNetworkGraph<TFloat64> g = Networks.linearAutoencoder().factors(1).initScale(0.1).build(s, NetworkContext.of(D, 1));
        LinearTrainer<TFloat64> trainer = LinearTrainer.create(s, g, SAMPLES,
            Training.miniBatch(eta).batch(64).steps(steps).outputNoise(sigma).noiseRealisation(realisation).seed(3));
        double[][] increments = new double[steps][];
        Matrix w = s.fetchMatrix(g.factor(1));
        for (int i = 0; i < steps; i++) {
          trainer.step();
          Matrix next = s.fetchMatrix(g.factor(1));
          double[] a = next.toArray();
          double[] b = w.toArray();
          for (int k = 0; k < a.length; k++) {
            a[k] -= b[k];
          }
          increments[i] = a;
          w = next;
        }
        Matrix c = SAMPLES.covariance().scale(64);  // C = XᵀX of the full batch
        double ratio = 0;
        for (int k = 0; k < D * D; k++) {
          double mean = 0;
          for (double[] inc : increments) {
            mean += inc[k];
          }
          mean /= steps;
          double var = 0;
          for (double[] inc : increments) {
            var += (inc[k] - mean) * (inc[k] - mean);
          }
          var /= steps - 1;
          int j = k % D;
          double coef = 2 * eta / (64.0 * D);
          ratio += var / (coef * coef * sigma * sigma * c.get(j, j));
        }
        ratio /= D * D;
        // each entry's sample variance over 400 steps has relative sd √(2/399) = 7 %; the mean of
        // 25 entries is at least that precise; 0.8–1.25 is more than 2.5 sd either way.
        assertThat(ratio).as(realisation.toString()).isBetween(0.8, 1.25);
      }
    }
  }

  @Test
  void conditional_noise_at_a_batch_no_larger_than_the_dimension_trains_instead_of_failing_its_cholesky() {
    for (int batch : new int[] {3, D}) {      // X_bᵀX_b singular, and square but float32-ill-conditioned
      try (TfSession<org.tensorflow.types.TFloat32> s = TfSession.float32(CONFIG)) {
        LinearNetworkGraph<org.tensorflow.types.TFloat32> g = Networks.linearAutoencoder().build(s, NetworkContext.of(D, 1));
        LinearTrainer<org.tensorflow.types.TFloat32> trainer = LinearTrainer.create(s, g, SAMPLES,
            Training.miniBatch(0.1).batch(batch).steps(40).seed(3));
        while (trainer.stepsDone() < trainer.totalSteps()) {
          assertThat(trainer.step().loss()).as("batch %d, step %d", batch, trainer.stepsDone()).isFinite();
        }
      }
    }
  }

  @Test
  void a_diverging_run_stops_with_the_step_and_the_knob_to_turn() {
    Dataset pop = Data.gaussian(Spectrum.powerLaw(D, 1.0, 1.0)).build(CONFIG);
    try (TfSession<TFloat64> s = TfSession.float64(CONFIG)) {
      LinearNetworkGraph<TFloat64> g = Networks.linearAutoencoder().tied().initScale(0.5).build(s, NetworkContext.of(D, 1));
      LinearTrainer<TFloat64> trainer = LinearTrainer.create(s, g, pop, Training.expectedGradient(50).steps(200));
      assertThatThrownBy(() -> {
        while (trainer.stepsDone() < trainer.totalSteps()) {
          trainer.step();
        }
      }).isInstanceOf(TrainingDivergedException.class)
          .hasMessageContaining("training diverged at step ")
          .hasMessageContaining("Reduce learningRate (now 50.0)")
          .hasMessageContaining("stable only for learningRate below about 1.25");
    }
  }
}
