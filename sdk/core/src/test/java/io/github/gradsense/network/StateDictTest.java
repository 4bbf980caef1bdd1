package io.github.gradsense.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.gradsense.network.StateDict.Limits;
import io.github.gradsense.network.StateDict.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading PyTorch state dicts from safetensors and .npz files, strictly and within limits. */
class StateDictTest {
  @TempDir Path dir;

  // ---------------------------------------------------------------- fixtures

  private static byte[] f32(float... v) {
    ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
    for (float x : v) {
      b.putFloat(x);
    }
    return b.array();
  }

  private static byte[] f64(double... v) {
    ByteBuffer b = ByteBuffer.allocate(8 * v.length).order(ByteOrder.LITTLE_ENDIAN);
    for (double x : v) {
      b.putDouble(x);
    }
    return b.array();
  }

  private static byte[] i64(long... v) {
    ByteBuffer b = ByteBuffer.allocate(8 * v.length).order(ByteOrder.LITTLE_ENDIAN);
    for (long x : v) {
      b.putLong(x);
    }
    return b.array();
  }

  private static byte[] i32(int... v) {
    ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
    for (int x : v) {
      b.putInt(x);
    }
    return b.array();
  }

  private static byte[] u16(int... v) {
    ByteBuffer b = ByteBuffer.allocate(2 * v.length).order(ByteOrder.LITTLE_ENDIAN);
    for (int x : v) {
      b.putShort((short) x);
    }
    return b.array();
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  /** A safetensors file as the reference writes it: u64 length, JSON padded with spaces to 8, data. */
  private static byte[] safetensors(String json, byte[] data) {
    byte[] header = json.getBytes(StandardCharsets.UTF_8);
    int padded = (header.length + 7) / 8 * 8;
    byte[] h = Arrays.copyOf(header, padded);
    Arrays.fill(h, header.length, padded, (byte) ' ');
    return concat(i64(padded), h, data);
  }

  /** A version 1.0 .npy as numpy writes it: header padded with spaces, ending in a newline, data at 64. */
  private static byte[] npy(String descr, boolean fortran, String shape, byte[] data) {
    String dict = "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False") + ", 'shape': " + shape + ", }";
    int total = (10 + dict.length() + 1 + 63) / 64 * 64;
    String header = dict + " ".repeat(total - 10 - dict.length() - 1) + "\n";
    byte[] h = header.getBytes(StandardCharsets.ISO_8859_1);
    byte[] pre = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) h.length, (byte) (h.length >> 8)};
    return concat(pre, h, data);
  }

  /** A version 2.0 .npy: u32 header length. */
  private static byte[] npy2(String descr, boolean fortran, String shape, byte[] data) {
    String dict = "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False") + ", 'shape': " + shape + ", }\n";
    byte[] h = dict.getBytes(StandardCharsets.ISO_8859_1);
    byte[] pre = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 2, 0};
    ByteBuffer len = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(h.length);
    return concat(pre, len.array(), h, data);
  }

  private record Member(String name, byte[] bytes, boolean deflated) {}

  private static Member stored(String name, byte[] bytes) {
    return new Member(name, bytes, false);
  }

  private static Member deflated(String name, byte[] bytes) {
    return new Member(name, bytes, true);
  }

  private static byte[] zip(Member... members) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (Member m : members) {
        ZipEntry e = new ZipEntry(m.name());
        if (m.deflated()) {
          e.setMethod(ZipEntry.DEFLATED);
        } else {
          CRC32 crc = new CRC32();
          crc.update(m.bytes());
          e.setMethod(ZipEntry.STORED);
          e.setSize(m.bytes().length);
          e.setCompressedSize(m.bytes().length);
          e.setCrc(crc.getValue());
        }
        zip.putNextEntry(e);
        zip.write(m.bytes());
        zip.closeEntry();
      }
    }
    return bytes.toByteArray();
  }

  private Path file(String name, byte[] bytes) throws IOException {
    return Files.write(dir.resolve(name), bytes);
  }

  private static void assertRefused(Path file, String... fragments) {
    assertRefused(file, Limits.defaults(), fragments);
  }

  private static void assertRefused(Path file, Limits limits, String... fragments) {
    var thrown = assertThatThrownBy(() -> StateDict.read(file, limits))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(file.toString());
    for (String f : fragments) {
      thrown.hasMessageContaining(f);
    }
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  private static final String TWO_TENSORS =
      "{\"__metadata__\":{\"format\":\"pt\"},"
          + "\"fc.weight\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,24]},"
          + "\"fc.bias\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[24,32]}}";

  // ---------------------------------------------------------------- safetensors

  @Test
  void a_written_safetensors_file_reads_back_with_its_values_shapes_and_order() throws Exception {
    StateDict dict = StateDict.of(List.of(
        new Tensor("conv1.weight", new long[] {2, 1, 2, 2}, new float[] {1, 2, 3, 4, 5, 6, 7, -8.5f}),
        new Tensor("bn1.num_batches_tracked", new long[] {}, new float[] {42}),
        new Tensor("bn1.bias", new long[] {2}, new float[] {Float.NaN, Float.NEGATIVE_INFINITY}),
        new Tensor("empty", new long[] {0, 3}, new float[0])));
    Path file = dir.resolve("resnet.safetensors");
    dict.writeSafetensors(file);

    StateDict back = StateDict.read(file);
    assertThat(back.names()).containsExactly("conv1.weight", "bn1.num_batches_tracked", "bn1.bias", "empty");
    assertThat(back.tensors()).isEqualTo(dict.tensors());
    assertThat(back.get("bn1.num_batches_tracked").shape()).isEmpty();
    assertThat(back.get("bn1.num_batches_tracked").size()).isEqualTo(1);
    assertThat(back.get("conv1.weight").values()).containsExactly(1, 2, 3, 4, 5, 6, 7, -8.5f);
    assertThat(back.file()).contains(file);
    byte[] bytes = Files.readAllBytes(file);
    assertThat(back.sha256()).isEqualTo(sha256(bytes)).isEqualTo(dict.sha256());
    assertThat(dict.file()).isEmpty();
  }

  @Test
  void a_written_safetensors_header_is_padded_with_spaces_to_a_multiple_of_8_and_says_format_pt() throws Exception {
    Path file = dir.resolve("b.safetensors");
    StateDict.of(List.of(new Tensor("b", new long[] {3}, new float[] {1, 2, 3}))).writeSafetensors(file);
    byte[] bytes = Files.readAllBytes(file);
    long n = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    assertThat(n % 8).isZero();
    String header = new String(bytes, 8, (int) n, StandardCharsets.UTF_8);
    assertThat(header.stripTrailing())
        .isEqualTo("{\"__metadata__\":{\"format\":\"pt\"},\"b\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,12]}}");
    assertThat(header.substring(header.stripTrailing().length())).matches(" *");
    assertThat(bytes).hasSize(8 + (int) n + 12);
  }

  @Test
  void a_safetensors_file_reads_with_an_I64_scalar_and_names_in_data_offset_order() throws Exception {
    String json = "{\"fc.weight\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[8,24]},"
        + "\"bn1.num_batches_tracked\":{\"dtype\":\"I64\",\"shape\":[],\"data_offsets\":[0,8]},"
        + "\"__metadata__\":{\"format\":\"pt\"}}";
    Path file = file("mixed.safetensors", safetensors(json, concat(i64(1234), f32(0.5f, -1, 2, 3))));
    StateDict dict = StateDict.read(file);
    assertThat(dict.names()).containsExactly("bn1.num_batches_tracked", "fc.weight");
    assertThat(dict.tensors().keySet()).containsExactly("bn1.num_batches_tracked", "fc.weight");
    assertThat(dict.get("bn1.num_batches_tracked")).isEqualTo(new Tensor("bn1.num_batches_tracked", new long[] {}, new float[] {1234}));
    assertThat(dict.get("fc.weight").shape()).containsExactly(2, 2);
    assertThat(dict.get("fc.weight").values()).containsExactly(0.5f, -1, 2, 3);

    Path copy = dir.resolve("copy.safetensors");
    dict.writeSafetensors(copy);
    assertThat(StateDict.read(copy).tensors()).isEqualTo(dict.tensors());
    assertThat(StateDict.read(copy).names()).isEqualTo(dict.names());
  }

  @Test
  void f16_and_bf16_values_convert_exactly() throws Exception {
    String json = "{\"h\":{\"dtype\":\"F16\",\"shape\":[7],\"data_offsets\":[0,14]},"
        + "\"b\":{\"dtype\":\"BF16\",\"shape\":[3],\"data_offsets\":[14,20]}}";
    byte[] data = concat(u16(0x3C00, 0xC000, 0x7BFF, 0x0001, 0x3555, 0x7C00, 0x8000), u16(0x3F80, 0xC049, 0x4049));
    StateDict dict = StateDict.read(file("half.safetensors", safetensors(json, data)));
    assertThat(dict.get("h").values())
        .containsExactly(1f, -2f, 65504f, 0x1p-24f, 0.33325195f, Float.POSITIVE_INFINITY, -0f);
    assertThat(dict.get("b").values()).containsExactly(1f, -3.140625f, 3.140625f);
  }

  @Test
  void f64_and_i32_values_convert_to_float() throws Exception {
    String json = "{\"d\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[0,16]},"
        + "\"i\":{\"dtype\":\"I32\",\"shape\":[1,2],\"data_offsets\":[16,24]}}";
    StateDict dict = StateDict.read(file("wide.safetensors", safetensors(json, concat(f64(0.1, -1e300), i32(-7, 1 << 30)))));
    assertThat(dict.get("d").values()).containsExactly(0.1f, Float.NEGATIVE_INFINITY);
    assertThat(dict.get("i").values()).containsExactly(-7f, 1073741824f);
  }

  @Test
  void a_truncated_safetensors_file_is_refused_with_its_name() throws Exception {
    byte[] whole = safetensors(TWO_TENSORS, f32(1, 2, 3, 4, 5, 6, 7, 8));
    assertRefused(file("cut-data.safetensors", Arrays.copyOf(whole, whole.length - 4)),
        "is truncated", "tensor 'fc.bias' ends at byte 32 of the data, but the file holds only 28 bytes of data");
    assertRefused(file("cut-header.safetensors", Arrays.copyOf(whole, 40)),
        "is truncated: its header declares ");
  }

  @Test
  void a_header_longer_than_the_limit_is_refused_before_it_is_allocated() throws Exception {
    Path file = file("huge-header.safetensors", concat(i64(1L << 40), "{}".getBytes(StandardCharsets.UTF_8)));
    assertRefused(file, "declares a header of 1099511627776 bytes, more than the limit of 104857600 bytes (Limits.maxHeaderBytes)");
    Path negative = file("negative-header.safetensors", concat(i64(-1), "{}".getBytes(StandardCharsets.UTF_8)));
    assertRefused(negative, "declares a header of 18446744073709551615 bytes");
  }

  @Test
  void a_tensor_declaring_terabytes_is_refused_before_it_is_allocated() throws Exception {
    String json = "{\"w\":{\"dtype\":\"F32\",\"shape\":[1000000,1000000,1000],\"data_offsets\":[0,4000000000000000]}}";
    assertRefused(file("tera.safetensors", safetensors(json, f32(1))),
        "tensor 'w' declares shape [1000000, 1000000, 1000] = 1000000000000000 elements, "
            + "more than the limit of 2147483639 elements (Limits.maxTensorElements)");
    String overflow = "{\"w\":{\"dtype\":\"F32\",\"shape\":[1099511627776,1099511627776],\"data_offsets\":[0,4]}}";
    assertRefused(file("overflow.safetensors", safetensors(overflow, f32(1))), "tensor 'w'", "more elements than a long holds");
  }

  @Test
  void more_tensor_data_than_the_total_limit_is_refused() throws Exception {
    Path file = file("two.safetensors", safetensors(TWO_TENSORS, f32(1, 2, 3, 4, 5, 6, 7, 8)));
    assertRefused(file, new Limits(1 << 20, 1 << 20, 30), "more than 30 bytes of tensor data (Limits.maxTotalBytes)");
    assertRefused(file, new Limits(1 << 20, 5, 1 << 20), "tensor 'fc.weight'", "limit of 5 elements");
    assertRefused(file, new Limits(16, 1 << 20, 1 << 20), "more than the limit of 16 bytes");
    assertThat(StateDict.read(file, new Limits(1 << 20, 6, 32)).names()).containsExactly("fc.weight", "fc.bias");
  }

  @Test
  void offsets_beyond_the_data_are_refused_as_truncated() throws Exception {
    String json = "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[100,108]}}";
    assertRefused(file("beyond.safetensors", safetensors(json, f32(1, 2))),
        "is truncated: tensor 'a' ends at byte 108 of the data, but the file holds only 8 bytes of data");
  }

  @Test
  void overlapping_tensors_are_refused() throws Exception {
    String json = "{\"a\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]},"
        + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,16]}}";
    assertRefused(file("overlap.safetensors", safetensors(json, f32(1, 2, 3, 4))),
        "tensors 'a' (bytes [0, 16)) and 'b' (bytes [8, 16)) overlap");
  }

  @Test
  void offsets_that_disagree_with_shape_and_dtype_are_refused() throws Exception {
    String json = "{\"a\":{\"dtype\":\"F64\",\"shape\":[2,3],\"data_offsets\":[0,24]}}";
    assertRefused(file("size.safetensors", safetensors(json, f32(1, 2, 3, 4, 5, 6))),
        "tensor 'a' has data_offsets [0, 24] = 24 bytes, but shape [2, 3] of F64 needs 48 bytes");
    String backwards = "{\"a\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[8,0]}}";
    assertRefused(file("backwards.safetensors", safetensors(backwards, f32(1, 2))), "tensor 'a'", "end before they begin");
  }

  @Test
  void an_unsupported_dtype_is_refused_naming_tensor_and_dtype() throws Exception {
    String json = "{\"mask\":{\"dtype\":\"BOOL\",\"shape\":[8],\"data_offsets\":[0,8]}}";
    assertRefused(file("bool.safetensors", safetensors(json, new byte[8])),
        "tensor 'mask' has dtype BOOL, which is not supported (supported: F32, F64, F16, BF16, I64, I32)");
    String unknown = "{\"q\":{\"dtype\":\"Q4_K\",\"shape\":[8],\"data_offsets\":[0,4]}}";
    assertRefused(file("q4.safetensors", safetensors(unknown, new byte[4])), "tensor 'q' has dtype Q4_K");
  }

  @Test
  void malformed_safetensors_headers_are_refused() throws Exception {
    assertRefused(file("json.safetensors", safetensors("{\"a\":", new byte[0])), "not valid JSON");
    assertRefused(file("dup.safetensors", safetensors(
        "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}",
        f32(1))), "not valid JSON", "Duplicate");
    assertRefused(file("noshape.safetensors", safetensors("{\"a\":{\"dtype\":\"F32\",\"data_offsets\":[0,4]}}", f32(1))),
        "tensor 'a' has no array \"shape\"");
    assertRefused(file("negshape.safetensors", safetensors("{\"a\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}}", f32(1))),
        "tensor 'a' has \"shape\" entry -1");
    assertRefused(file("offsets.safetensors", safetensors("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0]}}", f32(1))),
        "tensor 'a' has \"data_offsets\" of 1 entries, not 2");
    assertRefused(file("meta.safetensors", safetensors("{\"__metadata__\":{\"format\":1}}", new byte[0])),
        "__metadata__ entry 'format' is not a string");
    assertRefused(file("trailing.safetensors", safetensors("{} {}", new byte[0])), "not valid JSON");
  }

  @Test
  void an_empty_safetensors_file_holds_no_tensors() throws Exception {
    StateDict dict = StateDict.read(file("none.safetensors", safetensors("{\"__metadata__\":{}}", new byte[0])));
    assertThat(dict.names()).isEmpty();
  }

  // ---------------------------------------------------------------- npz

  @Test
  void an_npz_reads_f4_f8_i8_and_a_scalar_from_stored_and_deflated_entries_in_entry_order() throws Exception {
    Path file = file("resnet.npz", zip(
        stored("conv1.weight.npy", npy("<f4", false, "(2, 1, 2)", f32(1, 2, 3, 4))),
        deflated("fc.weight.npy", npy("<f8", false, "(3,)", f64(0.25, -1.5, 1e10))),
        deflated("bn1.num_batches_tracked.npy", npy("<i8", false, "()", i64(7))),
        stored("bn1.running_var.npy", npy("<i8", false, "(2,)", i64(-3, 1L << 40)))));
    StateDict dict = StateDict.read(file);
    assertThat(dict.names()).containsExactly("conv1.weight", "fc.weight", "bn1.num_batches_tracked", "bn1.running_var");
    assertThat(dict.get("conv1.weight").shape()).containsExactly(2, 1, 2);
    assertThat(dict.get("conv1.weight").values()).containsExactly(1, 2, 3, 4);
    assertThat(dict.get("fc.weight").values()).containsExactly(0.25f, -1.5f, 1e10f);
    assertThat(dict.get("bn1.num_batches_tracked").shape()).isEmpty();
    assertThat(dict.get("bn1.num_batches_tracked").values()).containsExactly(7);
    assertThat(dict.get("bn1.running_var").values()).containsExactly(-3, 0x1p40f);
    assertThat(dict.sha256()).isEqualTo(sha256(Files.readAllBytes(file)));
  }

  @Test
  void an_npz_reads_f2_i4_u1_b1_version_2_headers_and_reorders_fortran_arrays() throws Exception {
    Path file = file("misc.npz", zip(
        deflated("h.npy", npy("<f2", false, "(2,)", u16(0x3C00, 0xC000))),
        stored("i.npy", npy2("<i4", false, "(2,)", i32(-1, 5))),
        deflated("u.npy", npy("|u1", false, "(3,)", new byte[] {0, 7, (byte) 255})),
        stored("mask.npy", npy("|b1", false, "(2,)", new byte[] {1, 0})),
        deflated("f.npy", npy("<f4", true, "(2, 3)", f32(0, 3, 1, 4, 2, 5))),
        stored("g.npy", npy("=f4", true, "(2, 2, 2)", f32(0, 4, 2, 6, 1, 5, 3, 7)))));
    StateDict dict = StateDict.read(file);
    assertThat(dict.get("h").values()).containsExactly(1f, -2f);
    assertThat(dict.get("i").values()).containsExactly(-1f, 5f);
    assertThat(dict.get("u").values()).containsExactly(0f, 7f, 255f);
    assertThat(dict.get("mask").values()).containsExactly(1f, 0f);
    assertThat(dict.get("f").shape()).containsExactly(2, 3);
    assertThat(dict.get("f").values()).containsExactly(0, 1, 2, 3, 4, 5);
    assertThat(dict.get("g").values()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
  }

  @Test
  void an_npz_written_back_as_safetensors_keeps_its_tensors() throws Exception {
    StateDict npz = StateDict.read(file("small.npz", zip(
        stored("a.npy", npy("<f4", false, "(2,)", f32(1, 2))),
        deflated("n.npy", npy("<i8", false, "()", i64(3))))));
    Path out = dir.resolve("small.safetensors");
    npz.writeSafetensors(out);
    StateDict back = StateDict.read(out);
    assertThat(back.tensors()).isEqualTo(npz.tensors());
    assertThat(back.sha256()).isNotEqualTo(npz.sha256());
  }

  @Test
  void a_truncated_npz_is_refused_with_its_name() throws Exception {
    byte[] whole = zip(deflated("a.npy", npy("<f4", false, "(64,)", f32(new float[64]))));
    assertRefused(file("cut.npz", Arrays.copyOf(whole, whole.length / 2)), "is a corrupt or truncated .npz");
  }

  @Test
  void a_big_endian_npy_entry_is_refused_naming_entry_and_descr() throws Exception {
    Path file = file("big.npz", zip(stored("w.npy", npy(">f4", false, "(1,)", f32(1)))));
    assertRefused(file, "entry 'w.npy' has descr '>f4', which is big-endian");
  }

  @Test
  void an_unsupported_npy_dtype_is_refused_naming_entry_and_descr() throws Exception {
    assertRefused(file("object.npz", zip(stored("o.npy", npy("|O", false, "(1,)", new byte[8])))),
        "entry 'o.npy' has descr '|O', which is not supported (supported: <f4, <f8, <f2, <i8, <i4, |u1, |b1)");
    assertRefused(file("bar.npz", zip(stored("o.npy", npy("|f4", false, "(1,)", f32(1))))), "entry 'o.npy' has descr '|f4'");
  }

  @Test
  void an_npy_header_claiming_more_elements_than_its_data_is_refused_as_truncated() throws Exception {
    assertRefused(file("short.npz", zip(stored("w.npy", npy("<f4", false, "(10,)", f32(1, 2, 3))))),
        "is truncated: entry 'w.npy' declares shape [10] of <f4 = 40 bytes of data but holds only 12");
    assertRefused(file("short-deflated.npz", zip(deflated("w.npy", npy("<f4", false, "(10,)", f32(1, 2, 3))))),
        "is truncated: entry 'w.npy'");
    assertRefused(file("long.npz", zip(stored("w.npy", npy("<f4", false, "(1,)", f32(1, 2))))),
        "entry 'w.npy' holds 4 bytes more than its shape [1] of <f4 needs");
  }

  @Test
  void npy_limits_are_checked_before_allocating() throws Exception {
    Path tera = file("tera.npz", zip(deflated("w.npy", npy("<f4", false, "(1000000, 1000000, 1000)", f32(1)))));
    assertRefused(tera, "entry 'w.npy' declares shape [1000000, 1000000, 1000] = 1000000000000000 elements, more than the limit");
    Path two = file("two.npz", zip(stored("a.npy", npy("<f4", false, "(4,)", f32(1, 2, 3, 4))),
        stored("b.npy", npy("<f4", false, "(4,)", f32(1, 2, 3, 4)))));
    assertRefused(two, new Limits(1 << 20, 1 << 20, 24), "more than 24 bytes of tensor data (Limits.maxTotalBytes)");
    assertRefused(two, new Limits(32, 1 << 20, 1 << 20), "entry 'a.npy' declares a .npy header of 118 bytes, more than the limit of 32");
  }

  @Test
  void a_non_npy_entry_and_malformed_npy_headers_are_refused() throws Exception {
    assertRefused(file("readme.npz", zip(stored("a.npy", npy("<f4", false, "(1,)", f32(1))), stored("README.txt", new byte[3]))),
        "entry 'README.txt' is not a .npy array");
    assertRefused(file("nomagic.npz", zip(stored("a.npy", "hello world".getBytes(StandardCharsets.UTF_8)))),
        "entry 'a.npy' is not a .npy array");
    byte[] badHeader = npy("<f4", false, "(1,)", f32(1));
    badHeader[10] = '[';
    assertRefused(file("badheader.npz", zip(stored("a.npy", badHeader))), "entry 'a.npy' has a malformed .npy header");
    assertRefused(file("negdim.npz", zip(stored("a.npy", npy("<f4", false, "(-1,)", f32(1))))),
        "entry 'a.npy' has shape entry -1");
  }

  // ---------------------------------------------------------------- neither

  @Test
  void a_file_that_is_neither_format_is_refused_showing_its_first_bytes() throws Exception {
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0};
    assertRefused(file("cat.png", png), "is neither safetensors nor .npz (first bytes: 89 50 4e 47 0d 0a 1a 0a");
    assertRefused(file("notes.txt", "hello, weights\n".getBytes(StandardCharsets.UTF_8)),
        "is neither safetensors nor .npz", "\"hello, weights.\"");
    assertRefused(file("empty.safetensors", new byte[0]), "is neither safetensors nor .npz (the file is empty)");
    assertRefused(file("tiny.npz", new byte[] {'P', 'K'}), "is neither safetensors nor .npz");
  }

  @Test
  void a_missing_file_is_refused_with_its_name() {
    Path missing = dir.resolve("nowhere.safetensors");
    assertThatThrownBy(() -> StateDict.read(missing))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no such weights file: " + missing);
    assertThatThrownBy(() -> StateDict.read(dir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("weights file " + dir + " is a folder, not a file");
  }

  // ---------------------------------------------------------------- checkFits

  @Test
  void check_fits_lists_missing_unexpected_and_mis_shaped_tensors_in_one_message() throws Exception {
    Path file = file("resnet18.npz", zip(
        stored("conv1.weight.npy", npy("<f4", false, "(1, 1, 1, 1)", f32(1))),
        stored("head.weight.npy", npy("<f4", false, "(1,)", f32(1))),
        stored("fc.weight.npy", npy("<f4", false, "(10, 512)", new byte[4 * 5120])),
        stored("extra.npy", npy("<f4", false, "()", f32(1)))));
    Map<String, long[]> expected = new LinkedHashMap<>();
    expected.put("layer1.weight", new long[] {64});
    expected.put("conv1.weight", new long[] {1, 1, 1, 1});
    expected.put("fc.weight", new long[] {1000, 512});
    expected.put("fc.bias", new long[] {1000});
    expected.put("bn1.num_batches_tracked", new long[] {});
    StateDict dict = StateDict.read(file);
    assertThatThrownBy(() -> dict.checkFits("resnet18", expected, Set.of("bn1.num_batches_tracked")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("weights file " + file + " does not fit resnet18: missing layer1.weight, fc.bias; "
            + "unexpected head.weight, extra; mis-shaped fc.weight [10, 512] (resnet18 needs [1000, 512])");
  }

  @Test
  void check_fits_lists_only_the_categories_that_occur() {
    StateDict dict = StateDict.of(List.of(new Tensor("fc.bias", new long[] {3}, new float[3])));
    assertThatThrownBy(() -> dict.checkFits("tiny", Map.of("fc.bias", new long[] {4}), Set.of()))
        .hasMessage("in-memory state dict does not fit tiny: mis-shaped fc.bias [3] (tiny needs [4])");
    assertThatThrownBy(() -> dict.checkFits("tiny", Map.of(), Set.of()))
        .hasMessage("in-memory state dict does not fit tiny: unexpected fc.bias");
  }

  @Test
  void optional_tensors_may_be_absent_and_a_fitting_dict_passes() {
    StateDict dict = StateDict.of(List.of(
        new Tensor("bn.weight", new long[] {2}, new float[2]),
        new Tensor("bn.num_batches_tracked", new long[] {}, new float[1])));
    Map<String, long[]> expected = Map.of(
        "bn.weight", new long[] {2}, "bn.num_batches_tracked", new long[] {}, "bn.running_mean_extra", new long[] {2});
    assertThatCode(() -> dict.checkFits("bn", expected, Set.of("bn.running_mean_extra"))).doesNotThrowAnyException();
    StateDict without = StateDict.of(List.of(new Tensor("bn.weight", new long[] {2}, new float[2])));
    assertThatCode(() -> without.checkFits("bn", expected, Set.of("bn.running_mean_extra", "bn.num_batches_tracked")))
        .doesNotThrowAnyException();
  }

  // ---------------------------------------------------------------- writing

  @Test
  void write_safetensors_leaves_no_temporary_file_behind() throws Exception {
    Path out = Files.createDirectory(dir.resolve("out"));
    StateDict dict = StateDict.of(List.of(new Tensor("w", new long[] {2}, new float[] {1, 2})));
    dict.writeSafetensors(out.resolve("w.safetensors"));
    dict.writeSafetensors(out.resolve("w.safetensors")); // replaces
    try (Stream<Path> files = Files.list(out)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("w.safetensors");
    }
    Path folderInTheWay = Files.createDirectory(out.resolve("taken.safetensors"));
    assertThatThrownBy(() -> dict.writeSafetensors(folderInTheWay))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cannot write weights file " + folderInTheWay + ": it is a folder");
    try (Stream<Path> files = Files.list(out)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("w.safetensors", "taken.safetensors");
    }
  }

  @Test
  void write_safetensors_refuses_a_missing_folder_with_a_clear_message() {
    Path target = dir.resolve("no-such-folder").resolve("w.safetensors");
    StateDict dict = StateDict.of(List.of(new Tensor("w", new long[] {1}, new float[] {1})));
    assertThatThrownBy(() -> dict.writeSafetensors(target))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cannot write weights file " + target + ": folder " + target.getParent().toAbsolutePath() + " does not exist");
    assertThat(Files.exists(target.getParent())).isFalse();
  }

  // ---------------------------------------------------------------- values

  @Test
  void a_tensor_needs_as_many_values_as_its_shape_and_a_scalar_has_one() {
    assertThat(new Tensor("s", new long[] {}, new float[] {3}).size()).isEqualTo(1);
    assertThatThrownBy(() -> new Tensor("s", new long[] {}, new float[0]))
        .hasMessage("tensor 's' has shape [] = 1 elements, but 0 values");
    assertThatThrownBy(() -> new Tensor("w", new long[] {2, 3}, new float[5]))
        .hasMessage("tensor 'w' has shape [2, 3] = 6 elements, but 5 values");
    assertThatThrownBy(() -> new Tensor("w", new long[] {-1}, new float[0])).isInstanceOf(IllegalArgumentException.class);
    float[] v = {1, 2};
    Tensor t = new Tensor("w", new long[] {2}, v);
    v[0] = 9;
    assertThat(t.values()).containsExactly(1, 2);
    assertThat(t).isEqualTo(new Tensor("w", new long[] {2}, new float[] {1, 2})).hasSameHashCodeAs(new Tensor("w", new long[] {2}, new float[] {1, 2}));
    assertThat(t.toString()).isEqualTo("Tensor[w [2]]");
  }

  @Test
  void of_rejects_duplicate_names_and_get_names_the_missing_tensor_and_the_file() throws Exception {
    Tensor a = new Tensor("a", new long[] {1}, new float[1]);
    assertThatThrownBy(() -> StateDict.of(List.of(a, a))).hasMessage("duplicate tensor name 'a'");
    Path file = file("two.safetensors", safetensors(TWO_TENSORS, f32(1, 2, 3, 4, 5, 6, 7, 8)));
    StateDict dict = StateDict.read(file);
    assertThatThrownBy(() -> dict.get("fc.wieght"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("weights file " + file + " holds no tensor 'fc.wieght' (it holds 2: fc.weight, fc.bias)");
    assertThatThrownBy(() -> dict.tensors().clear()).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> dict.names().clear()).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void limits_must_be_positive_and_defaults_are_generous() {
    assertThat(Limits.defaults()).isEqualTo(new Limits(100L << 20, Integer.MAX_VALUE - 8, 8L << 30));
    assertThatThrownBy(() -> new Limits(0, 1, 1)).hasMessageContaining("Limits.maxHeaderBytes");
    assertThatThrownBy(() -> new Limits(1, -1, 1)).hasMessageContaining("Limits.maxTensorElements");
    assertThatThrownBy(() -> new Limits(1, 1, 0)).hasMessageContaining("Limits.maxTotalBytes");
  }
}
