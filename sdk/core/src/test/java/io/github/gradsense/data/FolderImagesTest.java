package io.github.gradsense.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderImagesTest {
  @TempDir Path dir;

  @Test
  void png_and_jpeg_files_load_sorted_with_rgb_in_unit_range_and_their_hash() throws IOException {
    write(dir.resolve("b.png"), 0xff8000, "png");
    write(dir.resolve("a.jpg"), 0x000000, "jpg");
    Files.writeString(dir.resolve("notes.txt"), "ignored");

    List<RgbImage> images = ImageSource.folder(dir).load();

    assertThat(images).extracting(RgbImage::name).containsExactly("a.jpg", "b.png");
    RgbImage png = images.get(1);
    assertThat(png.width()).isEqualTo(4);
    assertThat(png.get(0, 0, 0)).isEqualTo(1f);
    assertThat(png.get(0, 0, 1)).isCloseTo(128 / 255f, within(1e-6f));
    assertThat(png.get(0, 0, 2)).isZero();
    assertThat(png.grey(1, 1)).isCloseTo((1f + 128 / 255f) / 3, within(1e-6f));
    assertThat(png.sha256()).hasSize(64);
  }

  @Test
  void a_missing_folder_is_named() {
    Path missing = dir.resolve("nope");
    assertThatThrownBy(() -> ImageSource.folder(missing).load())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(missing.toAbsolutePath().toString())
        .hasMessageContaining("does not exist");
  }

  @Test
  void a_folder_without_images_is_refused() {
    assertThatThrownBy(() -> ImageSource.folder(dir).load())
        .hasMessageContaining("holds no .png, .jpg or .jpeg files");
  }

  @Test
  void a_corrupt_file_is_named() throws IOException {
    write(dir.resolve("good.png"), 0x123456, "png");
    Files.write(dir.resolve("bad.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
    assertThatThrownBy(() -> ImageSource.folder(dir).load())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bad.png");
  }

  @Test
  void an_image_over_the_pixel_limit_is_refused_before_decoding() throws IOException {
    write(dir.resolve("small.png"), 0x123456, "png");
    assertThatThrownBy(() -> ImageSource.folder(dir).withMaxPixels(15).load())
        .hasMessageContaining("small.png declares 4x4 = 16 pixels, over the limit maxPixels = 15");
  }

  @Test
  void a_decompression_bomb_header_is_refused_without_decoding() throws IOException {
    // a real 4x4 PNG whose header claims 60000 x 60000 (3.6 gigapixels, ~10 GB decoded)
    byte[] png = encode(0x808080, "png");
    ByteBuffer b = ByteBuffer.wrap(png);
    b.putInt(16, 60_000).putInt(20, 60_000);          // IHDR width, height
    CRC32 crc = new CRC32();
    crc.update(png, 12, 17);                           // chunk type + 13 data bytes
    b.putInt(29, (int) crc.getValue());
    Files.write(dir.resolve("bomb.png"), png);
    assertThatThrownBy(() -> ImageSource.folder(dir).load())
        .hasMessageContaining("bomb.png declares 60000x60000 = 3600000000 pixels, over the limit maxPixels = 50000000");
  }

  private static void write(Path file, int rgb, String format) throws IOException {
    Files.write(file, encode(rgb, format));
  }

  private static byte[] encode(int rgb, String format) throws IOException {
    BufferedImage img = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 4; y++) {
      for (int x = 0; x < 4; x++) {
        img.setRGB(x, y, rgb);
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(img, format, out);
    return out.toByteArray();
  }
}
