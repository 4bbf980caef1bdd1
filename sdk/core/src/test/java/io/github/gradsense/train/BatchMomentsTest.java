package io.github.gradsense.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.gradsense.data.Data;
import io.github.gradsense.data.Dataset;
import io.github.gradsense.data.ImageSource;
import io.github.gradsense.data.SampleMatrix;
import io.github.gradsense.network.LinearAutoencoder;
import io.github.gradsense.network.LinearNetworkGraph;
import io.github.gradsense.network.Networks;
import io.github.gradsense.network.NetworkContext;
import io.github.gradsense.runtime.RuntimeConfig;
import io.github.gradsense.runtime.TfSession;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.family.TFloating;

/** The mini-batch gathered in the graph and its block-triangular second moment, against Java. */
class BatchMomentsTest {
  private static final RuntimeConfig CONFIG = RuntimeConfig.defaults().withThreads(2);
  private static final int N = 37;
  private static final int D = 10;
  private static final int WIDTH = 3;                       // blocks of 3, 3, 3 and 1 columns
  private static final int[] INDEX = {5, 0, 36, 5, 12, 20, 7};
  private static final SampleMatrix X = random(N, D, 4);

  private static SampleMatrix random(int rows, int cols, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] v = new float[rows * cols];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) r.nextGaussian();
    }
    return SampleMatrix.of(rows, cols, v);
  }

  private static <T extends TFloating> double[][] fetch(TfSession<T> s, BatchMoments<T> m, boolean batch) {
    var f = s.runner().feed(m.index(), INDEX, INDEX.length).fetch(batch ? m.batch(s.tf()) : m.secondMoment()).run();
    double[] v = f.get(0);
    int rows = batch ? INDEX.length : D;
    double[][] out = new double[rows][D];
    for (int i = 0; i < rows; i++) {
      System.arraycopy(v, i * D, out[i], 0, D);
    }
    return out;
  }

  @Test
  void the_batch_gathered_in_the_graph_is_the_indexed_rows_bit_for_bit() {
    try (TfSession<TFloat32> s = TfSession.float32(CONFIG)) {
      double[][] xb = fetch(s, BatchMoments.create(s, X, WIDTH), true);
      for (int r = 0; r < INDEX.length; r++) {
        for (int j = 0; j < D; j++) {
          assertThat(Float.floatToRawIntBits((float) xb[r][j])).as("row %d col %d", r, j)
              .isEqualTo(Float.floatToRawIntBits(X.get(INDEX[r], j)));
        }
      }
    }
  }

  @Test
  void the_second_moment_is_the_batch_product_and_exactly_symmetric() {
    double[][] expected = new double[D][D];           // Σ_b x_bi x_bj in float64
    for (int i = 0; i < D; i++) {
      for (int j = 0; j < D; j++) {
        for (int r : INDEX) {
          expected[i][j] += (double) X.get(r, i) * X.get(r, j);
        }
      }
    }
    try (TfSession<TFloat64> s64 = TfSession.float64(CONFIG); TfSession<TFloat32> s32 = TfSession.float32(CONFIG)) {
      double[][] c64 = fetch(s64, BatchMoments.create(s64, X, WIDTH), false);
      double[][] c32 = fetch(s32, BatchMoments.create(s32, X, WIDTH), false);
      for (int i = 0; i < D; i++) {
        for (int j = 0; j < D; j++) {
          assertThat(c64[i][j]).isCloseTo(expected[i][j], within(1e-12));
          assertThat(c32[i][j]).isCloseTo(expected[i][j], within(1e-5));
          assertThat(c64[i][j]).isEqualTo(c64[j][i]);
          assertThat(c32[i][j]).isEqualTo(c32[j][i]);
        }
      }
    }
  }

  /**
   * 30 steps (d = 256: two column blocks; batch 1,024 of 4,096 synthetic 16×16 patches, η = 0.5,
   * float64) end at the loss the single-product, autodiff step of 334a358 reached (values printed by
   * that version): the blocked moment and the seeded gradient change only rounding.
   */
  @Test
  void a_training_run_ends_where_the_single_product_step_ended() {
    Dataset data = Data.naturalPatches(ImageSource.synthetic()).patchSize(16).count(4096).build(CONFIG);
    assertThat(finalLoss(data, Networks.linearAutoencoder(), Training.NoiseRealisation.CONDITIONAL))
        .isCloseTo(0.06428137252996213, within(1e-15));
    assertThat(finalLoss(data, Networks.linearAutoencoder().factors(3), Training.NoiseRealisation.PER_PIXEL))
        .isCloseTo(0.0646021621337312, within(1e-15));
  }

  private static double finalLoss(Dataset data, LinearAutoencoder net, Training.NoiseRealisation noise) {
    try (TfSession<TFloat64> s = TfSession.float64(CONFIG)) {
      LinearNetworkGraph<TFloat64> g = net.build(s, NetworkContext.of(data.dim(), 1));
      LinearTrainer<TFloat64> t = LinearTrainer.create(s, g, data,
          Training.miniBatch(0.5).batch(1024).steps(30).noiseRealisation(noise));
      double loss = 0;
      for (int i = 0; i < 30; i++) {
        loss = t.step().loss();
      }
      return loss;
    }
  }
}
