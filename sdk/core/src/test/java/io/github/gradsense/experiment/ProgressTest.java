package io.github.gradsense.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Progress shows step, loss and time left; a bar on terminals, log lines elsewhere. */
class ProgressTest {

  @Test
  void log_lines_and_bars_carry_step_loss_and_eta() throws InterruptedException {
    ByteArrayOutputStream lines = new ByteArrayOutputStream();
    Progress p = new Progress("run", 0, 100, "", false, new PrintStream(lines, true, StandardCharsets.UTF_8));
    p.step(1, 2.0);                       // too soon after the start: nothing
    p.done(100, 0.5);
    String text = lines.toString(StandardCharsets.UTF_8);
    assertThat(text).doesNotContain("step 1/100");
    assertThat(text).contains("[run] done: 100 steps in").contains("final loss 0.5000");

    ByteArrayOutputStream bar = new ByteArrayOutputStream();
    Progress b = new Progress("run", 0, 100, "", true, new PrintStream(bar, true, StandardCharsets.UTF_8));
    Thread.sleep(250);
    b.step(50, 1.25);
    assertThat(bar.toString(StandardCharsets.UTF_8)).startsWith("\r[run] [###############...............]  50% step 50/100 loss 1.250 ETA ");
  }

  @Test
  void durations_read_as_seconds_minutes_and_hours() {
    assertThat(Progress.duration(42)).isEqualTo("42s");
    assertThat(Progress.duration(125)).isEqualTo("2m05s");
    assertThat(Progress.duration(7260)).isEqualTo("2h01m");
  }
}
