package io.github.gradsense.report;

import java.nio.file.Path;

/**
 * A file gradsense wrote earlier and would now trust (a checkpoint, {@code run.json}, a claim's
 * {@code outcome.json}) no longer has the content it was written with: truncated, altered, or
 * left without its checksum. The message names the file and what to do.
 *
 * <pre>{@code
 * try { Checksums.readVerified(f); } catch (CorruptFileException e) { rerun(e.file()); }
 * }</pre>
 */
public final class CorruptFileException extends IllegalStateException {
  private static final long serialVersionUID = 1L;
  private final transient Path file;

  /** The file {@code file} is corrupt, as {@code message} says. */
  public CorruptFileException(Path file, String message) {
    super(message);
    this.file = file;
  }

  /** The corrupt file. */
  public Path file() {
    return file;
  }
}
