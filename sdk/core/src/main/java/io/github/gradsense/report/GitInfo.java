package io.github.gradsense.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The commit checked out in the working directory, read from {@code .git} files (no process is
 * started): {@code HEAD}, then the loose or packed ref it names.
 *
 * <pre>{@code
 * Optional<String> commit = GitInfo.commit(Path.of("."));
 * }</pre>
 */
public final class GitInfo {
  private GitInfo() {}

  /** The commit hash of the repository containing {@code start}, if any. */
  public static Optional<String> commit(Path start) {
    Path dir = start.toAbsolutePath().normalize();
    while (dir != null) {
      Path git = dir.resolve(".git");
      if (Files.isDirectory(git)) {
        return read(git);
      }
      dir = dir.getParent();
    }
    return Optional.empty();
  }

  private static Optional<String> read(Path git) {
    try {
      String head = Files.readString(git.resolve("HEAD"), StandardCharsets.UTF_8).trim();
      if (!head.startsWith("ref:")) {
        return Optional.of(head);
      }
      String ref = head.substring(4).trim();
      Path loose = git.resolve(ref);
      if (Files.isRegularFile(loose)) {
        return Optional.of(Files.readString(loose, StandardCharsets.UTF_8).trim());
      }
      Path packed = git.resolve("packed-refs");
      if (Files.isRegularFile(packed)) {
        List<String> lines = Files.readAllLines(packed, StandardCharsets.UTF_8);
        for (String line : lines) {
          if (line.endsWith(" " + ref)) {
            return Optional.of(line.substring(0, line.indexOf(' ')));
          }
        }
      }
      return Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
