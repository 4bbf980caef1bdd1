package io.github.gradsense.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The main job runs end to end with tiny arguments, so that it never rots. */
class OrderedLearningTest {
  @TempDir Path out;

  @Test
  void the_reproduction_writes_its_report_and_numbers() throws IOException {
    OrderedLearning job = new OrderedLearning();
    new CommandLine(job).parseArgs("--out", out.toString(), "--patch", "8", "--count", "4000", "--top", "6", "--max-steps", "20000");
    OrderedLearning.Summary s = job.run();

    for (String run : new String[] {"tied", "untied", "three", "tied-minibatch"}) {
      assertThat(out.resolve(run).resolve("run.json")).exists();
      assertThat(out.resolve(run).resolve("mode-strength.csv")).exists();
    }
    assertThat(out.resolve("tied").resolve("mode-strength-theory.csv")).exists();
    assertThat(Files.readAllLines(out.resolve("c1-summary.csv"))).hasSize(1 + 3 * 6);
    assertThat(Files.readString(out.resolve("c1.json"))).contains("\"spearman\"");
    // even at these sizes the order holds
    assertThat(s.spearman().values()).allSatisfy(rho -> assertThat(rho).isGreaterThan(0.8));
  }

  @Test
  void help_names_every_option() {
    String usage = new CommandLine(new OrderedLearning()).getUsageMessage();
    assertThat(usage).contains("--out", "--images", "--full", "--top", "--seed");
  }
}
