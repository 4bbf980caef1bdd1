package io.github.gradsense.data;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.nio.file.Path;
import java.util.List;

/**
 * Where natural images come from: a folder of photographs or the embedded synthetic scenes.
 *
 * <pre>{@code
 * ImageSource photos = ImageSource.folder(Path.of("../shared/data/natural-images/kodak"));
 * ImageSource scenes = ImageSource.synthetic();          // no download needed
 * List<RgbImage> images = photos.load();
 * }</pre>
 *
 * <p>Its JSON {@code "type"} names are a closed list: {@code folder, synthetic-scenes, transformed}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = FolderImages.class, name = "folder"),
    @JsonSubTypes.Type(value = SyntheticScenes.class, name = "synthetic-scenes"),
    @JsonSubTypes.Type(value = TransformedImages.class, name = "transformed")
})
public sealed interface ImageSource permits FolderImages, SyntheticScenes, TransformedImages {

  /** Loads (or generates) every image, in a stable order. Fails with a message naming the bad file. */
  List<RgbImage> load();

  /** A short human-readable description for reports. */
  String describe();

  /** How many images {@link #load()} returns, known without decoding them. */
  int count();

  /** These images with {@code transform} applied to each (rotation, hue shift). */
  default TransformedImages transformed(ImageTransform transform) {
    return new TransformedImages(this, transform);
  }

  /** These images rotated by {@code degrees}, cropped to the valid region. */
  default TransformedImages rotated(double degrees) {
    return transformed(new ImageTransform.Rotate(degrees));
  }

  /** PNG and JPEG files of {@code folder} (sorted by name), refusing images over 50 megapixels. */
  static FolderImages folder(Path folder) {
    return new FolderImages(folder, FolderImages.DEFAULT_MAX_PIXELS);
  }

  /** The embedded synthetic natural-like scenes with their defaults. */
  static SyntheticScenes synthetic() {
    return SyntheticScenes.defaults();
  }
}
