package io.github.gradsense.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gradsense.claims.Claim;
import io.github.gradsense.claims.ClaimResult;
import io.github.gradsense.report.Json;
import io.github.gradsense.report.Provenance;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The assembled application ({@code target/gradsense-cli-VERSION/}, made at {@code package}) runs
 * as a user runs it: {@code bin/gradsense} with nothing but {@code java} on the PATH and no
 * {@code JAVA_HOME}, from another working folder. Runs at {@code integration-test}.
 */
class ApplicationIT {
  private static final Path APP = Path.of(System.getProperty("gradsense.app", "target/gradsense-cli"));

  @TempDir Path work;

  /** Runs {@code bin/gradsense args} in {@code work} with PATH = a folder holding only {@code java}; returns its output. */
  private String gradsense(String... args) throws IOException, InterruptedException {
    Path onlyJava = Files.createDirectories(work.resolve("path"));
    Path java = onlyJava.resolve("java");
    if (!Files.exists(java)) {
      Files.createSymbolicLink(java, Path.of(System.getProperty("java.home"), "bin", "java").toRealPath());
    }
    List<String> command = new java.util.ArrayList<>(List.of(APP.resolve("bin/gradsense").toAbsolutePath().toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true);
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> !k.equals("HOME"));
    env.put("PATH", onlyJava.toString());
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
    assertThat(p.exitValue()).as("exit code of gradsense %s; output:%n%s", String.join(" ", args), output).isZero();
    return output;
  }

  @Test
  void the_folder_holds_the_launcher_and_every_runtime_jar_with_the_cpu_natives() {
    assertThat(APP.resolve("bin/gradsense")).isExecutable();
    assertThat(APP.resolve("lib")).isDirectoryContaining("glob:**/gradsense-cli-*.jar")
        .isDirectoryContaining("glob:**/gradsense-claims-*.jar").isDirectoryContaining("glob:**/picocli-*.jar")
        .isDirectoryContaining("glob:**/tensorflow-core-native-*-linux-x86_64*.jar");
  }

  @Test
  void list_and_a_quick_claim_run_with_only_java_on_the_path() throws Exception {
    assertThat(gradsense("list")).contains("c1     ordered-learning/").contains("c6     pathways/");
    Path out = work.resolve("out");
    // C1 is the fastest claim at --quick sizes that trains for real (about 20 s on 2 cores)
    assertThat(gradsense("reproduce", "c1", "--quick", "--out", out.toString())).contains("verdicts upheld:");
    assertThat(out.resolve("report.html")).isNotEmptyFile();
    assertThat(Provenance.read(out.resolve("run.json")).status()).isEqualTo("complete");
    ClaimResult c1 = Json.mapper().readValue(out.resolve("ordered-learning").resolve(Claim.OUTCOME).toFile(), ClaimResult.class);
    assertThat(c1.claim()).isEqualTo(Claim.C1);
    assertThat(c1.verdicts()).hasSize(Claim.C1.criteria().size() + 2);      // ORDER once per network (3)
    assertThat(out.resolve("ordered-learning/c1-summary.csv")).isNotEmptyFile();
    assertThat(out.resolve("ordered-learning/proportion-learned.png")).isNotEmptyFile();
  }
}
