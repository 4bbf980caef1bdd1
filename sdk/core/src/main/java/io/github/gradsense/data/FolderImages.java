package io.github.gradsense.data;

import static io.github.gradsense.internal.Checks.checkRange;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * The PNG and JPEG files of one folder (not recursive), sorted by file name, decoded with ImageIO
 * into RGB in [0, 1]. Each file's header is read before decoding, and an image that declares more
 * than {@code maxPixels} pixels is refused, so a decompression bomb cannot exhaust memory. A
 * missing folder, an empty folder, or a file that cannot be decoded fails with a message naming it,
 * as does a file the decoder only warns about (a truncated JPEG would decode with grey rows) and a
 * link that leads out of the folder. Other files (no {@code .png}/{@code .jpg}/{@code .jpeg} name)
 * are skipped. Any colour model ImageIO decodes (16-bit, palette, grey, grey + alpha) is read as its
 * sRGB colours, alpha ignored; CMYK JPEGs, which ImageIO cannot decode, are refused by name.
 *
 * <pre>{@code
 * List<RgbImage> photos = ImageSource.folder(dir).withMaxPixels(20_000_000).load();
 * }</pre>
 *
 * @param folder the folder to read
 * @param maxPixels largest accepted width × height, in [1, 2^31 − 1]
 */
public record FolderImages(Path folder, long maxPixels) implements ImageSource {
  /** Default limit: 50 megapixels. */
  public static final long DEFAULT_MAX_PIXELS = 50_000_000L;

  /** Validates the fields. */
  public FolderImages {
    Objects.requireNonNull(folder, "folder");
    checkRange("maxPixels", maxPixels, 1, Integer.MAX_VALUE);
  }

  /** The same folder with another pixel limit. */
  public FolderImages withMaxPixels(long limit) {
    return new FolderImages(folder, limit);
  }

  /** The image files this source reads, sorted by name. */
  public List<Path> files() {
    if (!Files.isDirectory(folder)) {
      throw new IllegalArgumentException("image folder " + folder.toAbsolutePath() + " does not exist or is not a folder");
    }
    try (Stream<Path> s = Files.list(folder)) {
      Path real = folder.toRealPath();
      List<Path> files = s.filter(Files::isRegularFile)
          .filter(p -> {
            String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
            return n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg");
          })
          .sorted()
          .toList();
      for (Path f : files) {
        Path target = f.toRealPath();
        if (!target.startsWith(real)) {
          throw new IllegalArgumentException("image file " + f.toAbsolutePath() + " is a link to " + target
              + ", outside the image folder " + real + "; copy the file into the folder instead");
        }
      }
      if (files.isEmpty()) {
        throw new IllegalArgumentException(
            "image folder " + folder.toAbsolutePath() + " holds no .png, .jpg or .jpeg files");
      }
      return files;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list image folder " + folder.toAbsolutePath(), e);
    }
  }

  @Override
  public List<RgbImage> load() {
    List<RgbImage> out = new ArrayList<>();
    for (Path f : files()) {
      out.add(read(f));
    }
    return out;
  }

  @Override
  public int count() {
    return files().size();
  }

  @Override
  public String describe() {
    return "folder " + folder;
  }

  private RgbImage read(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read image file " + file.toAbsolutePath() + ": " + e.getMessage(), e);
    }
    BufferedImage img;
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
      Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
      if (readers == null || !readers.hasNext()) {
        throw new IllegalArgumentException(
            "image file " + file.toAbsolutePath() + " is not a readable PNG or JPEG (no decoder recognises it)");
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        long w = reader.getWidth(0);
        long h = reader.getHeight(0);
        if (w * h > maxPixels) {
          throw new IllegalArgumentException(
              "image file " + file.toAbsolutePath() + " declares " + w + "x" + h + " = " + (w * h)
                  + " pixels, over the limit maxPixels = " + maxPixels + "; raise it with withMaxPixels(...) if the file is trusted");
        }
        List<String> warnings = new ArrayList<>();
        reader.addIIOReadWarningListener((r, warning) -> warnings.add(warning));
        img = reader.read(0);
        if (!warnings.isEmpty()) {         // e.g. a truncated JPEG decodes with its missing rows filled in grey
          throw new IllegalArgumentException("image file " + file.toAbsolutePath() + " is damaged: the decoder warned "
              + String.join("; ", warnings));
        }
      } finally {
        reader.dispose();
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof IllegalArgumentException iae && iae.getMessage() != null && iae.getMessage().startsWith("image file")) {
        throw iae;
      }
      throw new IllegalArgumentException(
          "image file " + file.toAbsolutePath() + " is corrupt or not a PNG/JPEG: " + e.getMessage(), e);
    }
    int w = img.getWidth();
    int h = img.getHeight();
    float[] rgb = new float[w * h * 3];
    int[] line = new int[w];
    for (int y = 0; y < h; y++) {
      img.getRGB(0, y, w, 1, line, 0, w);
      for (int x = 0; x < w; x++) {
        int p = line[x];
        int i = (y * w + x) * 3;
        rgb[i] = ((p >> 16) & 0xff) / 255f;
        rgb[i + 1] = ((p >> 8) & 0xff) / 255f;
        rgb[i + 2] = (p & 0xff) / 255f;
      }
    }
    return new RgbImage(file.getFileName().toString(), w, h, rgb, Hashes.sha256(bytes));
  }
}
