package io.github.gradsense.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.gradsense.report.Checksums;
import io.github.gradsense.report.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults: {@code reproduce} with {@code --out} on a disk that fills up (a tmpfs of a few hundred
 * kilobytes, mounted in a user namespace with {@code unshare -rm}) fails with one line that says the
 * disk is full, exit code 1, and leaves no temporary or half-written file: every file left is whole
 * (JSON parses, checksums match, PNGs decode). Runs where the machine allows user namespaces; it is
 * skipped, saying so, elsewhere.
 */
class FullDiskTest {
  @TempDir Path dir;

  @Test
  void a_full_disk_fails_with_one_clear_line_and_leaves_every_file_whole() throws Exception {
    assumeTrue(unshareWorks(), "unshare -rm (user namespaces) is not allowed here");
    for (String size : List.of("200k", "400k", "900k")) {
      Path mnt = Files.createDirectories(dir.resolve("mnt-" + size));
      Path copy = dir.resolve("copy-" + size);
      Path stderr = dir.resolve("stderr-" + size);
      Path rc = dir.resolve("rc-" + size);
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      String script = "mount -t tmpfs -o size=" + size + " none '" + mnt + "' && '" + java + "' -cp '" + System.getProperty("java.class.path")
          + "' " + Gradsense.class.getName() + " reproduce c6 --quick --out '" + mnt.resolve("out") + "' > /dev/null 2> '" + stderr
          + "'; echo $? > '" + rc + "'; cp -a '" + mnt.resolve("out") + "' '" + copy + "'";
      Process p = new ProcessBuilder("unshare", "-rm", "sh", "-c", script).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor()).as(out).isZero();
      String err = Files.readString(stderr);
      List<String> said = err.lines().filter(l -> l.startsWith("gradsense reproduce:")).toList();
      assertThat(Files.readString(rc).strip()).as("exit code with a %s disk; stderr:%n%s", size, err).isEqualTo("1");
      assertThat(said).as("stderr with a %s disk:%n%s", size, err).hasSize(1);
      assertThat(said.get(0)).contains("No space left on device").contains("the disk is full");
      assertThat(err).doesNotContain("\tat ");
      System.out.printf("%s disk: %s%n", size, said.get(0));
      try (Stream<Path> files = Files.walk(copy)) {
        for (Path f : files.toList()) {
          String name = f.getFileName().toString();
          assertThat(name).as("left behind with a %s disk", size).doesNotEndWith(".tmp").doesNotEndWith(".partial");
          if (Files.isRegularFile(f) && name.endsWith(".json")) {
            Json.mapper().readTree(Checksums.sidecar(f).toFile().exists() ? Checksums.readVerified(f) : Files.readAllBytes(f));
          }
          if (Files.isRegularFile(f) && name.endsWith(".png")) {
            assertThat(ImageIO.read(f.toFile())).as("%s decodes", f).isNotNull();
          }
        }
      }
    }
  }

  private static boolean unshareWorks() {
    try {
      Process p = new ProcessBuilder("unshare", "-rm", "sh", "-c", "mount -t tmpfs -o size=16k none /mnt 2>/dev/null || "
          + "mount -t tmpfs -o size=16k none /tmp").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }
}
