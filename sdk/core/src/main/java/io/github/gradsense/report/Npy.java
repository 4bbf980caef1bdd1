package io.github.gradsense.report;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NumPy's {@code .npy} format (version 1.0) for float64 arrays in C order, little-endian: the
 * magic {@code \x93NUMPY}, the version, a header dict padded to a multiple of 64 bytes, then the
 * data. {@code numpy.load} reads what {@link #write} writes; {@link #read} reads it back (the
 * format is 40 lines; a library for it would bring a Kotlin runtime into the Java artifact).
 *
 * <pre>{@code
 * byte[] bytes = Npy.write(new double[][] {{0, 0.1}, {10, 0.4}});   // shape (2, 2)
 * Npy.Array a = Npy.read(bytes);                                   // a.shape() = [2, 2]
 * }</pre>
 */
public final class Npy {
  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([0-9,\\s]*)\\)");

  private Npy() {}

  /**
   * An array read from {@code .npy}: its shape and its values in C order (element {@code [i][j]} of a
   * 2-D array at {@code values[i · shape[1] + j]}).
   */
  public record Array(int[] shape, double[] values) {
    /** Row {@code i} of a 2-D array. */
    public double[] row(int i) {
      if (shape.length != 2) {
        throw new IllegalStateException("row() needs a 2-D array, this one has shape " + Arrays.toString(shape));
      }
      return Arrays.copyOfRange(values, i * shape[1], (i + 1) * shape[1]);
    }
  }

  /** A 1-D array. */
  public static byte[] write(double[] values) {
    return write(new int[] {values.length}, values);
  }

  /** A 2-D array of equal-length rows. */
  public static byte[] write(double[][] rows) {
    int cols = rows.length == 0 ? 0 : rows[0].length;
    double[] flat = new double[rows.length * cols];
    for (int i = 0; i < rows.length; i++) {
      if (rows[i].length != cols) {
        throw new IllegalArgumentException("row " + i + " has " + rows[i].length + " values, row 0 has " + cols);
      }
      System.arraycopy(rows[i], 0, flat, i * cols, cols);
    }
    return write(new int[] {rows.length, cols}, flat);
  }

  private static byte[] write(int[] shape, double[] values) {
    StringBuilder dims = new StringBuilder();
    for (int d : shape) {
      dims.append(d).append(',');
    }
    if (shape.length > 1) {
      dims.setLength(dims.length() - 1);
    }
    String dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (" + dims + "), }";
    int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1;
    String header = dict + " ".repeat((64 - unpadded % 64) % 64) + "\n";
    byte[] h = header.getBytes(StandardCharsets.US_ASCII);
    ByteBuffer b = ByteBuffer.allocate(MAGIC.length + 4 + h.length + 8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    b.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) h.length).put(h);
    for (double v : values) {
      b.putDouble(v);
    }
    return b.array();
  }

  /** Reads a float64, C-order {@code .npy} (version 1.0). */
  public static Array read(byte[] bytes) {
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    byte[] magic = new byte[MAGIC.length];
    b.get(magic);
    if (!Arrays.equals(magic, MAGIC) || b.get() != 1) {
      throw new IllegalArgumentException("not a version-1 .npy file");
    }
    b.get();
    int headerLength = Short.toUnsignedInt(b.getShort());
    byte[] h = new byte[headerLength];
    b.get(h);
    String header = new String(h, StandardCharsets.US_ASCII);
    if (!header.contains("'descr': '<f8'") || !header.contains("'fortran_order': False")) {
      throw new IllegalArgumentException("only little-endian float64 arrays in C order are read, got " + header.trim());
    }
    Matcher m = SHAPE.matcher(header);
    if (!m.find()) {
      throw new IllegalArgumentException("no shape in the .npy header " + header.trim());
    }
    int[] shape = Arrays.stream(m.group(1).split(",")).map(String::trim).filter(s -> !s.isEmpty())
        .mapToInt(Integer::parseInt).toArray();
    int n = Arrays.stream(shape).reduce(1, (x, y) -> x * y);
    if (b.remaining() != 8 * n) {
      throw new IllegalArgumentException("the .npy data hold " + b.remaining() + " bytes, shape " + Arrays.toString(shape)
          + " needs " + 8 * n);
    }
    double[] values = new double[n];
    b.asDoubleBuffer().get(values);
    return new Array(shape, values);
  }
}
