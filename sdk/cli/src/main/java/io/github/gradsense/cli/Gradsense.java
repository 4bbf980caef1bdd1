package io.github.gradsense.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.gradsense.claims.Claim;
import io.github.gradsense.claims.ClaimResult;
import io.github.gradsense.claims.ClaimSettings;
import io.github.gradsense.report.CorruptFileException;
import io.github.gradsense.report.GitInfo;
import io.github.gradsense.report.HtmlReport;
import io.github.gradsense.report.Json;
import io.github.gradsense.report.OutputLock;
import io.github.gradsense.report.Provenance;
import io.github.gradsense.report.RunWriter;
import io.github.gradsense.report.Verdict;
import io.github.gradsense.runtime.CpuInfo;
import io.github.gradsense.runtime.Device;
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
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
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
    subcommands = {Gradsense.ListClaims.class, Gradsense.Reproduce.class, ProbeCommand.class, SweepCommand.class},
    description = "Reproduces the claims of Benjamin et al. 2022 and Shi et al. 2022 and writes their report.")
public final class Gradsense {
  private Gradsense() {}

  /** Runs the command line and exits with its status (0 done, 1 failed, 2 bad arguments). */
  public static void main(String[] args) {
    System.setOut(wholeLines(new FileOutputStream(FileDescriptor.out)));
    System.setErr(wholeLines(new FileOutputStream(FileDescriptor.err)));
    System.exit(commandLine().execute(args));
  }

  /** The command line, ready to {@code execute(args)}; enum values ({@code --device cpu}) in any case. */
  public static CommandLine commandLine() {
    return new CommandLine(Gradsense.class).setCaseInsensitiveEnumValuesAllowed(true)
        .registerConverter(Path.class, Gradsense::path)
        .setExecutionExceptionHandler((e, cl, parsed) -> {
          // a failure the user can act on is its message, not a stack trace: a value an SDK record refuses
          // (naming its field and range) is a usage error, exit code 2; a held --out, a corrupt file or a
          // full disk is exit code 1
          boolean usage = e instanceof IllegalArgumentException;
          if (usage || e instanceof IllegalStateException || e instanceof UncheckedIOException) {
            cl.getErr().println("gradsense " + cl.getCommandName() + ": " + e.getMessage());
            cl.getErr().flush();
            return usage ? 2 : 1;
          }
          throw e;
        });
  }

  /** A path argument: not empty or blank (that would be the working folder) and one the file system can name. */
  static Path path(String text) {
    if (text.isBlank()) {
      throw new CommandLine.TypeConversionException("'" + text + "' is empty; give a file or folder name");
    }
    try {
      return Path.of(text);
    } catch (java.nio.file.InvalidPathException e) {
      throw new CommandLine.TypeConversionException("'" + text.replace("\u0000", "\\0") + "' is not a valid path: " + e.getReason());
    }
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

  /** A claim named on the command line, or {@code all}. */
  record Selection(Set<Claim> claims) {
    /** Reads {@code c1} … {@code c6} (any case) or {@code all}. */
    static final class Converter implements CommandLine.ITypeConverter<Selection> {
      @Override
      public Selection convert(String name) {
        if (name.equalsIgnoreCase("all")) {
          return new Selection(EnumSet.allOf(Claim.class));
        }
        try {
          return new Selection(EnumSet.of(Claim.valueOf(name.toUpperCase(Locale.ROOT))));
        } catch (IllegalArgumentException e) {
          throw new CommandLine.TypeConversionException("unknown claim '" + name + "': choose from " + String.join(", ", new Names())
              .replaceFirst(", all$", " or all") + " (`gradsense list`)");
        }
      }
    }

    /** The names {@code reproduce} takes, for its help and completion. */
    static final class Names implements Iterable<String> {
      @Override
      public Iterator<String> iterator() {
        List<String> names = new ArrayList<>(Arrays.stream(Claim.values()).map(c -> c.name().toLowerCase(Locale.ROOT)).toList());
        names.add("all");
        return names.iterator();
      }
    }
  }

  /** {@code gradsense list}. */
  @Command(name = "list", description = "Lists the claims that `reproduce` runs.")
  static final class ListClaims implements Callable<Integer> {
    @Override
    public Integer call() {
      for (Claim c : Claim.values()) {
        System.out.printf("%-6s %-26s %s%n", c.name().toLowerCase(Locale.ROOT), c.folder() + "/", c.title());
      }
      return 0;
    }
  }

  /** {@code gradsense reproduce <claim>|all}. */
  @Command(name = "reproduce", mixinStandardHelpOptions = true,
      description = "Trains the claims' experiments and writes their runs, figures, verdicts and report.html under --out.")
  static final class Reproduce implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "CLAIM", converter = Selection.Converter.class,
        completionCandidates = Selection.Names.class, description = "${COMPLETION-CANDIDATES}")
    List<Selection> claims = List.of();

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

