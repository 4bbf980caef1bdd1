package io.github.gradsense.claims;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gradsense.data.ImageSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The main job runs end to end with tiny arguments, so that it never rots. */
class OrderedLearningTest {
  @TempDir Path out;

  @Test
  void the_reproduction_writes_its_report_and_numbers() throws IOException {
    OrderedLearning.Summary s = new OrderedLearning(ImageSource.synthetic(), 8, 4000).top(6).maxSteps(20_000).run(out);

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
}
