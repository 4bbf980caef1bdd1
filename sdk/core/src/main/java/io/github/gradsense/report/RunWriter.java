package io.github.gradsense.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Writes one run's files under its folder: {@code run.json} (replaced atomically, so a reader
 * never sees half a file), one tidy CSV per series, {@code <series>.csv} with the header
 * {@code step,epoch,point,column,value}, appended and flushed every time the probe fires, and at
 * the end of the run one {@code .npy} array per series and probe point (see {@link #writeNpy}).
 * File names are plain names: a name that could leave the folder ({@code ../x}, {@code /x}) is
 * refused.
 *
 * <pre>{@code
 * try (RunWriter w = RunWriter.open(dir)) {
 *   w.writeRunJson(provenance);
 *   w.append("mode-strength", 10, 1, "", List.of("pc1"), new double[] {0.3});
 * }
 * }</pre>
 */
public final class RunWriter implements AutoCloseable {
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

  private final Path dir;
  private final Map<String, BufferedWriter> csv = new LinkedHashMap<>();

  private RunWriter(Path dir) {
    this.dir = dir;
  }

  /** Opens (creating) {@code dir}. */
  public static RunWriter open(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create output folder " + dir.toAbsolutePath() + ": " + e.getMessage(), e);
    }
    return new RunWriter(dir);
  }

  /** The folder. */
  public Path directory() {
    return dir;
  }

  /** Writes {@code run.json} atomically (temporary file, then move), with its checksum ({@link #writeChecked}). */
  public void writeRunJson(Provenance provenance) {
    writeChecked("run.json", Json.write(provenance).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Writes {@code name} atomically and then its checksum {@code name.sha256}
   * ({@link Checksums}), for files a later run reads back with {@link Checksums#readVerified}. A
   * run killed between the two writes leaves a pair that does not match: refused, never trusted.
   */
  public Path writeChecked(String name, byte[] content) {
    Path target = writeAtomically(name, content);
    writeAtomically(name + Checksums.SUFFIX, Checksums.line(content, name));
    return target;
  }

  /** Writes {@code name} (a plain file name) under the folder atomically. */
  public Path writeAtomically(String name, String content) {
    return writeAtomically(name, content.getBytes(StandardCharsets.UTF_8));
  }

  /** Writes the bytes {@code content} as {@code name} under the folder atomically. */
  public Path writeAtomically(String name, byte[] content) {
    Path target = resolve(name);
    Path tmp = dir.resolve("." + name + ".tmp");
    try {
      Files.write(tmp, content);
      try {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      return target;
    } catch (IOException e) {
      try {
        Files.deleteIfExists(tmp);          // a full disk leaves no half-written file; the old target is untouched
      } catch (IOException ignored) {
        // the original failure is the one to report
      }
      throw new UncheckedIOException("cannot write " + target.toAbsolutePath() + ": " + e.getMessage()
          + (e.getMessage() != null && e.getMessage().contains("No space") ? " (the disk is full; earlier files are intact)" : ""), e);
    }
  }

  /**
   * Writes {@code rows} as NumPy's {@code .npy} (float64, shape rows × columns) named
   * {@code name}{@code .npy}, atomically.
   */
  public Path writeNpy(String name, double[][] rows) {
    return writeAtomically(name + ".npy", Npy.write(rows));
  }

  /** Appends one row of series {@code series} in tidy form and flushes. */
  public void append(String series, long step, long epoch, String point, List<String> columns, double[] values) {
    BufferedWriter w = csv.computeIfAbsent(series, this::openCsv);
    try {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < columns.size(); i++) {
        sb.append(step).append(',').append(epoch).append(',').append(point).append(',')
            .append(columns.get(i)).append(',').append(values[i]).append('\n');
      }
      w.write(sb.toString());
      w.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to " + series + ".csv: " + e.getMessage(), e);
    }
  }

  private BufferedWriter openCsv(String series) {
    Path file = resolve(series + ".csv");
    try {
      BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
      w.write("step,epoch,point,column,value\n");
      return w;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + file.toAbsolutePath() + ": " + e.getMessage(), e);
    }
  }

  private Path resolve(String name) {
    if (!SAFE.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "file name '" + name + "' must be letters, digits, '.', '_' or '-' (and not start with '.')");
    }
    return dir.resolve(name);
  }

  /** Flushes and closes every CSV. */
  @Override
  public void close() {
    IOException first = null;
    for (BufferedWriter w : csv.values()) {
      try {
        w.close();
      } catch (IOException e) {
        first = first == null ? e : first;
      }
    }
    csv.clear();
    if (first != null) {
      throw new UncheckedIOException(first);
    }
  }
}
