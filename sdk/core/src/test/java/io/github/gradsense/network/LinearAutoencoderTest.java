package io.github.gradsense.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.gradsense.data.Data;
import io.github.gradsense.data.Dataset;
import io.github.gradsense.data.Spectrum;
import io.github.gradsense.runtime.Matrix;
import io.github.gradsense.runtime.RuntimeConfig;
import io.github.gradsense.runtime.TfSession;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tensorflow.types.TFloat64;

class LinearAutoencoderTest {
  private static final RuntimeConfig CONFIG = RuntimeConfig.defaults().withThreads(2);
  private static final Dataset DATA = Data.gaussian(Spectrum.powerLaw(6, 1.0, 1.0)).build(CONFIG);

  @Test
  void the_authors_variants_and_their_init_scales() {
    assertThat(Networks.linearAutoencoder().tied().effectiveInit()).isEqualTo(new UniformInit(0.01));
    assertThat(Networks.linearAutoencoder().effectiveInit()).isEqualTo(new UniformInit(0.01));
    assertThat(Networks.linearAutoencoder().factors(3).effectiveInit()).isEqualTo(new UniformInit(0.02));
    assertThat(Networks.linearAutoencoder().factors(3).probePoints()).containsExactly("hidden1", "hidden2", "output");
    assertThat(Networks.linearAutoencoder().tied().probePoints()).containsExactly("hidden1", "output");
  }

  @Test
  void a_tied_net_has_two_factors() {
    assertThatThrownBy(() -> new LinearAutoencoder(3, true, 0, null))
        .hasMessage("a tied autoencoder (M = WᵀW) has factors = 2, got 3");
  }

  @Test
  void uniform_init_lies_in_the_interval_with_variance_s2_over_12() {
    Matrix w = new UniformInit(0.02).initialise(new InitRequest(1, 2, 200, 200, false, new SplittableRandom(1), null));
    double sum2 = 0;
    for (double v : w.toArray()) {
      assertThat(Math.abs(v)).isLessThanOrEqualTo(0.01);
      sum2 += v * v;
    }
    assertThat(sum2 / 40_000).isCloseTo(0.0004 / 12, within(0.0004 / 12 * 0.05));
  }

  @Test
  void the_graph_computes_the_product_of_its_factors() {
    try (TfSession<TFloat64> s = TfSession.float64(CONFIG)) {
      LinearNetworkGraph<TFloat64> g = Networks.linearAutoencoder().factors(3).build(s, NetworkContext.of(6, 3));
      Matrix w1 = s.fetchMatrix(g.factor(1));
      Matrix w2 = s.fetchMatrix(g.factor(2));
      Matrix w3 = s.fetchMatrix(g.factor(3));
      Matrix m = w3.times(w2).times(w1);
      assertThat(s.fetchMatrix(g.endToEnd()).maxAbsDifference(m)).isLessThan(1e-15);
      Matrix x = Matrix.of(2, 6, 1, 2, 3, 4, 5, 6, -1, 0, 1, 0, -1, 0);
      Matrix y = s.fetchMatrix(g.forward(s.constant(x), "output"));
      assertThat(y.maxAbsDifference(x.times(m.transpose()))).isLessThan(1e-15);
      Matrix h = s.fetchMatrix(g.forward(s.constant(x), "hidden1"));
      assertThat(h.maxAbsDifference(x.times(w1.transpose()))).isLessThan(1e-15);
    }
  }

  @Test
  void storing_in_the_pc_basis_keeps_the_same_map() {
    try (TfSession<TFloat64> s = TfSession.float64(CONFIG)) {
      LinearAutoencoder net = Networks.linearAutoencoder().tied();
      LinearNetworkGraph<TFloat64> plain = net.build(s, NetworkContext.of(6, 9));
      LinearNetworkGraph<TFloat64> rotated = net.build(s, NetworkContext.of(6, 9).withDataBasis(DATA.pca(), true));
      Matrix m = s.fetchMatrix(plain.endToEnd());
      assertThat(s.fetchMatrix(rotated.endToEnd()).maxAbsDifference(m)).isLessThan(1e-15);
      Matrix p = DATA.pca().components();
      assertThat(s.fetchMatrix(rotated.endToEndStored()).maxAbsDifference(p.times(m).times(p.transpose()))).isLessThan(1e-15);
    }
  }

  @Test
  void the_aligned_balanced_start_puts_every_pc_at_u0() {
    for (LinearAutoencoder net : new LinearAutoencoder[] {
        Networks.linearAutoencoder().tied(), Networks.linearAutoencoder().factors(3).hiddenWidth(9)}) {
      try (TfSession<TFloat64> s = TfSession.float64(CONFIG)) {
        LinearNetworkGraph<TFloat64> g = net.init(new AlignedBalancedInit(0.01))
            .build(s, NetworkContext.of(6, 1).withDataBasis(DATA.pca(), false));
        Matrix expected = Matrix.identity(6).scale(0.01);
        assertThat(s.fetchMatrix(g.endToEnd()).maxAbsDifference(expected)).isLessThan(1e-15);
      }
    }
  }

  @Test
  void an_unknown_probe_point_lists_the_valid_ones() {
    try (TfSession<TFloat64> s = TfSession.float64(CONFIG)) {
      LinearNetworkGraph<TFloat64> g = Networks.linearAutoencoder().build(s, NetworkContext.of(6, 1));
      assertThatThrownBy(() -> g.forward(s.identity(6), "conv2"))
          .hasMessage("unknown probe point 'conv2'; valid probe points: hidden1, output");
    }
  }
}
