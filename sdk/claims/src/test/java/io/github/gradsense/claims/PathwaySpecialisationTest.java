package io.github.gradsense.claims;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The C6 depth sweep runs end to end with tiny arguments and writes its tables and plots. */
class PathwaySpecialisationTest {
  @TempDir Path out;

  @Test
  void the_depth_sweep_writes_tables_plots_and_run_folders() throws Exception {
    assertThat(PathwaySpecialisation.of(out, 32, 1, 2).run().medians()).containsOnlyKeys(2);
    assertThat(Files.readAllLines(out.resolve("concentration.csv"))).hasSize(1 + 8).first().isEqualTo("depth,seed,mode,k1,k2,c");
    assertThat(Files.readString(out.resolve("c6.json"))).contains("medianConcentrationPerSeed");
    assertThat(out.resolve("concentration-vs-depth.png")).isNotEmptyFile();
    assertThat(out.resolve("trajectories-D2.png")).isNotEmptyFile();
    assertThat(out.resolve("runs/D2-s1/run.json")).exists();
    // 100 probe rows of 8 modes
    assertThat(Files.readAllLines(out.resolve("trajectories.csv")).size()).isGreaterThan(800);
  }
}
