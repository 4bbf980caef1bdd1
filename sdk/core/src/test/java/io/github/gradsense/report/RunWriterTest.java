package io.github.gradsense.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.gradsense.runtime.DeviceReport;
import io.github.gradsense.runtime.RuntimeConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunWriterTest {
  @TempDir Path dir;

  @Test
  void csv_rows_are_tidy_and_flushed_as_they_come() throws IOException {
    try (RunWriter w = RunWriter.open(dir)) {
      w.append("mode-strength", 0, 0, "", List.of("pc1", "pc2"), new double[] {0.01, 0.002});
      // readable before close: flushed per row
      assertThat(Files.readAllLines(dir.resolve("mode-strength.csv"))).containsExactly(
          "step,epoch,point,column,value", "0,0,,pc1,0.01", "0,0,,pc2,0.002");
    }
  }

  @Test
  void run_json_is_replaced_atomically_and_reads_back() throws IOException {
    Provenance p = new Provenance("demo", 7, Map.of("training", Json.describe(Map.of("lr", 1.0))),
        DeviceReport.of(RuntimeConfig.defaults()), "abc", "2026-01-01T00:00:00Z", null, "running", List.of(), Map.of());
    try (RunWriter w = RunWriter.open(dir)) {
      w.writeRunJson(p);
      w.writeRunJson(p.finished("complete", "2026-01-01T00:01:00Z", Map.of("finalLoss", 0.5)));
    }
    JsonNode n = Json.mapper().readTree(dir.resolve("run.json").toFile());
    assertThat(n.get("status").asText()).isEqualTo("complete");
    assertThat(n.get("seed").asLong()).isEqualTo(7);
    assertThat(n.get("device").get("tensorflowJavaVersion").asText()).isEqualTo("1.1.0");
    assertThat(n.get("summary").get("finalLoss").asDouble()).isEqualTo(0.5);
    try (var files = Files.list(dir)) {
      assertThat(files.map(f -> f.getFileName().toString())).containsExactly("run.json");
    }
  }

  @Test
  void file_names_cannot_leave_the_folder() {
    try (RunWriter w = RunWriter.open(dir)) {
      assertThatThrownBy(() -> w.writeAtomically("../escape.json", "{}"))
          .hasMessageContaining("must be letters, digits");
    }
  }

  @Test
  void lambdas_in_a_configuration_are_described_by_their_text() {
    Runnable r = () -> { };
    assertThat(Json.describe(r).isTextual()).isTrue();
    assertThat(Json.describe(Map.of("a", 1)).get("a").asInt()).isEqualTo(1);
  }
}
