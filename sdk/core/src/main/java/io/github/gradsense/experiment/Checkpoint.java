package io.github.gradsense.experiment;

import com.google.common.hash.Hashing;
import io.github.gradsense.report.CorruptFileException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run's state after some update, enough to continue it bit for bit: the experiment it belongs
 * to (the SHA-256 of its canonical spec, {@link ExperimentSpec#hash()}, and that spec's JSON), the
 * step, every network and trainer variable, and every probe row so far. Written atomically as
 * {@code checkpoint.bin} (big-endian: magic {@code GSCK}, version, spec hash, spec, step, last loss,
 * the variables by name, the probe rows); batches and noise are pure functions of (seed, step), so
 * nothing else is needed. The file ends with the SHA-256 of everything before it: a truncated or
 * altered checkpoint is refused ({@link CorruptFileException}), never resumed from.
 */
record Checkpoint(String specHash, String spec, long step, double lastLoss, Map<String, double[]> variables,
    Map<String, List<Row>> rows) {
  static final String FILE = "checkpoint.bin";
  private static final int MAGIC = 0x4753434b;
  private static final int VERSION = 3;
  private static final int SHA256_BYTES = 32;

  /** One probe firing: step, epoch, one row per probe point. */
  record Row(long step, long epoch, double[][] values) {}

  byte[] toBytes() {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(bytes);
      out.writeInt(MAGIC);
      out.writeInt(VERSION);
      out.writeUTF(specHash);
      writeLongString(out, spec);
      out.writeLong(step);
      out.writeDouble(lastLoss);
      out.writeInt(variables.size());
      for (var e : variables.entrySet()) {
        out.writeUTF(e.getKey());
        writeArray(out, e.getValue());
      }
      out.writeInt(rows.size());
      for (var e : rows.entrySet()) {
        out.writeUTF(e.getKey());
        out.writeInt(e.getValue().size());
        for (Row r : e.getValue()) {
          out.writeLong(r.step());
          out.writeLong(r.epoch());
          out.writeInt(r.values().length);
          for (double[] v : r.values()) {
            writeArray(out, v);
          }
        }
      }
      out.flush();
      byte[] body = bytes.toByteArray();                  // then its SHA-256: a truncated or altered file is refused
      out.write(Hashing.sha256().hashBytes(body).asBytes());
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Checkpoint read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("no checkpoint to resume from: " + file.toAbsolutePath() + " does not exist");
    }
    byte[] all;
    try {
      all = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read checkpoint " + file.toAbsolutePath() + ": " + e.getMessage(), e);
    }
    ByteBuffer head = ByteBuffer.wrap(all);
    if (all.length < 8 || head.getInt() != MAGIC) {
      throw new IllegalArgumentException("checkpoint " + file.toAbsolutePath() + " is not a gradsense checkpoint");
    }
    int version = head.getInt();
    if (version != VERSION) {
      throw new IllegalArgumentException("checkpoint " + file.toAbsolutePath() + " is of version " + version
          + "; this gradsense reads version " + VERSION + " (it records the experiment's spec and its SHA-256): run the"
          + " experiment afresh");
    }
    int body = all.length - SHA256_BYTES;
    if (body < 8 || !Arrays.equals(Hashing.sha256().hashBytes(all, 0, body).asBytes(), Arrays.copyOfRange(all, body, all.length))) {
      throw new CorruptFileException(file, "checkpoint " + file.toAbsolutePath() + " is corrupt (" + all.length
          + " bytes, truncated or altered: its SHA-256 does not match); delete it and run the experiment afresh");
    }
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(all, 8, body - 8))) {
      String hash = in.readUTF();
      String spec = readLongString(in);
      long step = in.readLong();
      double loss = in.readDouble();
      Map<String, double[]> vars = new LinkedHashMap<>();
      int n = in.readInt();
      for (int i = 0; i < n; i++) {
        vars.put(in.readUTF(), readArray(in));
      }
      Map<String, List<Row>> rows = new LinkedHashMap<>();
      int probes = in.readInt();
      for (int i = 0; i < probes; i++) {
        String name = in.readUTF();
        int count = in.readInt();
        List<Row> list = new ArrayList<>();
        for (int j = 0; j < count; j++) {
          long s = in.readLong();
          long e = in.readLong();
          double[][] values = new double[in.readInt()][];
          for (int k = 0; k < values.length; k++) {
            values[k] = readArray(in);
          }
          list.add(new Row(s, e, values));
        }
        rows.put(name, list);
      }
      return new Checkpoint(hash, spec, step, loss, vars, rows);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read checkpoint " + file.toAbsolutePath() + ": " + e.getMessage(), e);
    }
  }

  private static void writeLongString(DataOutputStream out, String text) throws IOException {
    byte[] b = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  private static String readLongString(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > (1 << 26)) {
      throw new IOException("spec of " + n + " bytes");
    }
    return new String(in.readNBytes(n), java.nio.charset.StandardCharsets.UTF_8);
  }

  private static void writeArray(DataOutputStream out, double[] v) throws IOException {
    out.writeInt(v.length);
    for (double x : v) {
      out.writeDouble(x);
    }
  }

  private static double[] readArray(DataInputStream in) throws IOException {
    double[] v = new double[in.readInt()];
    for (int i = 0; i < v.length; i++) {
      v[i] = in.readDouble();
    }
    return v;
  }
}
