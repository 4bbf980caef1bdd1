package io.github.gradsense.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.gradsense.network.FixedInit;
import io.github.gradsense.network.NetworkContext;
import io.github.gradsense.network.NetworkGraph;
import io.github.gradsense.network.Networks;
import io.github.gradsense.runtime.Matrix;
import io.github.gradsense.runtime.RuntimeConfig;
import io.github.gradsense.runtime.TfSession;
import io.github.gradsense.stimulus.Gabor;
import io.github.gradsense.stimulus.Stimuli;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.types.TFloat64;

class SensitivityTest {
  private static final RuntimeConfig CONFIG = RuntimeConfig.defaults().withThreads(2);

  @Test
  void through_the_identity_the_sensitivity_is_the_tangent_energy() {
    Gabor g = Stimuli.gabor().size(16).channels(1).orientations(6).phases(3).rescale(Gabor.Contrast.FIXED);
    try (TfSession<TFloat64> s = TfSession.float64(CONFIG)) {
      NetworkGraph<TFloat64> id = Networks.linearAutoencoder().factors(1).init(new FixedInit(List.of(Matrix.identity(256))))
          .build(s, NetworkContext.of(256, 1));
      double[] d = Probes.sensitivity(g).attach(new ProbeContext<>(s, id, null)).measure()[0];
      double[] e = io.github.gradsense.analysis.LinearSensitivityTheory.tangentEnergy(g);
      // graph tangents (double backward through the renderer) against float64 central differences
      // of the Java reference (step 1e-5, truncation ~1e-10 relative)
      for (int i = 0; i < d.length; i++) {
        assertThat(d[i]).isCloseTo(e[i], org.assertj.core.data.Percentage.withPercentage(1e-6));
      }
    }
  }

  @Test
  void probe_points_and_image_shapes_are_checked_before_native_work() {
    var p = Probes.sensitivity(Stimuli.gabor().size(32)).at("hidden9");
    assertThatThrownBy(() -> p.check(1024, List.of("hidden1", "output")))
        .hasMessage("unknown probe point 'hidden9'; valid probe points: hidden1, output");
    var q = Probes.sensitivity(Stimuli.gabor().size(32)).at("output");
    assertThatThrownBy(() -> q.check(256, List.of("output")))
        .hasMessage("stimulus 'gabor' renders 32x32x3 images, which do not fit network inputs of 256 values");
  }

  @Test
  void series_names_tell_probes_apart() {
    assertThat(Probes.sensitivity(Stimuli.grating()).name()).isEqualTo("sensitivity-grating");
    assertThat(Probes.sensitivity(Stimuli.grating()).named("low").finiteDifference().name()).isEqualTo("sensitivity-low-fd");
    assertThat(Probes.sensitivity(Stimuli.uniformHue()).finiteDifference().step()).isEqualTo(0.1);
    assertThatThrownBy(() -> Probes.sensitivity(Stimuli.grating()).named("a/b"))
        .hasMessage("label must be letters, digits, '.', '_' or '-', got 'a/b'");
  }
}
