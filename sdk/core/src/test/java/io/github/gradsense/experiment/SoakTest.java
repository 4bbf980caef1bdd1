package io.github.gradsense.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gradsense.data.Data;
import io.github.gradsense.data.Dataset;
import io.github.gradsense.data.Spectrum;
import io.github.gradsense.network.Networks;
import io.github.gradsense.probe.Probes;
import io.github.gradsense.report.Report;
import io.github.gradsense.runtime.ProcessResources;
import io.github.gradsense.runtime.RuntimeConfig;
import io.github.gradsense.train.Training;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Load: 1,000 small experiments in one JVM, each building its session, training, probing and
 * writing its folder, leak neither native memory nor files. After 200 runs of warm-up (TensorFlow's
 * kernels, allocator pools and the JIT settle), resident memory may grow by at most 25 % + 64 MB
 * over the next 800 runs — a leaked session or graph per run (≈ 1 MB native each) would add
 * ≥ 800 MB — and the open file descriptors by at most 4 (one leaked CSV writer per run would add
 * 800). The 10,000-run figures are the soak program's (gradsense-benchmarks {@code Soak}).
 */
class SoakTest {
  private static final RuntimeConfig CONFIG = RuntimeConfig.defaults().withThreads(2);
  private static final Dataset DATA = Data.gaussian(Spectrum.powerLaw(8, 1.0, 1.0)).withSamples(200).withSeed(4).build(CONFIG);

  static Experiment small(int i) {
    return Experiment.named("soak-" + i).data(DATA).network(Networks.linearAutoencoder().tied())
        .train(Training.miniBatch(0.5).batch(50).steps(10).seed(i)).probe(Probes.modeStrength(4).every(5))
        .runtime(CONFIG).progress(false);
  }

  @Test
  void a_thousand_runs_in_one_jvm_hold_memory_and_file_descriptors_flat(@TempDir Path dir) throws IOException {
    ProcessResources warm = null;
    for (int i = 0; i < 1000; i++) {
      Path out = dir.resolve("run-" + i);
      assertThat(small(i).run(Report.to(out)).finalLoss()).isFinite();
      delete(out);
      if (i == 199) {
        System.gc();
        warm = ProcessResources.now();
      }
    }
    System.gc();
    ProcessResources end = ProcessResources.now();
    System.out.printf("soak: after 200 runs RSS %.1f MB, %d fds; after 1000 runs RSS %.1f MB, %d fds%n",
        warm.residentBytes() / 1e6, warm.openFiles(), end.residentBytes() / 1e6, end.openFiles());
    assertThat(end.openFiles()).isLessThanOrEqualTo(warm.openFiles() + 4);
    assertThat(end.residentBytes()).isLessThanOrEqualTo((long) (warm.residentBytes() * 1.25) + (64L << 20));
  }

  static void delete(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
