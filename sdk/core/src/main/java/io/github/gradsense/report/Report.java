package io.github.gradsense.report;

import java.nio.file.Path;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Where a run writes its files: a folder, or nowhere (results stay in memory).
 *
 * <pre>{@code
 * experiment.run(Report.to(Path.of("out/ordered-learning/tied")));
 * experiment.run(Report.none());
 * }</pre>
 *
 * @param directory the output folder, or null for none
 */
public record Report(@Nullable Path directory) {

  /** Files under {@code directory} (created if needed). */
  public static Report to(Path directory) {
    return new Report(directory);
  }

  /** No files. */
  public static Report none() {
    return new Report(null);
  }

  /** The output folder, if any. */
  public Optional<Path> folder() {
    return Optional.ofNullable(directory);
  }
}
