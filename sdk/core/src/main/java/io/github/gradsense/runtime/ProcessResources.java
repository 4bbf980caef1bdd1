package io.github.gradsense.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * This process's resident memory and open file descriptors, read from Linux's {@code /proc/self}
 * (−1 where there is no {@code /proc}): what a soak watches to show that many runs in one JVM leak
 * neither native memory (sessions, graphs, tensors) nor files.
 *
 * <pre>{@code
 * ProcessResources before = ProcessResources.now();
 * ... 1,000 runs ...
 * long grown = ProcessResources.now().residentBytes() - before.residentBytes();
 * }</pre>
 *
 * @param residentBytes resident set size (VmRSS), bytes
 * @param openFiles open file descriptors
 */
public record ProcessResources(long residentBytes, int openFiles) {

  /** The current values. */
  public static ProcessResources now() {
    return new ProcessResources(resident(), openFileCount());
  }

  private static long resident() {
    try (Stream<String> lines = Files.lines(Path.of("/proc/self/status"))) {
      return lines.filter(l -> l.startsWith("VmRSS:")).findFirst()
          .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) * 1024).orElse(-1L);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  private static int openFileCount() {
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      return (int) fds.count();
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }
}
