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
      assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder("run.json", "run.json.sha256");
    }
  }

  @Test
  void run_json_reads_back_into_the_record_without_type_information() throws IOException {
    Provenance p = new Provenance("demo", 7, Map.of("training", Json.describe(Map.of("lr", 1.0))),
        DeviceReport.of(RuntimeConfig.defaults()), null, "2026-01-01T00:00:00Z", "2026-01-01T00:01:00Z", "complete",
        List.of(new io.github.gradsense.data.Dataset.Source("a.png", "ff00", "photo")), Map.of("finalLoss", 0.5));
    try (RunWriter w = RunWriter.open(dir)) {
      w.writeRunJson(p);
    }
    Provenance back = Provenance.read(dir.resolve("run.json"));
    assertThat(back).isEqualTo(p);
    // a class name in the file is data, never a type to instantiate (the edit is checksummed again, or it is refused)
    String edited = Files.readString(dir.resolve("run.json"))
        .replace("\"finalLoss\" : 0.5", "\"finalLoss\" : [\"java.io.File\", \"/etc/passwd\"]");
    Files.writeString(dir.resolve("run.json"), edited);
    assertThatThrownBy(() -> Provenance.read(dir.resolve("run.json"))).isInstanceOf(CorruptFileException.class);
    try (RunWriter w = RunWriter.open(dir)) {
      w.writeChecked("run.json", edited.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    assertThat(Provenance.read(dir.resolve("run.json")).summary().get("finalLoss"))
        .isEqualTo(List.of("java.io.File", "/etc/passwd"));
  }

  @Test
  void arrays_are_written_as_npy_and_read_back() throws IOException {
    double[][] rows = {{0, 0.25, -1e-300}, {10, Double.MAX_VALUE, 3}};
    try (RunWriter w = RunWriter.open(dir)) {
      w.writeNpy("mode-strength", rows);
    }
    byte[] bytes = Files.readAllBytes(dir.resolve("mode-strength.npy"));
    // NumPy's layout: magic, version 1.0, a header padded to 64 bytes, then little-endian float64
    assertThat(new String(bytes, 1, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("NUMPY");
    int header = (bytes[8] & 0xff) | (bytes[9] & 0xff) << 8;
    assertThat((10 + header) % 64).isZero();
    assertThat(new String(bytes, 10, header, java.nio.charset.StandardCharsets.US_ASCII))
        .startsWith("{'descr': '<f8', 'fortran_order': False, 'shape': (2,3), }").endsWith("\n");
    Npy.Array a = Npy.read(bytes);
    assertThat(a.shape()).containsExactly(2, 3);
    assertThat(a.row(0)).containsExactly(rows[0]);
    assertThat(a.row(1)).containsExactly(rows[1]);
    assertThat(Npy.read(Npy.write(new double[] {1, 2, 3})).shape()).containsExactly(3);
    assertThatThrownBy(() -> Npy.read(new byte[] {1, 2, 3, 4, 5, 6, 7})).hasMessageContaining("not a version-1 .npy file");
    assertThatThrownBy(() -> Npy.write(new double[][] {{1, 2}, {3}})).hasMessage("row 1 has 1 values, row 0 has 2");
    byte[] truncated = java.util.Arrays.copyOf(bytes, bytes.length - 8);
    assertThatThrownBy(() -> Npy.read(truncated)).hasMessageContaining("the .npy data hold 40 bytes, shape [2, 3] needs 48");
    byte[] float32 = bytes.clone();
    float32[10 + 12] = '4';   // '<f8' becomes '<f4'
    assertThatThrownBy(() -> Npy.read(float32)).hasMessageContaining("only little-endian float64 arrays in C order are read");
  }

  @Test
  void an_interrupted_write_never_leaves_a_half_written_file() throws IOException {
    try (RunWriter w = RunWriter.open(dir)) {
      w.writeAtomically("report.html", "<p>old</p>");
      // a writer killed mid-write leaves only its hidden temporary file; the target keeps its old bytes
      Files.writeString(dir.resolve(".report.html.tmp"), "<p>ha");
      assertThat(Files.readString(dir.resolve("report.html"))).isEqualTo("<p>old</p>");
      w.writeAtomically("report.html", "<p>new</p>");
      assertThat(Files.readString(dir.resolve("report.html"))).isEqualTo("<p>new</p>");
      assertThat(dir.resolve(".report.html.tmp")).doesNotExist();
    }
  }

  @Test
  void file_names_cannot_leave_the_folder() {
    try (RunWriter w = RunWriter.open(dir)) {
      assertThatThrownBy(() -> w.writeAtomically("../escape.json", "{}"))
          .hasMessageContaining("must be letters, digits");
      assertThatThrownBy(() -> w.writeAtomically("/tmp/escape.json", "{}")).hasMessageContaining("must be letters, digits");
      assertThatThrownBy(() -> w.writeNpy("sub/escape", new double[][] {{1}})).hasMessageContaining("must be letters, digits");
    }
  }

  @Test
  void lambdas_in_a_configuration_are_described_by_their_text() {
    Runnable r = () -> { };
    assertThat(Json.describe(r).isTextual()).isTrue();
    assertThat(Json.describe(Map.of("a", 1)).get("a").asInt()).isEqualTo(1);
  }
}
