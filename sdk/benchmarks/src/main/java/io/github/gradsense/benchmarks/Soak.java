package io.github.gradsense.benchmarks;

import io.github.gradsense.data.Data;
import io.github.gradsense.data.Dataset;
import io.github.gradsense.data.Spectrum;
import io.github.gradsense.experiment.Experiment;
import io.github.gradsense.experiment.LayerProbe;
import io.github.gradsense.network.Networks;
import io.github.gradsense.network.Sequential;
import io.github.gradsense.probe.Probes;
import io.github.gradsense.report.Report;
import io.github.gradsense.runtime.ProcessResources;
import io.github.gradsense.runtime.RuntimeConfig;
import io.github.gradsense.stimulus.Stimuli;
import io.github.gradsense.stimulus.StimulusFamily;
import io.github.gradsense.train.Training;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The soak: many runs in one JVM with resident memory and open file descriptors sampled, to show
 * that they stay flat after warm-up. Phase 1 runs {@code runs} small experiments (a tied linear
 * autoencoder on Gaussian data: session, mini-batch training, a probe, a run folder written and
 * deleted); phase 2 runs {@code probes} layer-by-layer probes of a small CNN, cycling through the
 * Gabor, rotated-grating and uniform-hue families (the engine of {@code gradsense probe}). Prints
 * one line per sample and, per phase, the growth from the sample after warm-up (a fifth of the
 * phase) to the end.
 *
 * <pre>
 * java -cp sdk/benchmarks/target/benchmarks.jar io.github.gradsense.benchmarks.Soak 10000 1000
 * </pre>
 */
public final class Soak {
  private Soak() {}

  /** {@code Soak [runs [probes]]}, defaults 10,000 and 1,000. */
  public static void main(String[] args) throws IOException {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int probes = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
    RuntimeConfig config = RuntimeConfig.defaults().withThreads(2);
    Dataset data = Data.gaussian(Spectrum.powerLaw(8, 1.0, 1.0)).withSamples(200).withSeed(4).build(config);
    Path dir = Files.createTempDirectory("gradsense-soak");
    long t0 = System.nanoTime();
    phase("experiments", runs, i -> {
      Path out = dir.resolve("run-" + i);
      Experiment.named("soak-" + i).data(data).network(Networks.linearAutoencoder().tied())
          .train(Training.miniBatch(0.5).batch(50).steps(10).seed(i)).probe(Probes.modeStrength(4).every(5))
          .runtime(config).progress(false).run(Report.to(out));
      delete(out);
    }, t0);
    Sequential cnn = Networks.sequential(32, 32, 3).conv(8, 5).relu().maxPool(2).flatten().dense(10);
    List<StimulusFamily> families = List.of(Stimuli.gabor().size(32).orientations(12).phases(2),
        Stimuli.rotatedGrating().size(32).orientations(12).phases(2), Stimuli.uniformHue().size(32).hues(12));
    phase("probes", probes, i -> {
      LayerProbe p = LayerProbe.of(cnn).stimulus(families.get(i % families.size()));
      new LayerProbe(p.networks(), p.family(), p.points(), p.batch(), p.runtime(), false).run();
    }, t0);
    delete(dir);
  }

  private interface Run {
    void run(int i) throws IOException;
  }

  private static void phase(String name, int n, Run run, long t0) throws IOException {
    ProcessResources warm = null;
    int every = Math.max(1, n / 20);
    for (int i = 0; i < n; i++) {
      run.run(i);
      if ((i + 1) % every == 0 || i + 1 == n) {
        System.gc();
        ProcessResources r = ProcessResources.now();
        if (warm == null && i + 1 >= n / 5) {
          warm = r;
        }
        System.out.printf("%s %6d  %7.1f s  RSS %8.1f MB  fds %4d%n", name, i + 1, (System.nanoTime() - t0) / 1e9,
            r.residentBytes() / 1e6, r.openFiles());
      }
    }
    ProcessResources end = ProcessResources.now();
    if (warm != null) {
      System.out.printf("%s: after warm-up RSS %.1f MB, %d fds; at the end RSS %.1f MB (%+.1f %%), %d fds (%+d)%n", name,
          warm.residentBytes() / 1e6, warm.openFiles(), end.residentBytes() / 1e6,
          100.0 * (end.residentBytes() - warm.residentBytes()) / warm.residentBytes(), end.openFiles(),
          end.openFiles() - warm.openFiles());
    }
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
