package io.github.gradsense.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gradsense.claims.Claim;
import io.github.gradsense.claims.ClaimResult;
import io.github.gradsense.report.Checksums;
import io.github.gradsense.report.CorruptFileException;
import io.github.gradsense.report.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults, the long form (not in CI: {@code -Dgradsense.reproduceKills=10}): {@code reproduce c5 c6
 * --quick --resume} killed with SIGKILL at random moments (after a random line of its progress),
 * resumed until it finishes and then started afresh, until it has been killed N times: every run
 * that finished has the verdicts of an undisturbed one; after every kill each {@code outcome.json} present either
 * matches its checksum or is refused, never trusted half-written. The CI form is
 * {@code GradsenseCliTest.a_killed_run_resumes_where_it_stopped} (one kill).
 */
@EnabledIfSystemProperty(named = "gradsense.reproduceKills", matches = "[0-9]+")
class ReproduceKillTest {
  @TempDir Path dir;

  @Test
  void reproduce_killed_at_random_moments_and_resumed_ends_with_the_undisturbed_verdicts() throws Exception {
    Path calm = dir.resolve("calm");
    assertThat(Gradsense.commandLine().setErr(new PrintWriter(new StringWriter()))
        .execute("reproduce", "c5", "c6", "--quick", "--out", calm.toString())).isZero();
    Process calmChild = child(dir.resolve("calm-child"));
    long calmLines = new String(calmChild.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines().count();
    assertThat(calmChild.waitFor()).isZero();
    int kills = Integer.getInteger("gradsense.reproduceKills");
    SplittableRandom random = new SplittableRandom(11);
    Path out = dir.resolve("killed");
    int refused = 0;
    int killed = 0;
    int finished = 0;
    while (killed < kills) {
      Process p = child(out);
      long at = 1 + random.nextLong(calmLines);       // after a random line of its progress, plus up to 0.4 s
      java.io.BufferedReader r = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(),
          java.nio.charset.StandardCharsets.UTF_8));
      long seen = 0;
      while (seen < at && r.readLine() != null) {
        seen++;
      }
      if (seen < at) {
        assertThat(p.waitFor()).isZero();             // it finished before the kill: check it, then start afresh
        sameVerdicts(calm, out);
        finished++;
        try (var files = Files.walk(out)) {
          for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
            Files.delete(f);
          }
        }
        continue;
      }
      Thread.sleep(random.nextLong(400));
      p.destroyForcibly();
      killed++;
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
      for (Claim c : List.of(Claim.C5, Claim.C6)) {
        Path f = out.resolve(c.folder()).resolve(Claim.OUTCOME);
        if (Files.exists(f)) {
          try {
            Json.mapper().readValue(Checksums.readVerified(f), ClaimResult.class);
          } catch (CorruptFileException e) {
            refused++;                                // killed between the outcome and its checksum
          }
        }
      }
    }
    Process last = child(out);
    assertThat(last.waitFor(600, TimeUnit.SECONDS)).isTrue();
    assertThat(last.exitValue()).isZero();
    sameVerdicts(calm, out);
    System.out.printf("reproduce c5 c6 --quick: %d kills mid-run over %d resumed runs to the end, %d outcomes refused after a"
        + " kill; every end had the undisturbed verdicts%n", killed, finished + 1, refused);
  }

  private static void sameVerdicts(Path calm, Path out) throws Exception {
    for (Claim c : List.of(Claim.C5, Claim.C6)) {
      ClaimResult a = Json.mapper().readValue(Checksums.readVerified(calm.resolve(c.folder()).resolve(Claim.OUTCOME)), ClaimResult.class);
      ClaimResult b = Json.mapper().readValue(Checksums.readVerified(out.resolve(c.folder()).resolve(Claim.OUTCOME)), ClaimResult.class);
      assertThat(b.verdicts()).as(c.name()).isEqualTo(a.verdicts());
    }
  }

  private static Process child(Path out) throws Exception {
    return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Gradsense.class.getName(),
        "reproduce", "c5", "c6", "--quick", "--resume", "--out", out.toString())
        .redirectErrorStream(true).start();
  }
}
