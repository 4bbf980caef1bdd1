package io.github.gradsense.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A folder of downloaded images may hold anything: each kind of bad file is refused with its name
 * and what is wrong, before any native work, and each unusual but valid kind is decoded to the
 * colours it shows. The corpus is generated here (nothing binary in the repository).
 */
class HostileImagesTest {
  @TempDir Path dir;
  @TempDir Path elsewhere;

  private static final int W = 16;
  private static final int H = 12;

  @Test
  void a_zero_byte_file_is_refused_by_name() throws IOException {
    Files.write(dir.resolve("empty.png"), new byte[0]);
    assertRefused("empty.png", "is not a readable PNG or JPEG");
  }

  @Test
  void a_file_with_the_wrong_magic_is_refused_by_name() throws IOException {
    Files.writeString(dir.resolve("notes.jpg"), "<html>not an image</html>");
    assertRefused("notes.jpg", "is not a readable PNG or JPEG");
  }

  @Test
  void a_truncated_png_is_refused_by_name() throws IOException {
    byte[] png = encode(gradient(BufferedImage.TYPE_INT_RGB), "png");
    Files.write(dir.resolve("cut.png"), Arrays.copyOf(png, png.length / 2));
    assertRefused("cut.png", "");
  }

  @Test
  void a_truncated_jpeg_is_refused_by_name_not_decoded_with_grey_rows() throws IOException {
    byte[] jpeg = encode(gradient(BufferedImage.TYPE_INT_RGB), "jpeg");
    Files.write(dir.resolve("cut.jpg"), Arrays.copyOf(jpeg, jpeg.length * 2 / 3));
    assertRefused("cut.jpg", "");
  }

  @Test
  void a_jpeg_named_png_is_decoded_by_its_content() throws IOException {
    Files.write(dir.resolve("photo.png"), encode(flat(0x204060), "jpeg"));
    RgbImage im = ImageSource.folder(dir).load().get(0);
    assertThat(im.get(3, 3, 2)).isCloseTo(0x60 / 255f, within(3 / 255f));     // JPEG rounding of a flat colour
  }

  @Test
  void sixteen_bit_palette_grey_and_grey_alpha_pngs_decode_to_the_colours_they_show() throws IOException {
    BufferedImage sixteen = new BufferedImage(W, H, BufferedImage.TYPE_USHORT_GRAY);
    sixteen.getRaster().setSample(5, 4, 0, 0x8000);
    Files.write(dir.resolve("a-16bit.png"), encode(sixteen, "png"));
    byte[] r = {0, (byte) 255};
    byte[] g = {0, (byte) 128};
    byte[] b = {0, 0};
    BufferedImage palette = new BufferedImage(W, H, BufferedImage.TYPE_BYTE_INDEXED, new IndexColorModel(1, 2, r, g, b));
    palette.getRaster().setSample(5, 4, 0, 1);
    Files.write(dir.resolve("b-palette.png"), encode(palette, "png"));
    BufferedImage greyAlpha = greyAlpha(0x40);
    Files.write(dir.resolve("c-grey-alpha.png"), encode(greyAlpha, "png"));

    List<RgbImage> images = ImageSource.folder(dir).load();
    assertThat(images).extracting(RgbImage::name).containsExactly("a-16bit.png", "b-palette.png", "c-grey-alpha.png");
    // 16-bit linear grey 0x8000 is shown as sRGB ≈ 0.735 (ImageIO converts the linear grey space to sRGB)
    assertThat(images.get(0).get(5, 4, 0)).isGreaterThan(0.5f).isEqualTo(images.get(0).get(5, 4, 2));
    assertThat(images.get(0).get(0, 0, 0)).isZero();
    assertThat(images.get(1).get(5, 4, 0)).isEqualTo(1f);
    assertThat(images.get(1).get(5, 4, 1)).isEqualTo(128 / 255f);
    assertThat(images.get(1).get(0, 0, 0)).isZero();
    assertThat(images.get(2).get(7, 7, 1)).isGreaterThan(0f).isEqualTo(images.get(2).get(7, 7, 0));
  }

