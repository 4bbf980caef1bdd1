package io.github.gradsense.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.gradsense.data.Dataset;
import io.github.gradsense.runtime.DeviceReport;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Everything needed to know what produced a result and to run it again: the experiment's
 * configuration (every specification record), its seed, the versions and device, the git commit
 * of the working directory (if any), and each data source with its SHA-256. Written as
 * {@code run.json}.
 *
 * <pre>{@code
 * Provenance p = results.provenance();
 * System.out.println(p.seed() + " " + p.device().tensorflowVersion());
 * }</pre>
 *
 * @param experiment experiment name
 * @param seed the training seed
 * @param config the specification records by role ({@code data}, {@code network}, {@code training},
 *     {@code probes}, {@code runtime})
 * @param device versions, device and threads
 * @param gitCommit commit of the working directory, or null outside a git checkout
 * @param startedAt ISO-8601 start time
 * @param finishedAt ISO-8601 end time, or null while running
 * @param status {@code running}, {@code complete} or {@code failed: …}
 * @param dataSources provenance of the data
 * @param summary headline numbers written at the end (may be empty)
 */
public record Provenance(
    String experiment,
    long seed,
    Map<String, JsonNode> config,
    DeviceReport device,
    @Nullable String gitCommit,
    String startedAt,
    @Nullable String finishedAt,
    String status,
    List<Dataset.Source> dataSources,
    Map<String, Object> summary) {

  /**
   * Reads a {@code run.json} back, checked against its {@code run.json.sha256}
   * ({@link Checksums#readVerified}: a corrupt file is a {@link CorruptFileException}): plain data binding of this record's components (no type
   * information is read, so a file cannot name classes to instantiate).
   */
  public static Provenance read(java.nio.file.Path runJson) {
    byte[] content = Checksums.readVerified(runJson);
    try {
      return Json.mapper().readValue(content, Provenance.class);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot read " + runJson.toAbsolutePath() + " as run.json: " + e.getMessage(), e);
    }
  }

  /** This provenance with a final status and end time. */
  public Provenance finished(String newStatus, String at, Map<String, Object> newSummary) {
    return new Provenance(experiment, seed, config, device, gitCommit, startedAt, at, newStatus, dataSources, newSummary);
  }
}
