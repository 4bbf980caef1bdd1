package io.github.gradsense.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * One writer per output folder: the operating system's lock on {@code <out>/.gradsense.lock},
 * held while a command writes there. A second process on the same folder is refused at once with
 * the holder's pid, host, command and start time; the lock goes with its process on any exit
 * (normal, exception, {@code kill -9}), so a killed run never leaves the folder locked. The file
 * itself stays (it only says who held it last).
 *
 * <pre>{@code
 * try (OutputLock lock = OutputLock.acquire(out, "reproduce all")) {
 *   ... write under out ...
 * }
 * }</pre>
 */
public final class OutputLock implements AutoCloseable {
  /** The lock file's name inside the folder. */
  public static final String FILE = ".gradsense.lock";

  private final FileChannel channel;
  private final FileLock lock;

  private OutputLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Locks {@code dir} (creating it) for this process, recording {@code command} as the holder.
   *
   * @throws IllegalStateException naming the holder, if another process (or this one) holds it
   */
  public static OutputLock acquire(Path dir, String command) {
    Path file = dir.resolve(FILE);
    FileChannel ch = null;
    try {
      Files.createDirectories(dir);
      ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock l;
      try {
        l = ch.tryLock();
      } catch (OverlappingFileLockException e) {
        l = null;
      }
      if (l == null) {
        String holder = holder(ch);
        ch.close();
        throw new IllegalStateException("output folder " + dir.toAbsolutePath() + " is in use by " + holder
            + "; wait for it to finish, or choose another --out");
      }
      String me = "gradsense pid " + ProcessHandle.current().pid() + " on " + host() + " ('" + command + "', since "
          + Instant.now() + ")";
      ch.truncate(0);
      ch.write(ByteBuffer.wrap((me + "\n").getBytes(StandardCharsets.UTF_8)), 0);
      ch.force(false);
      return new OutputLock(ch, l);
    } catch (IOException e) {
      closeQuietly(ch);
      throw new UncheckedIOException("cannot lock output folder " + dir.toAbsolutePath() + ": " + e.getMessage(), e);
    }
  }

  private static String holder(FileChannel ch) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(1024);
    int n = ch.read(b, 0);
    String text = n > 0 ? new String(b.array(), 0, n, StandardCharsets.UTF_8).strip() : "";
    return text.isEmpty() ? "another gradsense process (it has not yet written its name)" : text;
  }

  private static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "this host";
    }
  }

  private static void closeQuietly(FileChannel ch) {
    if (ch != null) {
      try {
        ch.close();
      } catch (IOException ignored) {
        // already failing
      }
    }
  }

  /** Releases the lock. */
  @Override
  public void close() {
    try {
      lock.release();
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
