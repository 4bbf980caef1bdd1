package io.github.gradsense.network;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.gradsense.internal.Checks;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.jspecify.annotations.Nullable;

/**
 * A PyTorch {@code state_dict} read from a safetensors file or a NumPy .npz archive
 * ({@code numpy.savez} / {@code numpy.savez_compressed}), in pure Java: no native work. Every value
 * is converted to {@code float}; shapes stay PyTorch's (row-major). Files are validated strictly
 * and every size a file declares is checked against {@link Limits} before anything is allocated,
 * so a hostile file cannot make the reader allocate huge memory. Every error message names the
 * file.
 *
 * <p>Export from PyTorch with either one-liner:
 *
 * <pre>{@code
 * safetensors.torch.save_file(model.state_dict(), "resnet18.safetensors")
 * numpy.savez("resnet18.npz", **{k: v.numpy() for k, v in model.state_dict().items()})
 * }</pre>
 *
 * <p>and read it here:
 *
 * <pre>{@code
 * StateDict weights = StateDict.read(Path.of("resnet18.safetensors"));
 * weights.checkFits("resnet18", expectedShapes, Set.of("bn1.num_batches_tracked"));
 * float[] kernel = weights.get("conv1.weight").values();   // shape [64, 3, 7, 7]
 * }</pre>
 *
 * <p>safetensors: dtypes F32, F64, F16, BF16, I64 and I32 are read; tensors may leave gaps between
 * them but may not overlap. npz: every entry must be a {@code <name>.npy} array (STORED or
 * DEFLATED, .npy versions 1.0, 2.0 and 3.0) of a little-endian {@code f4, f8, f2, i8, i4, u1} or
 * {@code b1} dtype; arrays saved in Fortran order are reordered to C order.
 */
public final class StateDict {
  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();
  private static final int CHUNK = 1 << 20;
  private static final String METADATA = "__metadata__";
  private static final byte[] NPY_MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final String SAFETENSORS_DTYPES = "F32, F64, F16, BF16, I64, I32";
  private static final String NPY_DTYPES = "<f4, <f8, <f2, <i8, <i4, |u1, |b1";

  private final Map<String, Tensor> tensors;
  private final List<String> names;
  private final @Nullable Path file;
  private volatile @Nullable String sha256;

  private StateDict(LinkedHashMap<String, Tensor> tensors, @Nullable Path file, @Nullable String sha256) {
    this.tensors = Collections.unmodifiableMap(tensors);
    this.names = List.copyOf(tensors.keySet());
    this.file = file;
    this.sha256 = sha256;
  }

  /**
   * One tensor: PyTorch's name, its shape (row-major, as PyTorch's) and its values converted to
   * {@code float}. A shape {@code []} is a scalar with one value. The arrays are copied in and out.
   *
   * <pre>{@code
   * Tensor bias = new Tensor("fc.bias", new long[] {3}, new float[] {0.1f, 0.2f, 0.3f});
   * }</pre>
   *
   * @param name PyTorch's name, e.g. {@code layer1.0.conv1.weight}; not empty
   * @param shape the shape; every extent {@code >= 0}
   * @param values row-major values, as many as the product of {@code shape}
   */
  public record Tensor(String name, long[] shape, float[] values) {

    /** Checks that {@code values} holds exactly the product of {@code shape} entries; copies both. */
    public Tensor {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(shape, "shape");
      Objects.requireNonNull(values, "values");
      if (name.isEmpty()) {
        throw new IllegalArgumentException("a tensor's name must not be empty");
      }
      long n = elements(shape);
      if (n < 0) {
        throw new IllegalArgumentException(
            "tensor '" + name + "' has shape " + Arrays.toString(shape) + ", which has a negative extent or more elements than a long holds");
      }
      if (values.length != n) {
        throw new IllegalArgumentException(
            "tensor '" + name + "' has shape " + Arrays.toString(shape) + " = " + n + " elements, but " + values.length + " values");
      }
      shape = shape.clone();
      values = values.clone();
    }

    /** A copy of the shape. */
    @Override
    public long[] shape() {
      return shape.clone();
    }

    /** A copy of the values. */
    @Override
    public float[] values() {
      return values.clone();
    }

    /** The number of elements: the product of the shape, 1 for a scalar. */
    public long size() {
      return values.length;
    }

    @Override
    public boolean equals(@Nullable Object o) {
      return o instanceof Tensor t && t.name.equals(name) && Arrays.equals(t.shape, shape) && Arrays.equals(t.values, values);
    }

    @Override
    public int hashCode() {
      return (31 * name.hashCode() + Arrays.hashCode(shape)) * 31 + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
      return "Tensor[" + name + " " + Arrays.toString(shape) + "]";
    }
  }

  /**
   * Limits on what a file may declare, checked before anything is allocated.
   *
   * <pre>{@code
   * StateDict small = StateDict.read(file, new Limits(1 << 20, 10_000_000, 1L << 30));
   * }</pre>
   *
   * @param maxHeaderBytes the longest safetensors JSON header or .npy header, in bytes
   * @param maxTensorElements the most elements of one tensor (a Java array holds at most {@code
   *     Integer.MAX_VALUE - 8})
   * @param maxTotalBytes the most bytes of tensor data, summed over all tensors and counted as
   *     stored in the file (in memory each element takes 4 bytes)
   */
  public record Limits(long maxHeaderBytes, long maxTensorElements, long maxTotalBytes) {

