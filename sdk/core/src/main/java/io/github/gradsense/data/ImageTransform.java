package io.github.gradsense.data;

import static io.github.gradsense.internal.Checks.checkRange;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A change of image statistics, applied to whole images before patches are cut:
 * <ul>
 *   <li>{@link Rotate}: rotation by an angle (counter-clockwise as displayed), bilinear, then
 *       cropped to the largest axis-aligned rectangle inside the rotated image, so that no border
 *       enters a patch (the orientation control of METHODS §D4);</li>
 *   <li>{@link HueShift}: every pixel's hue shifted by an angle in HSV, saturation and value kept
 *       (the hue control).</li>
 * </ul>
 *
 * <pre>{@code
 * ImageSource rotated = ImageSource.synthetic().transformed(new ImageTransform.Rotate(45));
 * ImageSource shifted = NaturalImages.configured().transformed(new ImageTransform.HueShift(90));
 * }</pre>
 *
 * <p>Its JSON {@code "type"} names are a closed list: {@code rotate, hue-shift}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ImageTransform.Rotate.class, name = "rotate"),
    @JsonSubTypes.Type(value = ImageTransform.HueShift.class, name = "hue-shift")
})
public sealed interface ImageTransform {

  /** The transformed image. */
  RgbImage apply(RgbImage image);

  /**
   * Rotation by {@code degrees}, cropped to the valid region.
   *
   * @param degrees angle, in [−360, 360]
   */
  record Rotate(double degrees) implements ImageTransform {
    /** Validates the angle. */
    public Rotate {
      checkRange("degrees", degrees, -360.0, 360.0);
    }

    @Override
    public RgbImage apply(RgbImage image) {
      return Transforms.rotate(image, degrees);
    }
  }

  /**
   * Hue shift by {@code degrees}.
   *
   * @param degrees shift, in [−360, 360]
   */
  record HueShift(double degrees) implements ImageTransform {
    /** Validates the angle. */
    public HueShift {
      checkRange("degrees", degrees, -360.0, 360.0);
    }

    @Override
    public RgbImage apply(RgbImage image) {
      return Transforms.shiftHue(image, degrees);
    }
  }
}
