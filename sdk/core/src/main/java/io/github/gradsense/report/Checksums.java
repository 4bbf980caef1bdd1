package io.github.gradsense.report;

import com.google.common.hash.Hashing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * SHA-256 checksums of the files a later run trusts ({@code run.json}, a claim's
 * {@code outcome.json}): {@link RunWriter#writeChecked} writes {@code name} and then
 * {@code name.sha256} in {@code sha256sum}'s format ({@code <64 hex>  <name>}, so
 * {@code sha256sum -c run.json.sha256} checks it too), and {@link #readVerified} reads a file back
 * only if it still has that checksum. A truncated or altered file, or one whose checksum is missing,
 * is refused with a {@link CorruptFileException} naming it, never used silently.
 *
 * <pre>{@code
 * byte[] json = Checksums.readVerified(dir.resolve("run.json"));   // or CorruptFileException
 * }</pre>
 */
public final class Checksums {
  /** The checksum file of {@code name} is {@code name + SUFFIX}. */
  public static final String SUFFIX = ".sha256";

  private Checksums() {}

  /** The SHA-256 of {@code content}, lower-case hex. */
  public static String sha256(byte[] content) {
    return Hashing.sha256().hashBytes(content).toString();
  }

  /** The checksum file's line for {@code content} written as {@code name}. */
  static String line(byte[] content, String name) {
    return sha256(content) + "  " + name + "\n";
  }

  /** The checksum file beside {@code file}. */
  public static Path sidecar(Path file) {
    return file.resolveSibling(file.getFileName() + SUFFIX);
  }

  /**
   * The bytes of {@code file}, after checking them against {@code file.sha256}.
   *
   * @throws CorruptFileException if the checksum file is missing or unreadable, or the file's
   *     SHA-256 differs from it (truncated, altered, or written by a run killed between the two)
   * @throws UncheckedIOException if {@code file} cannot be read at all
   */
  public static byte[] readVerified(Path file) {
    byte[] content;
    try {
      content = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file.toAbsolutePath() + ": " + e.getMessage(), e);
    }
    Path sum = sidecar(file);
    String recorded;
    try {
      recorded = Files.isRegularFile(sum) ? Files.readString(sum, StandardCharsets.UTF_8).strip() : "";
    } catch (IOException | UncheckedIOException e) {
      recorded = "";
    }
    String expected = recorded.length() >= 64 ? recorded.substring(0, 64) : "";
    if (expected.isEmpty()) {
      throw new CorruptFileException(file, file.toAbsolutePath() + " has no readable checksum " + sum.getFileName()
          + " beside it, so it cannot be trusted (written before gradsense kept checksums, or interrupted between the"
          + " two writes); delete it to produce it again");
    }
    String actual = sha256(content);
    if (!actual.equals(expected)) {
      throw new CorruptFileException(file, file.toAbsolutePath() + " is corrupt: its SHA-256 is " + actual.substring(0, 12)
          + "…, " + sum.getFileName() + " records " + expected.substring(0, Math.min(12, expected.length()))
          + "… (" + content.length + " bytes: truncated or altered); delete it to produce it again");
    }
    return content;
  }
}