    /** Checks that every limit is positive and that a header and a tensor fit a Java array. */
    public Limits {
      Checks.checkRange("Limits.maxHeaderBytes", maxHeaderBytes, 1, Integer.MAX_VALUE - 8);
      Checks.checkRange("Limits.maxTensorElements", maxTensorElements, 1, Integer.MAX_VALUE - 8);
      Checks.checkRange("Limits.maxTotalBytes", maxTotalBytes, 1, Long.MAX_VALUE);
    }

    /** Headers up to 100 MiB, tensors up to {@code Integer.MAX_VALUE - 8} elements, 8 GiB of data. */
    public static Limits defaults() {
      return new Limits(100L << 20, Integer.MAX_VALUE - 8, 8L << 30);
    }
  }

  /** Reads a safetensors or .npz file under {@link Limits#defaults()}. */
  public static StateDict read(Path file) {
    return read(file, Limits.defaults());
  }

  /**
   * Reads a safetensors or .npz file, told apart by their first bytes.
   *
   * @throws IllegalArgumentException if the file is missing, is neither format, or breaks its
   *     format or {@code limits}; the message names the file
   * @throws UncheckedIOException if reading fails
   */
  public static StateDict read(Path file, Limits limits) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(limits, "limits");
    if (!Files.exists(file)) {
      throw new IllegalArgumentException("no such weights file: " + file);
    }
    if (Files.isDirectory(file)) {
      throw new IllegalArgumentException("weights file " + file + " is a folder, not a file");
    }
    try {
      byte[] head;
      try (InputStream in = Files.newInputStream(file)) {
        head = in.readNBytes(16);
      }
      LinkedHashMap<String, Tensor> tensors;
      if (startsWith(head, 'P', 'K', 3, 4) || startsWith(head, 'P', 'K', 5, 6)) {
        tensors = new NpzReader(file, limits).read();
      } else if (head.length >= 9 && head[8] == '{') {
        tensors = new SafetensorsReader(file, limits).read();
      } else {
        throw new IllegalArgumentException(
            "weights file " + file + " is neither safetensors nor .npz (" + describeBytes(head) + ")");
      }
      return new StateDict(tensors, file, hashFile(file));
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("no such weights file: " + file, e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read weights file " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * An in-memory dict of {@code tensors}, in their order.
   *
   * @throws IllegalArgumentException on a duplicate name or the reserved name {@code __metadata__}
   */
  public static StateDict of(List<Tensor> tensors) {
    LinkedHashMap<String, Tensor> map = new LinkedHashMap<>();
    for (Tensor t : tensors) {
      Objects.requireNonNull(t, "tensor");
      if (t.name().equals(METADATA)) {
        throw new IllegalArgumentException("a tensor must not be named " + METADATA + " (safetensors reserves it)");
      }
      if (map.put(t.name(), t) != null) {
        throw new IllegalArgumentException("duplicate tensor name '" + t.name() + "'");
      }
    }
    return new StateDict(map, null, null);
  }

  /** The tensors' names in file order: safetensors by data offset, npz by zip entry. */
  public List<String> names() {
    return names;
  }

  /** The tensors by name, unmodifiable, in {@link #names()} order. */
  public Map<String, Tensor> tensors() {
    return tensors;
  }

  /**
   * The tensor named {@code name}.
   *
   * @throws IllegalArgumentException naming the missing tensor and the file
   */
  public Tensor get(String name) {
    Tensor t = tensors.get(name);
    if (t == null) {
      StringJoiner held = new StringJoiner(", ");
      names.stream().limit(10).forEach(held::add);
      String more = names.size() > 10 ? ", … " + (names.size() - 10) + " more" : "";
      throw new IllegalArgumentException(
          describe() + " holds no tensor '" + name + "' (it holds " + names.size() + ": " + held + more + ")");
    }
    return t;
  }

  /** The file this dict was read from; empty for an in-memory dict. */
  public Optional<Path> file() {
    return Optional.ofNullable(file);
  }

  /**
   * The hex SHA-256 of the file's bytes, as read; for an in-memory dict, of its safetensors
   * encoding (the bytes {@link #writeSafetensors} writes).
   */
  public String sha256() {
    String s = sha256;
    if (s == null) {
      MessageDigest md = sha256Digest();
      try (OutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), md)) {
        encode(out);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      s = HexFormat.of().formatHex(md.digest());
      sha256 = s;
    }
    return s;
  }

  /**
   * Checks this dict against what an architecture needs.
   *
   * <pre>{@code
   * weights.checkFits("resnet18", Map.of("fc.weight", new long[] {1000, 512}), Set.of());
   * // weights file /x/resnet18.npz does not fit resnet18: mis-shaped fc.weight [10, 512] (resnet18 needs [1000, 512])
   * }</pre>
   *
   * @param architecture named in the message
   * @param expected every tensor the architecture has, name to shape
   * @param optional names that may be absent (e.g. BatchNorm's {@code num_batches_tracked}); a name
   *     here but not in {@code expected} is allowed with any shape
   * @throws IllegalArgumentException with one message listing every missing tensor (in {@code
   *     expected}'s order), every unexpected one (in file order) and every mis-shaped one
   */
  public void checkFits(String architecture, Map<String, long[]> expected, Set<String> optional) {
    List<String> missing = new ArrayList<>();
    List<String> misShaped = new ArrayList<>();
    for (Map.Entry<String, long[]> e : expected.entrySet()) {
      Tensor t = tensors.get(e.getKey());
      long[] want = Objects.requireNonNull(e.getValue(), () -> "expected shape of " + e.getKey());
      if (t == null) {
        if (!optional.contains(e.getKey())) {
          missing.add(e.getKey());
        }
      } else if (!Arrays.equals(t.shape, want)) {
        misShaped.add(e.getKey() + " " + Arrays.toString(t.shape) + " (" + architecture + " needs " + Arrays.toString(want) + ")");
      }
    }
    List<String> unexpected = new ArrayList<>();
    for (String name : names) {
      if (!expected.containsKey(name) && !optional.contains(name)) {
        unexpected.add(name);
      }
    }
    StringJoiner problems = new StringJoiner("; ");
    if (!missing.isEmpty()) {
      problems.add("missing " + String.join(", ", missing));
    }
    if (!unexpected.isEmpty()) {
      problems.add("unexpected " + String.join(", ", unexpected));
    }
    if (!misShaped.isEmpty()) {
      problems.add("mis-shaped " + String.join(", ", misShaped));
    }
    if (problems.length() > 0) {
      throw new IllegalArgumentException(describe() + " does not fit " + architecture + ": " + problems);
    }
  }

  /**
   * Writes this dict as safetensors: every tensor as F32 in {@link #names()} order, the header
   * carrying {@code "__metadata__": {"format": "pt"}} and padded with spaces to a multiple of 8
   * bytes, as the reference implementation writes it. The file is written to a temporary file in
   * the same folder and then moved into place atomically; nothing half-written is left on failure.
   *
   * @throws IllegalArgumentException if the folder does not exist or {@code file} is a folder
   * @throws UncheckedIOException if writing fails
   */
  public void writeSafetensors(Path file) {
    Path absolute = file.toAbsolutePath();
    Path dir = absolute.getParent();
    if (dir == null || !Files.isDirectory(dir)) {
      throw new IllegalArgumentException("cannot write weights file " + file + ": folder " + dir + " does not exist");
    }
    if (Files.isDirectory(absolute)) {
      throw new IllegalArgumentException("cannot write weights file " + file + ": it is a folder");
    }
    byte[] random = new byte[6];
    new SecureRandom().nextBytes(random);
    Path tmp = dir.resolve("." + absolute.getFileName() + "." + HexFormat.of().formatHex(random) + ".tmp");
    boolean moved = false;
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
          OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16)) {
        encode(out);
        out.flush();
        ch.force(true);
      }
      Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE);
      moved = true;
    } catch (AtomicMoveNotSupportedException e) {
      throw new UncheckedIOException("cannot write weights file " + file + ": its file system cannot move files atomically", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write weights file " + file + ": " + e, e);
    } finally {
      if (!moved) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // best effort: the original failure is what the caller needs to see
        }
      }
    }
  }

  @Override
  public String toString() {
    return "StateDict[" + (file == null ? "in memory" : file) + ", " + names.size() + " tensors]";
  }

  private String describe() {
    return file == null ? "in-memory state dict" : "weights file " + file;
  }

  /** The safetensors encoding, all F32. */
  private void encode(OutputStream out) throws IOException {
    ObjectNode header = JSON.createObjectNode();
    header.putObject(METADATA).put("format", "pt");
    long offset = 0;
    for (Tensor t : tensors.values()) {
      ObjectNode e = header.putObject(t.name);
      e.put("dtype", "F32");
      ArrayNode shape = e.putArray("shape");
      for (long d : t.shape) {
        shape.add(d);
      }
      long end = offset + 4L * t.values.length;
      e.putArray("data_offsets").add(offset).add(end);
      offset = end;
    }
    byte[] json = JSON.writeValueAsBytes(header);
    int pad = (8 - json.length % 8) % 8;
    ByteBuffer buf = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
    buf.putLong(json.length + pad);
    out.write(buf.array(), 0, 8);
    out.write(json);
    for (int i = 0; i < pad; i++) {
      out.write(' ');
    }
    for (Tensor t : tensors.values()) {
      float[] v = t.values;
      for (int i = 0; i < v.length; ) {
        buf.clear();
        int n = Math.min(v.length - i, CHUNK / 4);
        buf.asFloatBuffer().put(v, i, n);
        out.write(buf.array(), 0, 4 * n);
        i += n;
      }
    }
  }

  private static MessageDigest sha256Digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  private static String hashFile(Path file) throws IOException {
    MessageDigest md = sha256Digest();
    byte[] buf = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }

  private static boolean startsWith(byte[] b, int... prefix) {
    if (b.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (b[i] != (byte) prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static String describeBytes(byte[] head) {
    if (head.length == 0) {
      return "the file is empty";
    }
    StringBuilder hex = new StringBuilder();
    StringBuilder text = new StringBuilder();
    for (byte b : head) {
      hex.append(hex.length() == 0 ? "" : " ").append(String.format("%02x", b & 0xff));
      text.append(b >= 0x20 && b < 0x7f ? (char) b : '.');
    }
    return "first bytes: " + hex + " \"" + text + "\"";
  }

  /** The product of {@code shape}, or -1 if an extent is negative or the product overflows. */
  private static long elements(long[] shape) {
    long n = 1;
    for (long d : shape) {
      if (d < 0) {
        return -1;
      }
      try {
        n = Math.multiplyExact(n, d);
      } catch (ArithmeticException e) {
        return -1;
      }
    }
    return n;
  }

  /** The element types both formats may hold, with their size in bytes. */
  private enum Dtype {
    F32(4),
    F64(8),
    F16(2),
    BF16(2),
    I64(8),
    I32(4),
    U8(1),
    BOOL(1);

    final int size;

    Dtype(int size) {
      this.size = size;
    }

    /** Decodes the whole little-endian elements of {@code in} into {@code out} from {@code at}. */
    int decode(ByteBuffer in, float[] out, int at) {
      int n = in.remaining() / size;
      switch (this) {
        case F32 -> in.asFloatBuffer().get(out, at, n);
        case F64 -> {
          for (int i = 0; i < n; i++) {
            out[at + i] = (float) in.getDouble();
          }
        }
        case F16 -> {
          for (int i = 0; i < n; i++) {
            out[at + i] = halfToFloat(in.getShort() & 0xffff);
          }
        }
        case BF16 -> {
          for (int i = 0; i < n; i++) {
            out[at + i] = Float.intBitsToFloat((in.getShort() & 0xffff) << 16);
          }
        }
        case I64 -> {
          for (int i = 0; i < n; i++) {
            out[at + i] = in.getLong();
          }
        }
        case I32 -> {
          for (int i = 0; i < n; i++) {
            out[at + i] = in.getInt();
          }
        }
        case U8 -> {
          for (int i = 0; i < n; i++) {
            out[at + i] = in.get() & 0xff;
          }
        }
        case BOOL -> {
          for (int i = 0; i < n; i++) {
            out[at + i] = in.get() != 0 ? 1f : 0f;
          }
        }
        default -> throw new AssertionError(this);
      }
      return at + n;
    }
  }

  /** IEEE 754 binary16 to float, exactly. */
  static float halfToFloat(int h) {
    int sign = (h & 0x8000) << 16;
    int exp = (h >>> 10) & 0x1f;
    int mant = h & 0x3ff;
    if (exp == 0x1f) {
      return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
    }
    if (exp == 0) {
      float v = mant * 0x1p-24f;
      return sign != 0 ? -v : v;
    }
    return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
  }

  /** Fills {@code buf} up to its limit from {@code ch} at {@code position}; false on early EOF. */
  private static boolean readFully(FileChannel ch, ByteBuffer buf, long position) throws IOException {
    long at = position;
    while (buf.hasRemaining()) {
      int r = ch.read(buf, at);
      if (r < 0) {
        return false;
      }
      at += r;
    }
    return true;
  }

  /** One tensor's place in a safetensors file, validated. */
  private record Entry(String name, Dtype dtype, long[] shape, int elements, long begin, long end) {}

  private static final class SafetensorsReader {
    private final Path file;
    private final Limits limits;

    SafetensorsReader(Path file, Limits limits) {
      this.file = file;
      this.limits = limits;
    }

    private IllegalArgumentException bad(String what) {
      return new IllegalArgumentException("weights file " + file + what);
    }

    LinkedHashMap<String, Tensor> read() throws IOException {
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
        long size = ch.size();
        ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        if (!readFully(ch, lenBuf, 0)) {
          throw bad(" is truncated: it is shorter than a safetensors header length (8 bytes)");
        }
        long n = lenBuf.getLong(0);
        if (Long.compareUnsigned(n, limits.maxHeaderBytes()) > 0) {
          throw bad(" declares a header of " + Long.toUnsignedString(n) + " bytes, more than the limit of "
              + limits.maxHeaderBytes() + " bytes (Limits.maxHeaderBytes)");
        }
        if (n > size - 8) {
          throw bad(" is truncated: its header declares " + n + " bytes but only " + (size - 8) + " bytes follow its 8-byte length");
        }
        ByteBuffer headerBuf = ByteBuffer.allocate((int) n);
        if (!readFully(ch, headerBuf, 8)) {
          throw bad(" is truncated: it ended inside its " + n + "-byte header");
        }
        long base = 8 + n;
        long dataLength = size - base;
        List<Entry> entries = parseHeader(headerBuf.array(), dataLength);

        LinkedHashMap<String, Tensor> out = new LinkedHashMap<>();
        ByteBuffer chunk = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
        for (Entry e : entries) {
          float[] values = new float[e.elements];
          int at = 0;
          long pos = base + e.begin;
          long remaining = e.end - e.begin;
          while (remaining > 0) {
            int want = (int) Math.min(CHUNK, remaining);
            chunk.clear().limit(want);
            if (!readFully(ch, chunk, pos)) {
              throw bad(" is truncated: it ended inside tensor '" + e.name + "'");
            }
            chunk.flip();
            at = e.dtype.decode(chunk, values, at);
            pos += want;
            remaining -= want;
          }
          out.put(e.name, new Tensor(e.name, e.shape, values));
        }
        return out;
      }
    }

    /** Validates the whole header; returns the tensors in data order. */
    private List<Entry> parseHeader(byte[] header, long dataLength) {
      JsonNode root;
      try {
        root = JSON.readTree(header);
      } catch (JsonProcessingException e) {
        throw bad(" has a safetensors header that is not valid JSON: " + e.getOriginalMessage());
      } catch (IOException e) {
        throw bad(" has a safetensors header that cannot be parsed: " + e.getMessage());
      }
      if (root == null || !root.isObject()) {
        throw bad(" has a safetensors header that is not a JSON object");
      }
      List<Entry> entries = new ArrayList<>();
      long total = 0;
      for (Map.Entry<String, JsonNode> field : root.properties()) {
        String name = field.getKey();
        JsonNode v = field.getValue();
        if (name.equals(METADATA)) {
          checkMetadata(v);
          continue;
        }
        Entry e = entry(name, v, dataLength);
        total = addTotal(total, e.end - e.begin);
        entries.add(e);
      }
      entries.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
      for (int i = 1; i < entries.size(); i++) {
        Entry a = entries.get(i - 1);
        Entry b = entries.get(i);
        if (b.begin < a.end) {
          throw bad(": tensors '" + a.name + "' (bytes [" + a.begin + ", " + a.end + ")) and '" + b.name
              + "' (bytes [" + b.begin + ", " + b.end + ")) overlap");
        }
      }
      return entries;
    }

    private long addTotal(long total, long bytes) {
      if (bytes > limits.maxTotalBytes() - total) {
        throw bad(" declares more than " + limits.maxTotalBytes() + " bytes of tensor data (Limits.maxTotalBytes)");
      }
      return total + bytes;
    }

    private void checkMetadata(JsonNode v) {
      if (!v.isObject()) {
        throw bad(": its " + METADATA + " is not a JSON object of strings");
      }
      for (Map.Entry<String, JsonNode> m : v.properties()) {
        if (!m.getValue().isTextual()) {
          throw bad(": its " + METADATA + " entry '" + m.getKey() + "' is not a string");
        }
      }
    }

    private Entry entry(String name, JsonNode v, long dataLength) {
      String t = "tensor '" + name + "'";
      if (name.isEmpty()) {
        throw bad(": a tensor has an empty name");
      }
      if (!v.isObject()) {
        throw bad(": " + t + " is not a JSON object with dtype, shape and data_offsets");
      }
      JsonNode dtypeNode = v.get("dtype");
      if (dtypeNode == null || !dtypeNode.isTextual()) {
        throw bad(": " + t + " has no string \"dtype\"");
      }
      String dtypeName = dtypeNode.asText();
      Dtype dtype = switch (dtypeName) {
        case "F32" -> Dtype.F32;
        case "F64" -> Dtype.F64;
        case "F16" -> Dtype.F16;
        case "BF16" -> Dtype.BF16;
        case "I64" -> Dtype.I64;
        case "I32" -> Dtype.I32;
        default -> throw bad(": " + t + " has dtype " + dtypeName + ", which is not supported (supported: " + SAFETENSORS_DTYPES + ")");
      };
      long[] shape = longs(t, "shape", v.get("shape"), -1);
      long[] offsets = longs(t, "data_offsets", v.get("data_offsets"), 2);
      long n = elements(shape);
      if (n < 0) {
        throw bad(": " + t + " declares shape " + Arrays.toString(shape) + ", more elements than a long holds");
      }
      if (n > limits.maxTensorElements()) {
        throw bad(": " + t + " declares shape " + Arrays.toString(shape) + " = " + n + " elements, more than the limit of "
            + limits.maxTensorElements() + " elements (Limits.maxTensorElements)");
      }
      long bytes = n * dtype.size; // n < 2^31, size <= 8
      long begin = offsets[0];
      long end = offsets[1];
      if (end < begin) {
        throw bad(": " + t + " has data_offsets [" + begin + ", " + end + "], which end before they begin");
      }
      if (end - begin != bytes) {
        throw bad(": " + t + " has data_offsets [" + begin + ", " + end + "] = " + (end - begin) + " bytes, but shape "
            + Arrays.toString(shape) + " of " + dtypeName + " needs " + bytes + " bytes");
      }
      if (end > dataLength) {
        throw bad(" is truncated: " + t + " ends at byte " + end + " of the data, but the file holds only " + dataLength + " bytes of data");
      }
      return new Entry(name, dtype, shape, (int) n, begin, end);
    }

    /** A JSON array of non-negative integers ({@code length} of them unless negative). */
    private long[] longs(String t, String field, @Nullable JsonNode node, int length) {
      if (node == null || !node.isArray()) {
        throw bad(": " + t + " has no array \"" + field + "\"");
      }
      if (length >= 0 && node.size() != length) {
        throw bad(": " + t + " has \"" + field + "\" of " + node.size() + " entries, not " + length);
      }
      long[] out = new long[node.size()];
      for (int i = 0; i < out.length; i++) {
        JsonNode d = node.get(i);
        if (!d.isIntegralNumber() || !d.canConvertToLong() || d.asLong() < 0) {
          throw bad(": " + t + " has \"" + field + "\" entry " + d + ", not an integer in [0, " + Long.MAX_VALUE + "]");
        }
        out[i] = d.asLong();
      }
      return out;
    }
  }

  /** One .npy array header, validated. */
  private record NpyHeader(String entry, Dtype dtype, long[] shape, int elements, boolean fortran, long skip, long dataBytes) {}

  private static final class NpzReader {
    private final Path file;
    private final Limits limits;

    NpzReader(Path file, Limits limits) {
      this.file = file;
      this.limits = limits;
    }

    private IllegalArgumentException bad(String what) {
      return new IllegalArgumentException("weights file " + file + what);
    }

    private IllegalArgumentException corrupt(IOException e) {
      return new IllegalArgumentException("weights file " + file + " is a corrupt or truncated .npz: " + e.getMessage(), e);
    }

    LinkedHashMap<String, Tensor> read() throws IOException {
      ZipFile zip;
      try {
        zip = new ZipFile(file.toFile());
      } catch (ZipException | EOFException e) {
        throw corrupt(e);
      }
      try (zip) {
        List<ZipEntry> entries = new ArrayList<>();
        List<NpyHeader> headers = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        long total = 0;
        for (Enumeration<? extends ZipEntry> en = zip.entries(); en.hasMoreElements(); ) {
          ZipEntry z = en.nextElement();
          String name = z.getName();
          if (z.isDirectory() || !name.endsWith(".npy") || name.length() == 4) {
            throw bad(": entry '" + name + "' is not a .npy array (an .npz holds only <name>.npy entries)");
          }
          if (!seen.add(name)) {
            throw bad(": entry '" + name + "' appears twice");
          }
          if (z.getMethod() != ZipEntry.STORED && z.getMethod() != ZipEntry.DEFLATED) {
            throw bad(": entry '" + name + "' uses zip compression method " + z.getMethod() + "; only STORED and DEFLATED are read");
          }
          NpyHeader h;
          try (InputStream in = zip.getInputStream(z)) {
            h = header(name, in, z.getSize());
          } catch (ZipException | EOFException e) {
            throw corrupt(e);
          }
          if (h.dataBytes > limits.maxTotalBytes() - total) {
            throw bad(" declares more than " + limits.maxTotalBytes() + " bytes of tensor data (Limits.maxTotalBytes)");
          }
          total += h.dataBytes;
          entries.add(z);
          headers.add(h);
        }
        LinkedHashMap<String, Tensor> out = new LinkedHashMap<>();
        ByteBuffer chunk = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < entries.size(); i++) {
          ZipEntry z = entries.get(i);
          NpyHeader h = headers.get(i);
          try (InputStream in = zip.getInputStream(z)) {
            float[] values = data(z, h, in, chunk);
            if (h.fortran) {
              values = fortranToC(values, h.shape);
            }
            String name = h.entry.substring(0, h.entry.length() - 4);
            out.put(name, new Tensor(name, h.shape, values));
          } catch (ZipException | EOFException e) {
            throw corrupt(e);
          }
        }
        return out;
      }
    }

    /** Reads and validates the .npy header at the start of an entry. */
    private NpyHeader header(String entry, InputStream in, long entrySize) throws IOException {
      String e = "entry '" + entry + "'";
      byte[] pre = in.readNBytes(8);
      if (pre.length < 8 || !Arrays.equals(pre, 0, 6, NPY_MAGIC, 0, 6)) {
        throw bad(": " + e + " is not a .npy array (it lacks the \\x93NUMPY magic)");
      }
      int major = pre[6] & 0xff;
      int minor = pre[7] & 0xff;
      if (major < 1 || major > 3 || minor != 0) {
        throw bad(": " + e + " has .npy format version " + major + "." + minor + "; versions 1.0, 2.0 and 3.0 are read");
      }
      int lenBytes = major == 1 ? 2 : 4;
      byte[] lb = in.readNBytes(lenBytes);
      if (lb.length < lenBytes) {
        throw bad(" is truncated: " + e + " ended inside its .npy header length");
      }
      long headerLen = ByteBuffer.wrap(Arrays.copyOf(lb, 8)).order(ByteOrder.LITTLE_ENDIAN).getLong();
      if (headerLen > limits.maxHeaderBytes()) {
        throw bad(": " + e + " declares a .npy header of " + headerLen + " bytes, more than the limit of "
            + limits.maxHeaderBytes() + " bytes (Limits.maxHeaderBytes)");
      }
      long prefix = 8 + lenBytes + headerLen;
      if (entrySize >= 0 && entrySize < prefix) {
        throw bad(" is truncated: " + e + " declares a .npy header of " + headerLen + " bytes but holds only " + entrySize + " bytes");
      }
      byte[] hb = in.readNBytes((int) headerLen);
      if (hb.length < headerLen) {
        throw bad(" is truncated: " + e + " ended inside its " + headerLen + "-byte .npy header");
      }
      String text = new String(hb, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
      Map<?, ?> dict;
      try {
        Object parsed = new PyLiteral(text).parseHeader();
        if (!(parsed instanceof Map<?, ?> m)) {
          throw new IllegalArgumentException("it is not a dict");
        }
        dict = m;
      } catch (IllegalArgumentException x) {
        throw bad(": " + e + " has a malformed .npy header (" + x.getMessage() + "): " + abbreviate(text));
      }
      if (!dict.keySet().equals(Set.of("descr", "fortran_order", "shape"))) {
        throw bad(": " + e + " has .npy header keys " + dict.keySet() + ", not exactly descr, fortran_order and shape");
      }
      Dtype dtype = dtype(e, dict.get("descr"));
      if (!(dict.get("fortran_order") instanceof Boolean fortran)) {
        throw bad(": " + e + " has fortran_order " + dict.get("fortran_order") + ", not True or False");
      }
      if (!(dict.get("shape") instanceof Tuple tuple)) {
        throw bad(": " + e + " has shape " + dict.get("shape") + ", not a tuple");
      }
      long[] shape = new long[tuple.items().size()];
      for (int i = 0; i < shape.length; i++) {
        if (!(tuple.items().get(i) instanceof Long d) || d < 0) {
          throw bad(": " + e + " has shape entry " + tuple.items().get(i) + ", not a non-negative integer");
        }
        shape[i] = d;
      }
      long n = elements(shape);
      if (n < 0) {
        throw bad(": " + e + " declares shape " + Arrays.toString(shape) + ", more elements than a long holds");
      }
      if (n > limits.maxTensorElements()) {
        throw bad(": " + e + " declares shape " + Arrays.toString(shape) + " = " + n + " elements, more than the limit of "
            + limits.maxTensorElements() + " elements (Limits.maxTensorElements)");
      }
      long dataBytes = n * dtype.size;
      if (entrySize >= 0 && entrySize - prefix < dataBytes) {
        throw bad(" is truncated: " + e + " declares shape " + Arrays.toString(shape) + " of " + dict.get("descr") + " = "
            + dataBytes + " bytes of data but holds only " + (entrySize - prefix));
      }
      if (entrySize >= 0 && entrySize - prefix > dataBytes) {
        throw bad(": " + e + " holds " + (entrySize - prefix - dataBytes) + " bytes more than its shape "
            + Arrays.toString(shape) + " of " + dict.get("descr") + " needs");
      }
      return new NpyHeader(entry, dtype, shape, (int) n, fortran, prefix, dataBytes);
    }

    private Dtype dtype(String e, @Nullable Object descr) {
      if (!(descr instanceof String d)) {
        throw bad(": " + e + " has descr " + descr + ", a structured dtype, which is not supported (supported: " + NPY_DTYPES + ")");
      }
      char order = d.isEmpty() ? '?' : d.charAt(0);
      Dtype t = switch (d.isEmpty() ? "" : d.substring(1)) {
        case "f4" -> Dtype.F32;
        case "f8" -> Dtype.F64;
        case "f2" -> Dtype.F16;
        case "i8" -> Dtype.I64;
        case "i4" -> Dtype.I32;
        case "u1" -> Dtype.U8;
        case "b1" -> Dtype.BOOL;
        default -> null;
      };
      if (t != null && t.size > 1 && order == '>') {
        throw bad(": " + e + " has descr '" + d + "', which is big-endian; only little-endian arrays are read"
            + " (save with numpy's default byte order, e.g. array.astype('<" + d.substring(1) + "'))");
      }
      boolean orderOk = order == '<' || order == '=' || (t != null && t.size == 1 && (order == '|' || order == '>'));
      if (t == null || !orderOk) {
        throw bad(": " + e + " has descr '" + d + "', which is not supported (supported: " + NPY_DTYPES + ")");
      }
      return t;
    }

    /** Reads exactly the array's bytes after its header, checking the CRC and that nothing follows. */
    private float[] data(ZipEntry z, NpyHeader h, InputStream in, ByteBuffer chunk) throws IOException {
      String e = "entry '" + h.entry + "'";
      CRC32 crc = new CRC32();
      long toSkip = h.skip;
      byte[] buf = chunk.array();
      while (toSkip > 0) {
        int r = in.read(buf, 0, (int) Math.min(buf.length, toSkip));
        if (r < 0) {
          throw bad(" is truncated: " + e + " ended inside its .npy header");
        }
        crc.update(buf, 0, r);
        toSkip -= r;
      }
      float[] values = new float[h.elements];
      int at = 0;
      long remaining = h.dataBytes;
      while (remaining > 0) {
        int want = (int) Math.min(CHUNK, remaining);
        int got = in.readNBytes(buf, 0, want);
        if (got < want) {
          throw bad(" is truncated: " + e + " ended after " + (h.dataBytes - remaining + got) + " of its " + h.dataBytes + " bytes of data");
        }
        crc.update(buf, 0, want);
        chunk.clear().limit(want);
        at = h.dtype.decode(chunk, values, at);
        remaining -= want;
      }
      if (in.read() >= 0) {
        throw bad(": " + e + " holds more bytes than its shape " + Arrays.toString(h.shape) + " needs");
      }
      if (z.getCrc() >= 0 && crc.getValue() != z.getCrc()) {
        throw bad(" is corrupt: " + e + " fails its CRC-32 check");
      }
      return values;
    }
  }

  /** Reorders column-major (Fortran) values of {@code shape} to row-major. */
  private static float[] fortranToC(float[] f, long[] shape) {
    int k = shape.length;
    if (k < 2 || f.length == 0) {
      return f;
    }
    float[] c = new float[f.length];
    long[] stride = new long[k];
    stride[0] = 1;
    for (int j = 1; j < k; j++) {
      stride[j] = stride[j - 1] * shape[j - 1];
    }
    long[] idx = new long[k];
    long off = 0;
    for (int i = 0; i < c.length; i++) {
      c[i] = f[(int) off];
      for (int j = k - 1; j >= 0; j--) {
        idx[j]++;
        off += stride[j];
        if (idx[j] < shape[j]) {
          break;
        }
        off -= stride[j] * shape[j];
        idx[j] = 0;
      }
    }
    return c;
  }

  private static String abbreviate(String s) {
    String t = s.strip();
    return t.length() <= 200 ? t : t.substring(0, 200) + "…";
  }

  /** A Python tuple, told apart from a list. */
  private record Tuple(List<@Nullable Object> items) {
    @Override
    public String toString() {
      return items.toString().replace('[', '(').replace(']', ')');
    }
  }

  /**
   * A parser of the Python literals a .npy header holds: dicts, tuples, lists, strings, integers
   * (with Python 2's {@code L} suffix), {@code True}, {@code False} and {@code None}.
   */
  private static final class PyLiteral {
    private static final int MAX_DEPTH = 32;
    private final String s;
    private int i;

    PyLiteral(String s) {
      this.s = s;
    }

    @Nullable Object parseHeader() {
      Object v = value(0);
      skipSpace();
      if (i != s.length()) {
        throw new IllegalArgumentException("unexpected text at character " + i);
      }
      return v;
    }

    private void skipSpace() {
      while (i < s.length() && " \t\r\n".indexOf(s.charAt(i)) >= 0) {
        i++;
      }
    }

    private IllegalArgumentException error(String what) {
      return new IllegalArgumentException(what + " at character " + i);
    }

    private @Nullable Object value(int depth) {
      if (depth > MAX_DEPTH) {
        throw error("nesting deeper than " + MAX_DEPTH);
      }
      skipSpace();
      if (i >= s.length()) {
        throw error("unexpected end");
      }
      char c = s.charAt(i);
      switch (c) {
        case '\'', '"' -> {
          return string();
        }
        case '(' -> {
          return new Tuple(sequence(')', depth));
        }
        case '[' -> {
          return sequence(']', depth);
        }
        case '{' -> {
          return dict(depth);
        }
        default -> {
          if (c == '-' || (c >= '0' && c <= '9')) {
            return integer();
          }
          for (String word : List.of("True", "False", "None")) {
            if (s.startsWith(word, i)) {
              i += word.length();
              return word.equals("None") ? null : Boolean.valueOf(word.equals("True"));
            }
          }
          throw error("unexpected '" + c + "'");
        }
      }
    }

    private String string() {
      char quote = s.charAt(i++);
      StringBuilder b = new StringBuilder();
      while (true) {
        if (i >= s.length()) {
          throw error("unterminated string");
        }
        char c = s.charAt(i++);
        if (c == quote) {
          return b.toString();
        }
        if (c == '\\') {
          if (i >= s.length()) {
            throw error("unterminated string");
          }
          c = s.charAt(i++);
        }
        b.append(c);
      }
    }

    private Long integer() {
      int start = i;
      if (s.charAt(i) == '-') {
        i++;
      }
      while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
        i++;
      }
      String digits = s.substring(start, i);
      if (i < s.length() && (s.charAt(i) == 'L' || s.charAt(i) == 'l')) {
        i++;
      }
      try {
        return Long.parseLong(digits);
      } catch (NumberFormatException e) {
        throw error("integer " + abbreviate(digits) + " out of range");
      }
    }

    private List<@Nullable Object> sequence(char close, int depth) {
      i++;
      List<@Nullable Object> items = new ArrayList<>();
      while (true) {
        skipSpace();
        if (i < s.length() && s.charAt(i) == close) {
          i++;
          return items;
        }
        items.add(value(depth + 1));
        skipSpace();
        if (i < s.length() && s.charAt(i) == ',') {
          i++;
        } else if (i < s.length() && s.charAt(i) == close) {
          i++;
          return items;
        } else {
          throw error("expected ',' or '" + close + "'");
        }
      }
    }

    private Map<String, @Nullable Object> dict(int depth) {
      i++;
      Map<String, @Nullable Object> out = new LinkedHashMap<>();
      while (true) {
        skipSpace();
        if (i < s.length() && s.charAt(i) == '}') {
          i++;
          return out;
        }
        if (i >= s.length() || (s.charAt(i) != '\'' && s.charAt(i) != '"')) {
          throw error("expected a string key");
        }
        String key = string();
        skipSpace();
        if (i >= s.length() || s.charAt(i) != ':') {
          throw error("expected ':'");
        }
        i++;
        if (out.containsKey(key)) {
          throw error("duplicate key '" + key + "'");
        }
        out.put(key, value(depth + 1));
        skipSpace();
        if (i < s.length() && s.charAt(i) == ',') {
          i++;
        } else if (i < s.length() && s.charAt(i) == '}') {
          i++;
          return out;
        } else {
          throw error("expected ',' or '}'");
        }
      }
    }
  }
}
