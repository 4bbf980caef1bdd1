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
    // the runs are a sweep's cells: one folder per depth × seed, named by its spec's hash, and one tidy table
    assertThat(out.resolve("sweep.csv")).isNotEmptyFile();
    try (var cells = Files.list(out.resolve("cells"))) {
      assertThat(cells.filter(c -> Files.exists(c.resolve("run.json"))).count()).isEqualTo(1);
    }
    // 100 probe rows of 8 modes
    assertThat(Files.readAllLines(out.resolve("trajectories.csv")).size()).isGreaterThan(800);
  }
}