  @Test
  void a_cmyk_jpeg_is_refused_by_name_or_decoded_never_silently_wrong() throws IOException {
    byte[] cmyk = cmykJpeg();
    Files.write(dir.resolve("print.jpg"), cmyk);
    try {
      RgbImage im = ImageSource.folder(dir).load().get(0);
      assertThat(im.width()).isEqualTo(W);           // a decoder that knows CMYK: it must still have the right shape
    } catch (IllegalArgumentException e) {
      assertThat(e).hasMessageContaining("print.jpg");
    }
  }

  @Test
  void a_link_out_of_the_folder_is_refused_naming_both_ends() throws IOException {
    Files.write(dir.resolve("ok.png"), encode(flat(0x101010), "png"));
    Path outside = elsewhere.resolve("secret.png");
    Files.write(outside, encode(flat(0x202020), "png"));
    Files.createSymbolicLink(dir.resolve("sneaky.png"), outside);
    assertThatThrownBy(() -> ImageSource.folder(dir).load()).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sneaky.png is a link to " + outside.toRealPath())
        .hasMessageContaining("outside the image folder");
    // a link inside the folder is an ordinary file
    Files.delete(dir.resolve("sneaky.png"));
    Files.createSymbolicLink(dir.resolve("alias.png"), dir.resolve("ok.png"));
    assertThat(ImageSource.folder(dir).load()).hasSize(2);
  }

  @Test
  void other_files_and_folders_are_skipped() throws IOException {
    Files.write(dir.resolve("ok.png"), encode(flat(0x101010), "png"));
    Files.writeString(dir.resolve("README.txt"), "photos from the lab");
    Files.write(dir.resolve(".DS_Store"), new byte[] {0, 0, 0, 1});
    Files.createDirectory(dir.resolve("more.png"));
    assertThat(ImageSource.folder(dir).load()).extracting(RgbImage::name).containsExactly("ok.png");
  }

  private void assertRefused(String file, String what) {
    assertThatThrownBy(() -> ImageSource.folder(dir).load()).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("image file " + dir.resolve(file).toAbsolutePath()).hasMessageContaining(what);
  }

  private static BufferedImage gradient(int type) {
    BufferedImage img = new BufferedImage(W * 8, H * 8, type);
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        img.setRGB(x, y, (x * 2) << 16 | (y * 2) << 8 | ((x + y) & 0xff));
      }
    }
    return img;
  }

  private static BufferedImage flat(int rgb) {
    BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < H; y++) {
      for (int x = 0; x < W; x++) {
        img.setRGB(x, y, rgb);
      }
    }
    return img;
  }

  private static BufferedImage greyAlpha(int grey) {
    var cs = java.awt.color.ColorSpace.getInstance(java.awt.color.ColorSpace.CS_GRAY);
    var cm = new java.awt.image.ComponentColorModel(cs, true, false, java.awt.Transparency.TRANSLUCENT,
        java.awt.image.DataBuffer.TYPE_BYTE);
    WritableRaster raster = cm.createCompatibleWritableRaster(W, H);
    for (int y = 0; y < H; y++) {
      for (int x = 0; x < W; x++) {
        raster.setSample(x, y, 0, grey);
        raster.setSample(x, y, 1, 200);
      }
    }
    return new BufferedImage(cm, raster, false, null);
  }

  private static byte[] encode(BufferedImage img, String format) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (!ImageIO.write(img, format, out)) {
      throw new IllegalStateException("no " + format + " writer for " + img);
    }
    return out.toByteArray();
  }

  /** A four-channel (CMYK-style, Adobe) JPEG written from a raw raster. */
  private static byte[] cmykJpeg() throws IOException {
    WritableRaster raster = java.awt.image.Raster.createInterleavedRaster(java.awt.image.DataBuffer.TYPE_BYTE, W, H, 4, null);
    for (int y = 0; y < H; y++) {
      for (int x = 0; x < W; x++) {
        raster.setPixel(x, y, new int[] {x * 10, y * 10, 40, 0});
      }
    }
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
      writer.setOutput(out);
      writer.write(null, new IIOImage(raster, null, null), writer.getDefaultWriteParam());
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }
}
