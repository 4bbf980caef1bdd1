package io.github.gradsense.examples;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.gradsense.data.ImageSource;
import io.github.gradsense.report.GitInfo;
import io.github.gradsense.report.HtmlReport;
import io.github.gradsense.report.Json;
import io.github.gradsense.report.Plot;
import io.github.gradsense.report.Provenance;
import io.github.gradsense.report.RunWriter;
import io.github.gradsense.report.Verdict;
import io.github.gradsense.runtime.CpuInfo;
import io.github.gradsense.runtime.DeviceReport;
import io.github.gradsense.runtime.RuntimeConfig;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The {@code gradsense} command line: {@code gradsense list} names the claims it reproduces, and
 * {@code gradsense reproduce <claim>|all} trains them, writing under {@code --out} one folder per
 * claim (runs, CSV + {@code .npy} series, PNG + SVG figures, {@code outcome.json}), and at the top
 * {@code run.json} (this run's {@link Provenance}: the command's settings, seed, versions, commit) and
 * one self-contained {@code report.html} (verdicts with their numbers, every figure, the provenance).
 *
 * <pre>
 * gradsense list
 * gradsense reproduce all --out out                 # the embedded synthetic scenes, about 7 minutes on 2 cores
 * gradsense reproduce c1 c6 --images photos/ --seed 2
 * gradsense reproduce all --resume                  # after an interruption: finished claims are kept
 * </pre>
 */
@Command(name = "gradsense", mixinStandardHelpOptions = true, versionProvider = Gradsense.Version.class,
    subcommands = {Gradsense.ListClaims.class, Gradsense.Reproduce.class, ProbeCommand.class},
    description = "Reproduces the claims of Benjamin et al. 2022 and Shi et al. 2022 and writes their report.")
public final class Gradsense {
  private Gradsense() {}

  public static void main(String[] args) {
    System.setOut(wholeLines(new FileOutputStream(FileDescriptor.out)));
    System.setErr(wholeLines(new FileOutputStream(FileDescriptor.err)));
    System.exit(new CommandLine(Gradsense.class).execute(args));
  }

  /**
   * A console stream that writes each line whole, in one write: the results (standard output) and
   * the progress (standard error) share a terminal or a build log, and Java's own streams pass a
   * formatted line on in pieces as {@code printf} makes them, so that a progress line could land in
   * the middle of a result line. Here a line leaves only at its end (or when a progress bar
   * flushes its redrawn line), so lines of the two streams interleave but never split.
   */
  static PrintStream wholeLines(OutputStream out) {
    // not autoflush: an autoflushing PrintStream flushes after every piece printf hands it
    return new PrintStream(new WholeLines(out), false, StandardCharsets.UTF_8);
  }

  /** Passes bytes on a line at a time, each line in one write; {@link #flush} passes on a partial line too. */
  private static final class WholeLines extends OutputStream {
    private final OutputStream out;
    private final java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();

    WholeLines(OutputStream out) {
      this.out = out;
    }

    @Override
    public synchronized void write(int b) throws IOException {
      line.write(b);
      if (b == '\n') {
        emit();
      }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
      for (int i = off; i < off + len; i++) {
        write(b[i]);
      }
    }

    @Override
    public synchronized void flush() throws IOException {
      emit();
    }

    private void emit() throws IOException {
      if (line.size() > 0) {
        out.write(line.toByteArray());
        out.flush();
        line.reset();
      }
    }
  }

  /** The claims the command line reproduces; C2CNN and C3 share their CNN trainings ({@link CnnCodes}). */
  public enum Claim {
    C1("ordered-learning", "C1 ordered learning by variance (Benjamin et al. 2022, Fig. 5)"),
    C2("cardinal-bias", "C2 cardinal bias in the linear model (Benjamin et al. 2022, Fig. 2)"),
    C2CNN("cnn-cardinal-bias", "C2 cardinal bias in a trained CNN, layer by layer (Benjamin et al. 2022, Fig. 2)"),
    C3("hue", "C3 hue sensitivity follows the training hues (Benjamin et al. 2022, Fig. 3)"),
    C4("acuity", "C4 thresholds and acuity (Benjamin et al. 2022, Fig. 5f–h)"),
    C5("frequency-vs-information", "C5 frequency beats information (Benjamin et al. 2022, Fig. 6)"),
    C6("pathways", "C6 pathway specialisation with depth (Shi et al. 2022, Figs. 4–7)");