    @Option(names = "--device", description = "${COMPLETION-CANDIDATES} (gpu needs the build's -Pgpu and CUDA 12.5 / cuDNN 9.3; "
        + "default: ${DEFAULT-VALUE})", defaultValue = "cpu")
    Device device = Device.CPU;

    @Option(names = "--deterministic", description = "the same bits on any x86-64 CPU with AVX2 (one thread, portable kernels; "
        + "about 1.7x slower): start the JVM with " + CpuInfo.PORTABLE_ENVIRONMENT + " in its environment")
    boolean deterministic;

    @CommandLine.Spec
    CommandLine.Model.@Nullable CommandSpec spec;

    @Override
    public Integer call() {
      Set<Claim> chosen = EnumSet.noneOf(Claim.class);
      claims.forEach(c -> chosen.addAll(c.claims()));
      if (full && quick) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--full and --quick exclude each other");
      }
      String deviceName = device.name().toLowerCase(Locale.ROOT);
      System.setProperty(RuntimeConfig.DEVICE_PROPERTY, deviceName);
      if (deterministic) {
        if (device == Device.GPU) {
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
      ClaimSettings settings = ClaimSettings.to(out).withImages(images).withSeed(seed)
          .withSizes(full ? ClaimSettings.Sizes.FULL : quick ? ClaimSettings.Sizes.QUICK : ClaimSettings.Sizes.DEFAULT)
          .withResume(resume);
      // run.json is a Provenance like every run's: the command's settings as its configuration
      Map<String, JsonNode> config = new LinkedHashMap<>();
      config.put("command", Json.describe(spec.commandLine().getParseResult().originalArgs()));
      config.put("claims", Json.describe(List.copyOf(chosen)));
      config.put("images", Json.describe(images == null ? "the embedded synthetic scenes" : images.toAbsolutePath().toString()));
      config.put("sizes", Json.describe(full ? "full" : quick ? "quick" : "default"));
      config.put("device", Json.describe(deviceName));
      config.put("deterministic", Json.describe(deterministic));
      Provenance record = new Provenance("gradsense-reproduce", seed, config, DeviceReport.of(RuntimeConfig.defaults()),
          GitInfo.commit(Path.of("")).orElse(null), Instant.now().toString(), null, "running", List.of(), Map.of());
      // one writer per --out: a second gradsense on the same folder is refused, naming this one
      try (OutputLock lock = OutputLock.acquire(out, "reproduce " + String.join(" ", spec.commandLine().getParseResult().originalArgs()))) {
        try (RunWriter w = RunWriter.open(out)) {
          w.writeRunJson(record);
        }
        List<ClaimResult> outcomes = new ArrayList<>();
        int i = 0;
        for (Claim c : chosen) {
          i++;
          Optional<ClaimResult> kept = Optional.empty();
          if (resume) {
            try {
              kept = c.finished(settings);
            } catch (CorruptFileException e) {
              System.err.printf("[gradsense] (%d/%d) %s: not kept, %s; running it again%n", i, chosen.size(), c.title(),
                  e.getMessage());
            }
          }
          if (kept.isPresent()) {
            System.err.printf("[gradsense] (%d/%d) %s: finished before, kept (%s)%n", i, chosen.size(), c.title(),
                out.resolve(c.folder()).resolve(Claim.OUTCOME));
            outcomes.add(kept.get());
            continue;
          }
          System.err.printf("[gradsense] (%d/%d) %s%n", i, chosen.size(), c.title());
          ClaimResult o = c.run(settings);
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
    }

    private HtmlReport report(Provenance record, List<ClaimResult> outcomes) {
      HtmlReport r = HtmlReport.titled("gradsense reproduce " + String.join(" ", spec.commandLine().getParseResult()
          .matchedPositionals().stream().flatMap(p -> p.stringValues().stream()).toList()));
      for (ClaimResult o : outcomes) {
        o.verdicts().forEach(r::verdict);
      }
      for (ClaimResult o : outcomes) {
        r.section(o.claim().title(), out, out.resolve(o.claim().folder()), o.figures());
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
  }

  /** The SDK's version for {@code --version}. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"gradsense " + DeviceReport.sdkVersion()};
    }
  }
}
