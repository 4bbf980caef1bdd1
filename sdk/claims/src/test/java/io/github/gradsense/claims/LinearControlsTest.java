package io.github.gradsense.claims;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gradsense.data.ImageSource;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The C2 (linear) and C4 reproductions run end to end with tiny arguments, so they never rot. */
class LinearControlsTest {
  @TempDir Path out;

  @Test
  void the_cardinal_bias_reproduction_writes_every_condition() {
    LinearCardinalBias.Summary s = new LinearCardinalBias(ImageSource.synthetic().withCount(4).withSize(128), 12, 3000)
        .run(out.resolve("c2"));
    assertThat(s.cbi()).containsOnlyKeys("trained", "rotated", "untrained", "shuffled");
    assertThat(out.resolve("c2/cbi-map.csv")).exists();
    assertThat(out.resolve("c2/orientation-curves.csv")).exists();
    assertThat(out.resolve("c2/shuffled/run.json")).exists();
  }

  @Test
  void the_acuity_reproduction_writes_thresholds_and_acuity() {
    Acuity.Summary s = new Acuity(ImageSource.synthetic().withCount(4).withSize(128), 12, 3000).run(out.resolve("c4"));
    assertThat(s.finalAcuity()).isPositive();
    assertThat(out.resolve("c4/thresholds.csv")).exists();
    assertThat(out.resolve("c4/acuity.csv")).exists();
  }
}
