package io.github.gradsense.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One writer per output folder: a second is refused by the holder's name, and a killed holder leaves it free. */
class OutputLockTest {

  @Test
  void a_second_writer_in_this_process_is_refused_until_the_first_closes(@TempDir Path out) {
    try (OutputLock first = OutputLock.acquire(out, "reproduce all")) {
      assertThatThrownBy(() -> OutputLock.acquire(out, "reproduce c1")).isInstanceOf(IllegalStateException.class)
          .hasMessageStartingWith("output folder " + out.toAbsolutePath() + " is in use by gradsense pid "
              + ProcessHandle.current().pid())
          .hasMessageContaining("'reproduce all'").hasMessageEndingWith("; wait for it to finish, or choose another --out");
    }
    OutputLock.acquire(out, "reproduce c1").close();
  }

  @Test
  void another_process_is_refused_while_it_holds_the_folder_and_kill_9_frees_it(@TempDir Path out) throws Exception {
    Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Holder.class.getName(), out.toString()).redirectErrorStream(true).start();
    try {
      BufferedReader r = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
      assertThat(r.readLine()).isEqualTo("locked");
      assertThatThrownBy(() -> OutputLock.acquire(out, "sweep s.json"))
          .hasMessageContaining("is in use by gradsense pid " + holder.pid() + " on ").hasMessageContaining("'holder'");
    } finally {
      holder.destroyForcibly();                 // SIGKILL: no shutdown hook, no finally in the holder runs
      assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    try (OutputLock again = OutputLock.acquire(out, "sweep s.json")) {
      assertThat(out.resolve(OutputLock.FILE)).content().contains("pid " + ProcessHandle.current().pid());
    }
  }

  /** Holds the folder given as its argument until killed. */
  public static final class Holder {
    public static void main(String[] args) throws Exception {
      OutputLock.acquire(Path.of(args[0]), "holder");
      System.out.println("locked");
      System.out.flush();
      Thread.sleep(120_000);
    }
  }
}
