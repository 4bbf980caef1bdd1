package io.github.gradsense.stimulus;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.github.gradsense.runtime.Jvp;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat64;

/**
 * A family of images {@code s(θ, ν)} indexed by a stimulus variable θ (orientation, spatial
 * frequency, hue, …) and a nuisance ν on a grid (phase, saturation × value), rendered inside the
 * graph in float64 as a differentiable function of θ. Sensitivity probes differentiate through it
 * to get the exact tangent {@code ∂s/∂θ}, then average over the nuisance grid.
 *
 * <p>Layout: {@link #render} takes θ as a vector of {@code n} values and returns
 * {@code [n · m, height, width, channels]} images, θ-major (the {@code m} nuisance images of
 * {@code θ_0} first).
 *
 * <pre>{@code
 * StimulusFamily f = Stimuli.gabor().size(32);
 * double[] thetas = f.values();                  // 180 orientations on [0, π]
 * double[] image = f.reference(thetas[3], 2);    // Java float64 rendering, phase index 2
 * }</pre>
 *
 * <p>Its JSON {@code "type"} names are a closed list: {@code gabor, grating, uniform-hue, rotated-grating, custom}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Gabor.class, name = "gabor"),
    @JsonSubTypes.Type(value = Grating.class, name = "grating"),
    @JsonSubTypes.Type(value = UniformHue.class, name = "uniform-hue"),
    @JsonSubTypes.Type(value = RotatedGrating.class, name = "rotated-grating"),
    @JsonSubTypes.Type(value = CustomFamily.class, name = "custom")
})
public interface StimulusFamily {

  /** Short name (letters, digits, '-'), used in series names. */
  String name();

  /** What θ is: "orientation", "spatial frequency", "hue". */
  String variable();

  /** Unit of θ: "rad", "cycles per image", "deg". */
  String unit();

  /** The θ grid of a sensitivity curve. */
  double[] values();

  /** Number of nuisance images per θ. */
  int nuisanceCount();

  /** Image height in pixels. */
  int height();

  /** Image width in pixels. */
  int width();

  /** Channels (1 grey, 3 RGB). */
  int channels();

  /** Step of the authors' central finite difference for this variable (0.01 rad, 0.1° of hue). */
  double finiteDifferenceStep();

  /** Renders {@code [n · m, height, width, channels]} images for the {@code n} values of {@code theta}. */
  Operand<TFloat64> render(Ops tf, Operand<TFloat64> theta);

  /**
   * The images and their exact derivatives {@code ∂s/∂θ}, same layout. The default differentiates
   * {@link #render} by double backward ({@link Jvp}); built-in families override it with their
   * closed-form derivative, which costs about one more rendering.
   */
  default Operand<TFloat64>[] renderWithTangent(Ops tf, Operand<TFloat64> theta) {
    Operand<TFloat64> images = render(tf, theta);
    @SuppressWarnings("unchecked")
    Operand<TFloat64>[] pair = new Operand[] {images, Jvp.of(tf, images, theta, tf.onesLike(theta))};
    return pair;
  }

  /** The Java float64 reference image for {@code theta} and nuisance index {@code nuisance} (row-major HWC). */
  double[] reference(double theta, int nuisance);

  /** Number of values in one image. */
  default int imageSize() {
    return height() * width() * channels();
  }
}
