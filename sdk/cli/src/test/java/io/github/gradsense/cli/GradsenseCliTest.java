package io.github.gradsense.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gradsense.claims.ClaimResult;
import io.github.gradsense.report.Json;
import io.github.gradsense.report.Npy;
import io.github.gradsense.report.Provenance;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line: `list`, `reproduce` writing a report, `--resume`, and errors that name the argument. */
class GradsenseCliTest {
  @TempDir Path out;

  private static int run(StringWriter err, String... args) {
    return Gradsense.commandLine().setErr(new PrintWriter(err)).execute(args);
  }

  @Test
  void list_names_every_claim_with_its_folder() {
    PrintStream original = System.out;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    try {
      assertThat(run(new StringWriter(), "list")).isZero();
    } finally {
      System.setOut(original);
    }
    assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("c1     ordered-learning/").contains("c6     pathways/")
        .contains("c2cnn  cnn-cardinal-bias/").contains("c3     hue/")
        .contains("Shi et al. 2022");
  }

  /** Records each write the stream below a PrintStream receives. */
  private static final class Writes extends java.io.OutputStream {
    final java.util.List<String> writes = new java.util.ArrayList<>();

    @Override
    public void write(int b) {
      writes.add(String.valueOf((char) b));
    }

    @Override
    public void write(byte[] b, int off, int len) {
      writes.add(new String(b, off, len, StandardCharsets.UTF_8));
    }
  }

  @Test
  void console_lines_leave_whole_so_progress_cannot_split_a_result_line() {
    Writes whole = new Writes();
    PrintStream console = Gradsense.wholeLines(whole);
    console.printf("C5 %-8s steps to half accuracy at 0°, 45°, 90°: %s%n", "noisy", "[140.0, 170.0, 200.0]");
    console.printf("[gradsense] (4/5) C5: %d of %d verdicts upheld%n", 3, 3);
    console.print("\r[bar] 50%");      // a progress bar's redraw leaves when the bar flushes it
    assertThat(whole.writes).hasSize(2);
    console.flush();
    assertThat(whole.writes).containsExactly("C5 noisy    steps to half accuracy at 0°, 45°, 90°: [140.0, 170.0, 200.0]\n",
        "[gradsense] (4/5) C5: 3 of 3 verdicts upheld\n", "\r[bar] 50%");
    // the failure it prevents: Java's own console streams autoflush, which passes a printf line on in
    // the pieces Formatter makes, between which the other stream's line can land
    Writes pieces = new Writes();
    new PrintStream(pieces, true, StandardCharsets.UTF_8)
        .printf("C5 %-8s steps to half accuracy at 0°, 45°, 90°: %s%n", "noisy", "[140.0, 170.0, 200.0]");
    assertThat(pieces.writes).hasSizeGreaterThan(1);
  }

  @Test
  void reproduce_writes_a_self_contained_report_with_verdicts_figures_arrays_and_provenance() throws Exception {
    assertThat(run(new StringWriter(), "reproduce", "c6", "c5", "--quick", "--seed", "2", "--out", out.toString())).isZero();
    String html = Files.readString(out.resolve("report.html"));
    assertThat(html).contains("<h2>Verdicts</h2>").contains("the concentration of modes 1–2 rises with pathway depth")
        .contains("3:1 prior: 90° learned first").contains("<th>seed</th><td>2</td>");
    // every figure embedded, each with its SVG beside it
    Matcher svg = Pattern.compile("href=\"([^\"]+\\.svg)\"").matcher(html);
    int figures = 0;
    while (svg.find()) {
      figures++;
      assertThat(out.resolve(svg.group(1))).isNotEmptyFile();
    }
    assertThat(figures).isEqualTo(2 + 3);
    assertThat(html.split("src=\"data:image/png;base64,", -1)).hasSize(1 + figures);
    // run.json reads back as plain data
    Provenance record = Provenance.read(out.resolve("run.json"));
    assertThat(record.seed()).isEqualTo(2);
    assertThat(record.config().get("claims").toString()).isEqualTo("[\"C5\",\"C6\"]");
    assertThat(record.status()).isEqualTo("complete");
    int upheldInPage = html.split("class=\"upheld\"", -1).length - 1;
    assertThat(record.summary()).containsEntry("verdicts", 2 + 3).containsEntry("verdictsUpheld", upheldInPage);
    // .npy beside each run's CSVs
    Npy.Array acc = Npy.read(Files.readAllBytes(out.resolve("frequency-vs-information/prior/accuracy.npy")));
    assertThat(acc.shape()).containsExactly(3, 1 + 3);   // steps 0, 10, 20; step then 0°, 45°, 90°
  }

