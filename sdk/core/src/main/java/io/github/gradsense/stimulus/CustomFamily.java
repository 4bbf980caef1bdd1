package io.github.gradsense.stimulus;

import static io.github.gradsense.internal.Checks.checkRange;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIncludeProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat64;

/**
 * A stimulus family written as a Java lambda over TensorFlow ops. The renderer receives θ as a
 * float64 vector of {@code n} values and must return {@code [n · nuisanceCount, height, width,
 * channels]} images, θ-major; gradsense differentiates it exactly (double backward), so any op with
 * a registered gradient may be used.
 *
 * <pre>{@code
 * // a vertical bar whose horizontal position is θ (pixels), blurred by a Gaussian of 1 px
 * StimulusFamily bar = Stimuli.custom("bar", "position", "px", Stimuli.values(4, 12, 33), 1, 16, 16, 1,
 *     (tf, theta) -> {
 *       Operand<TFloat64> col = tf.reshape(tf.range(tf.constant(0.0), tf.constant(16.0), tf.constant(1.0)),
 *           tf.constant(new long[] {1, 1, 16, 1}));
 *       Operand<TFloat64> d = tf.math.sub(col, tf.reshape(theta, tf.constant(new long[] {-1, 1, 1, 1})));
 *       return tf.math.mul(tf.math.exp(tf.math.mul(tf.math.square(d), tf.constant(-0.5))),
 *           tf.ones(tf.constant(new long[] {1, 16, 1, 1}), TFloat64.class));
 *     });
 * }</pre>
 *
 * @param name short name
 * @param variable what θ is
 * @param unit unit of θ
 * @param grid the θ values of a curve
 * @param nuisanceCount nuisance images per θ
 * @param height image height
 * @param width image width
 * @param channels channels
 * @param finiteDifferenceStep step of the finite-difference cross-check
 * @param renderer the graph renderer
 * @param referenceRenderer an optional Java reference
 */
@JsonIncludeProperties({"name", "variable", "unit", "description"})
public record CustomFamily(String name, String variable, String unit, double[] grid, int nuisanceCount, int height,
    int width, int channels, double finiteDifferenceStep, Renderer renderer, @Nullable Reference referenceRenderer)
    implements StimulusFamily {

  /** Renders images from θ inside the graph. */
  @FunctionalInterface
  public interface Renderer {
    /** {@code [n · m, H, W, C]} images for the {@code n} values of {@code theta}. */
    Operand<TFloat64> render(Ops tf, Operand<TFloat64> theta);
  }

  /** A Java reference rendering. */
  @FunctionalInterface
  public interface Reference {
    /** The image for {@code theta} and nuisance index {@code nuisance}, row-major HWC. */
    double[] render(double theta, int nuisance);
  }

  /** Validates the fields. */
  public CustomFamily {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(renderer, "renderer");
    checkRange("grid.length", grid.length, 1, 1 << 20);
    grid = grid.clone();
    checkRange("nuisanceCount", nuisanceCount, 1, 1 << 20);
    checkRange("height", height, 1, 1 << 14);
    checkRange("width", width, 1, 1 << 14);
    checkRange("channels", channels, 1, 64);
    if (!(finiteDifferenceStep > 0)) {
      throw new IllegalArgumentException("finiteDifferenceStep must be > 0, got " + finiteDifferenceStep);
    }
  }

  /** With a Java reference renderer. */
  public CustomFamily reference(Reference reference) {
    return new CustomFamily(name, variable, unit, grid, nuisanceCount, height, width, channels, finiteDifferenceStep, renderer, reference);
  }

  @Override
  public double[] values() {
    return grid.clone();
  }

  @Override
  public Operand<TFloat64> render(Ops tf, Operand<TFloat64> theta) {
    return renderer.render(tf, theta);
  }

  @Override
  public double[] reference(double theta, int nuisance) {
    if (referenceRenderer == null) {
      throw new UnsupportedOperationException("custom family '" + name + "' has no Java reference; add one with reference(...)");
    }
    return referenceRenderer.render(theta, nuisance);
  }

  /** What run.json records: the family's name and variable; its renderer is code. */
  @JsonProperty("description")
  private String jsonDescription() {
    return "rendered by Java code: " + grid.length + " values x " + nuisanceCount + " images of " + height + "x" + width
        + "x" + channels;
  }

  /** Refuses to read a family written as code back from JSON. */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  private static CustomFamily fromJson(JsonNode json) {
    throw new IllegalArgumentException("a stimulus family written as Java code (Stimuli.custom) cannot be re-run from"
        + " run.json; use one of: gabor, grating, uniform-hue, rotated-grating");
  }
}
