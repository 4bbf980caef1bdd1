package io.github.gradsense.data;

import java.util.List;
import java.util.Objects;

/**
 * The images of {@code source}, each with {@code transform} applied.
 *
 * <pre>{@code
 * ImageSource rotated = NaturalImages.configured().rotated(45);
 * }</pre>
 *
 * @param source the images
 * @param transform what is done to each
 */
public record TransformedImages(ImageSource source, ImageTransform transform) implements ImageSource {

  /** Validates the fields. */
  public TransformedImages {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(transform, "transform");
  }

  @Override
  public List<RgbImage> load() {
    return source.load().stream().map(transform::apply).toList();
  }

  @Override
  public int count() {
    return source.count();
  }

  @Override
  public String describe() {
    return source.describe() + ", " + transform;
  }
}
