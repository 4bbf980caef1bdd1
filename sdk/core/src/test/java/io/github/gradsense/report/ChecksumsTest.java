package io.github.gradsense.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file written with its checksum is read back only as it was written; anything else is refused by name. */
class ChecksumsTest {
  private static final byte[] JSON = "{\"experiment\":\"e\",\"status\":\"complete\"}".getBytes(StandardCharsets.UTF_8);

  private static Path written(Path dir) {
    try (RunWriter w = RunWriter.open(dir)) {
      return w.writeChecked("outcome.json", JSON);
    }
  }

  @Test
  void a_file_reads_back_with_the_checksum_sha256sum_would_check() throws IOException {
    Path f = written(dir());
    assertThat(Checksums.readVerified(f)).isEqualTo(JSON);
    assertThat(Files.readString(Checksums.sidecar(f))).isEqualTo(Checksums.sha256(JSON) + "  outcome.json\n");
  }

  @Test
  void a_truncated_file_is_refused_naming_it() throws IOException {
    Path f = written(dir());
    Files.write(f, Arrays.copyOf(JSON, JSON.length - 3));
    assertThatThrownBy(() -> Checksums.readVerified(f)).isInstanceOf(CorruptFileException.class)
        .hasMessageContaining(f.toAbsolutePath() + " is corrupt").hasMessageContaining("truncated or altered")
        .satisfies(e -> assertThat(((CorruptFileException) e).file()).isEqualTo(f));
  }

  @Test
  void a_single_flipped_bit_is_refused() throws IOException {
    Path f = written(dir());
    for (int bit : new int[] {0, 77, JSON.length * 8 - 1}) {
      byte[] flipped = JSON.clone();
      flipped[bit / 8] ^= (byte) (1 << (bit % 8));
      Files.write(f, flipped);
      assertThatThrownBy(() -> Checksums.readVerified(f)).as("bit %d", bit).isInstanceOf(CorruptFileException.class);
    }
  }

  @Test
  void a_file_without_its_checksum_is_not_trusted() throws IOException {
    Path f = written(dir());
    Files.delete(Checksums.sidecar(f));
    assertThatThrownBy(() -> Checksums.readVerified(f)).isInstanceOf(CorruptFileException.class)
        .hasMessageContaining("has no readable checksum outcome.json.sha256");
    Files.writeString(Checksums.sidecar(f), "not a checksum");
    assertThatThrownBy(() -> Checksums.readVerified(f)).isInstanceOf(CorruptFileException.class);
  }

  @Test
  void run_json_is_written_with_its_checksum_and_a_corrupt_one_is_refused_by_provenance() throws IOException {
    Path d = dir();
    Path runJson = d.resolve("run.json");
    Files.writeString(runJson, "{}");                     // as if written by something else: no checksum
    assertThatThrownBy(() -> Provenance.read(runJson)).isInstanceOf(CorruptFileException.class)
        .hasMessageContaining("run.json");
  }

  private Path dir() throws IOException {
    return Files.createTempDirectory(tmp, "c");
  }

  @TempDir
  Path tmp;
}