    /** Its folder under {@code --out}. */
    public final String folder;
    /** What it is. */
    public final String title;

    Claim(String folder, String title) {
      this.folder = folder;
      this.title = title;
    }
  }

  /**
   * One claim's result, kept as {@code outcome.json} in its folder (read back on {@code --resume}).
   *
   * @param claim which
   * @param verdicts its verdicts with their numbers
   * @param figures its figures, in its folder
   * @param seconds how long it took
   */
  public record Outcome(Claim claim, List<Verdict> verdicts, List<Plot.Figure> figures, double seconds) {}

  /** {@code gradsense list}. */
  @Command(name = "list", description = "Lists the claims that `reproduce` runs.")
  static final class ListClaims implements Callable<Integer> {
    @Override
    public Integer call() {
      for (Claim c : Claim.values()) {
        System.out.printf("%-6s %-26s %s%n", c.name().toLowerCase(Locale.ROOT), c.folder + "/", c.title);
      }
      return 0;
    }
  }

  /** {@code gradsense reproduce <claim>|all}. */
  @Command(name = "reproduce", mixinStandardHelpOptions = true,
      description = "Trains the claims' experiments and writes their runs, figures, verdicts and report.html under --out.")
  static final class Reproduce implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "CLAIM", description = "c1, c2, c2cnn, c3, c4, c5, c6 or all")
    List<String> claims = List.of();

    @Option(names = "--out", description = "output folder (default: ${DEFAULT-VALUE})", defaultValue = "out")
    Path out = Path.of("out");

    @Option(names = "--images", description = "a folder of PNG/JPEG photographs (default: the embedded synthetic scenes)")
    @Nullable Path images;

    @Option(names = "--full", description = "the papers' sizes: 32×32 patches, 100,352 of them; pathways of width 1000")
    boolean full;

    @Option(names = "--seed", description = "training seed (default: ${DEFAULT-VALUE})", defaultValue = "1")
    long seed = 1;

    @Option(names = "--resume", description = "keep the claims a previous run in --out finished; run the others")
    boolean resume;

    @Option(names = "--quick", description = "smoke-test sizes (seconds, not minutes; the numbers mean nothing)")
    boolean quick;

    @Option(names = "--device", description = "cpu or gpu (gpu needs the build's -Pgpu and CUDA 12.5 / cuDNN 9.3; default: ${DEFAULT-VALUE})",
        defaultValue = "cpu")
    String device = "cpu";

    @Option(names = "--deterministic", description = "the same bits on any x86-64 CPU with AVX2 (one thread, portable kernels; "
        + "about 1.7x slower): start the JVM with " + CpuInfo.PORTABLE_ENVIRONMENT + " in its environment")
    boolean deterministic;

    @CommandLine.Spec
    CommandLine.Model.@Nullable CommandSpec spec;

    /** The CNN trainings of C2CNN and C3, made by the first of them to run and shared with the other. */
    private CnnCodes.@Nullable Summary cnn;

    @Override
    public Integer call() {
      Set<Claim> chosen = parse(claims);
      if (!device.equalsIgnoreCase("cpu") && !device.equalsIgnoreCase("gpu")) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--device must be cpu or gpu, got '" + device + "'");
      }
      System.setProperty(RuntimeConfig.DEVICE_PROPERTY, device.toLowerCase(Locale.ROOT));
      if (deterministic) {
        if (device.equalsIgnoreCase("gpu")) {
          throw new CommandLine.ParameterException(spec.commandLine(), "--deterministic runs on the CPU; drop --device gpu");
        }
        try {
          CpuInfo.requirePortableKernels(System.getenv());
        } catch (IllegalStateException e) {
          throw new CommandLine.ParameterException(spec.commandLine(), "--deterministic: " + e.getMessage());
        }
        System.setProperty(RuntimeConfig.DETERMINISTIC_PROPERTY, "true");
      }
      if (images != null && !Files.isDirectory(images)) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--images " + images + " is not a folder");
      }
      if (Files.exists(out) && !Files.isDirectory(out)) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--out " + out + " exists and is not a folder");
      }
      // run.json is a Provenance like every run's: the command's settings as its configuration
      Map<String, JsonNode> config = new LinkedHashMap<>();
      config.put("command", Json.describe(spec.commandLine().getParseResult().originalArgs()));
      config.put("claims", Json.describe(List.copyOf(chosen)));
      config.put("images", Json.describe(images == null ? "the embedded synthetic scenes" : images.toAbsolutePath().toString()));
      config.put("sizes", Json.describe(full ? "full" : quick ? "quick" : "default"));
      config.put("device", Json.describe(device.toLowerCase(Locale.ROOT)));
      config.put("deterministic", Json.describe(deterministic));
      Provenance record = new Provenance("gradsense-reproduce", seed, config, DeviceReport.of(RuntimeConfig.defaults()),
          GitInfo.commit(Path.of("")).orElse(null), Instant.now().toString(), null, "running", List.of(), Map.of());
      try (RunWriter w = RunWriter.open(out)) {
        w.writeRunJson(record);
      }
      List<Outcome> outcomes = new ArrayList<>();
      int i = 0;
      for (Claim c : chosen) {
        i++;
        Path dir = out.resolve(c.folder);
        Path done = dir.resolve("outcome.json");
        if (resume && Files.exists(done)) {
          System.err.printf("[gradsense] (%d/%d) %s: finished before, kept (%s)%n", i, chosen.size(), c.title, done);
          outcomes.add(readOutcome(done));
          continue;
        }
        System.err.printf("[gradsense] (%d/%d) %s%n", i, chosen.size(), c.title);
        long t0 = System.nanoTime();
        Outcome o = run(c, dir);
        o = new Outcome(c, o.verdicts(), o.figures(), (System.nanoTime() - t0) / 1e9);
        try (RunWriter w = RunWriter.open(dir)) {
          w.writeAtomically("outcome.json", Json.write(o));
        }
        System.err.printf("[gradsense] (%d/%d) %s: %d of %d verdicts upheld in %s%n", i, chosen.size(), c.name(),
            o.verdicts().stream().filter(Verdict::upheld).count(), o.verdicts().size(),
            Duration.ofSeconds(Math.round(o.seconds())));
        outcomes.add(o);
      }
      long upheld = outcomes.stream().flatMap(o -> o.verdicts().stream()).filter(Verdict::upheld).count();
      long all = outcomes.stream().mapToLong(o -> o.verdicts().size()).sum();
      Provenance finished = record.finished("complete", Instant.now().toString(),
          Map.of("verdictsUpheld", upheld, "verdicts", all));
      try (RunWriter w = RunWriter.open(out)) {
        w.writeRunJson(finished);
        report(finished, outcomes).writeTo(w);
      }
      System.out.printf("%nverdicts upheld: %d of %d; report: %s%n", upheld, all, out.resolve("report.html").toAbsolutePath());
      return 0;
    }

    private Set<Claim> parse(List<String> names) {
      Set<Claim> chosen = EnumSet.noneOf(Claim.class);
      for (String n : names) {
        if (n.equalsIgnoreCase("all")) {
          chosen.addAll(EnumSet.allOf(Claim.class));
          continue;
        }
        try {
          chosen.add(Claim.valueOf(n.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
          throw new CommandLine.ParameterException(spec.commandLine(),
              "unknown claim '" + n + "': choose from c1, c2, c2cnn, c3, c4, c5, c6 or all (`gradsense list`)");
        }
      }
      return chosen;
    }

    private Outcome run(Claim c, Path dir) {
      ImageSource source = images != null ? ImageSource.folder(images) : ImageSource.synthetic();
      int side = full ? 32 : 16;
      int count = quick ? 2_000 : full ? 100_352 : 50_000;
      return switch (c) {
        case C1 -> {
          OrderedLearning c1 = new OrderedLearning();
          c1.out = dir;
          c1.images = images;
          c1.full = full;
          c1.seed = seed;
          if (quick) {
            c1.count = count;
            c1.top = 5;
            c1.maxSteps = 1_500;
          }
          OrderedLearning.Summary s = c1.run();
          yield new Outcome(c, s.verdicts(), s.figures(), 0);
        }
        case C2 -> {
          LinearCardinalBias.Summary s = new LinearCardinalBias(source, side, count).seed(seed).run(dir);
          yield new Outcome(c, s.verdicts(), s.figures(), 0);
        }
        // the shared trainings run once (under out/cnn); each claim's figures go to its own folder
        case C2CNN -> new Outcome(c, cnn().cardinalBiasVerdicts(), cnn().cardinalFigures(), 0);
        case C3 -> new Outcome(c, cnn().hueVerdicts(), cnn().hueFigures(), 0);
        case C4 -> {
          Acuity.Summary s = new Acuity(source, side, count).seed(seed).run(dir);
          yield new Outcome(c, s.verdicts(), s.figures(), 0);
        }
        case C5 -> {
          FrequencyVersusInformation.Summary s = new FrequencyVersusInformation(quick ? 20 : 300, quick ? 32 : 512, seed).run(dir);
          yield new Outcome(c, s.verdicts(), s.figures(), 0);
        }
        case C6 -> {
          PathwaySpecialisation p = quick ? PathwaySpecialisation.of(dir, 16, 1, 2, 3) : PathwaySpecialisation.of(dir, full ? 1000 : 250, 3, 2, 3, 4, 7);
          p.firstSeed = seed;
          PathwaySpecialisation.Summary s = p.run();
          yield new Outcome(c, s.verdicts(), s.figures(), 0);
        }
      };
    }

    /**
     * The CNN trainings, run once: normal nets of 2 seeds and one control (turned images), 4000
     * steps each ({@code --full}: 4 seeds of both, 10,000 steps; {@code --quick}: 40 steps, 3 nulls).
     */
    private CnnCodes.Summary cnn() {
      if (cnn == null) {
        ImageSource source = images != null ? ImageSource.folder(images) : CnnCodes.embeddedScenes();
        CnnCodes codes = new CnnCodes(source, quick ? 40 : full ? 10_000 : 4_000, full ? 4 : 2).controls(full ? 4 : 1).firstSeed(seed);
        if (quick) {
          codes.nulls(3, 3);
        }
        cnn = codes.run(out.resolve("cnn"), out.resolve(Claim.C2CNN.folder), out.resolve(Claim.C3.folder));
      }
      return cnn;
    }

    private HtmlReport report(Provenance record, List<Outcome> outcomes) {
      HtmlReport r = HtmlReport.titled("gradsense reproduce " + String.join(" ", claims));
      for (Outcome o : outcomes) {
        o.verdicts().forEach(r::verdict);
      }
      for (Outcome o : outcomes) {
        r.section(o.claim().title, out, out.resolve(o.claim().folder), o.figures());
      }
      r.provenance("command", "gradsense " + String.join(" ", spec.commandLine().getParseResult().originalArgs()));
      record.config().forEach((k, v) -> r.provenance(k, v.isTextual() ? v.asText() : v.toString()));
      r.provenance("seed", Long.toString(record.seed()));
      r.provenance("gradsense", record.device().gradsenseVersion());
      r.provenance("TensorFlow", record.device().tensorflowVersion() + " (TensorFlow Java " + record.device().tensorflowJavaVersion() + ")");
      var cpu = record.device().cpu();
      r.provenance("CPU", cpu.modelName() + " (" + cpu.vendor() + " family " + cpu.family() + " model " + cpu.model()
          + "); kernels " + cpu.kernelIsa() + ", oneDNN graph rewrites " + (record.device().oneDnn() ? "on" : "off") + ", "
          + record.device().intraOpThreads() + " intra-op threads" + (record.device().deterministic() ? ", deterministic" : ""));
      r.provenance("device report", record.device().toString());
      r.provenance("git commit", record.gitCommit() == null ? "not in a git checkout" : record.gitCommit());
      r.provenance("started", record.startedAt());
      r.provenance("finished", String.valueOf(record.finishedAt()));
      r.provenance("each claim's runs", "run.json, CSV and .npy series in the claim's folder");
      return r;
    }

    private static Outcome readOutcome(Path file) {
      try {
        return Json.mapper().readValue(file.toFile(), Outcome.class);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file.toAbsolutePath() + " (delete it to run that claim again): "
            + e.getMessage(), e);
      }
    }
  }

  /** The SDK's version for {@code --version}. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"gradsense " + DeviceReport.sdkVersion()};
    }
  }
}