  @Test
  void resume_keeps_the_claims_already_finished() throws Exception {
    assertThat(run(new StringWriter(), "reproduce", "c6", "--quick", "--out", out.toString())).isZero();
    Path outcome = out.resolve("pathways/outcome.json");
    long written = Files.getLastModifiedTime(outcome).toMillis();
    ClaimResult first = Json.mapper().readValue(outcome.toFile(), ClaimResult.class);
    Thread.sleep(20);
    assertThat(run(new StringWriter(), "reproduce", "c6", "--quick", "--resume", "--out", out.toString())).isZero();
    assertThat(Files.getLastModifiedTime(outcome).toMillis()).isEqualTo(written);
    assertThat(Files.readString(out.resolve("report.html"))).contains(first.verdicts().get(0).statement());

    // an outcome cut short (a bad disk, a stray edit) is not kept: the claim runs again and its outcome is whole again
    byte[] whole = Files.readAllBytes(outcome);
    Files.write(outcome, java.util.Arrays.copyOf(whole, whole.length - 10));
    StringWriter again = new StringWriter();
    assertThat(run(again, "reproduce", "c6", "--quick", "--resume", "--out", out.toString())).as("%s", again).isZero();
    assertThat(Json.mapper().readValue(io.github.gradsense.report.Checksums.readVerified(outcome), ClaimResult.class).verdicts())
        .isEqualTo(first.verdicts());
  }

  @Test
  void a_second_gradsense_on_the_same_out_is_refused_naming_the_first() throws Exception {
    try (var held = io.github.gradsense.report.OutputLock.acquire(out, "reproduce all")) {
      StringWriter err = new StringWriter();
      assertThat(run(err, "reproduce", "c6", "--quick", "--out", out.toString())).isEqualTo(1);
      assertThat(err.toString()).startsWith("gradsense reproduce: output folder " + out.toAbsolutePath() + " is in use by gradsense pid "
          + ProcessHandle.current().pid()).contains("'reproduce all'").doesNotContain("\tat ");
      assertThat(out.resolve("run.json")).doesNotExist();
    }
  }

  @Test
  void a_killed_run_resumes_where_it_stopped() throws Exception {
    // GIVEN a run of two claims killed (SIGKILL) once the first has finished (claims run in the
    // order C1, C2, C4, C5, C6, so C5 is first; waiting for the last one raced the report's writing)
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Gradsense.class.getName(),
        "reproduce", "c6", "c5", "--quick", "--out", out.toString())
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    Path first = out.resolve("frequency-vs-information/outcome.json");
    long deadline = System.nanoTime() + 120_000_000_000L;
    while (!Files.exists(first) && p.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    p.destroyForcibly().waitFor();
    assertThat(first).exists();
    assertThat(out.resolve("report.html")).doesNotExist();
    long kept = Files.getLastModifiedTime(first).toMillis();
    // WHEN it is run again with --resume THEN the finished claim is kept and the other one is run
    assertThat(run(new StringWriter(), "reproduce", "c6", "c5", "--quick", "--resume", "--out", out.toString())).isZero();
    assertThat(Files.getLastModifiedTime(first).toMillis()).isEqualTo(kept);
    assertThat(out.resolve("pathways/outcome.json")).exists();
    assertThat(Files.readString(out.resolve("report.html"))).contains("C5").contains("C6");
    // and no file was left half-written: every JSON file parses
    try (var files = Files.walk(out)) {
      for (Path f : files.filter(f -> f.toString().endsWith(".json")).toList()) {
        Json.mapper().readTree(f.toFile());
      }
    }
  }

  @Test
  void bad_arguments_name_the_argument_and_the_choices() throws Exception {
    StringWriter err = new StringWriter();
    assertThat(run(err, "reproduce", "c9", "--out", out.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("unknown claim 'c9': choose from c1, c2, c2cnn, c3, c4, c5, c6 or all");
    err = new StringWriter();
    assertThat(run(err, "reproduce", "c1", "--images", out.resolve("missing").toString())).isEqualTo(2);
    assertThat(err.toString()).contains("--images").contains("is not a folder");
    err = new StringWriter();
    assertThat(run(err, "reproduce", "c1", "--device", "tpu", "--out", out.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("--device").contains("CPU, GPU").contains("'tpu'");
    if (System.getenv("ONEDNN_MAX_CPU_ISA") == null) {     // the test JVM's kernels are not pinned
      err = new StringWriter();
      assertThat(run(err, "reproduce", "c1", "--deterministic", "--out", out.toString())).isEqualTo(2);
      assertThat(err.toString()).contains("--deterministic: RuntimeConfig.deterministic() needs TensorFlow's CPU kernels pinned")
          .contains("export ONEDNN_MAX_CPU_ISA=AVX2 TF_ENABLE_ONEDNN_OPTS=1 TF_OVERRIDE_GLOBAL_THREADPOOL=1");
    }
    assertThat(List.of(out.toFile().list())).isEmpty();
    Path file = out.resolve("a-file");
    java.nio.file.Files.writeString(file, "x");
    err = new StringWriter();
    assertThat(run(err, "reproduce", "c1", "--out", file.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("--out " + file + " exists and is not a folder");
  }
}
