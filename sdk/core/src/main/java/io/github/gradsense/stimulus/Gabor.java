package io.github.gradsense.stimulus;

import static io.github.gradsense.internal.Checks.checkPositive;
import static io.github.gradsense.internal.Checks.checkRange;

import java.util.List;
import java.util.Objects;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Max;
import org.tensorflow.op.core.Min;
import org.tensorflow.types.TFloat64;

/**
 * Gabor patches whose stimulus variable is orientation θ (METHODS §A1, the authors' code):
 * <pre>
 *   x = (col − S/2)/ppd,  y = (row − S/2)/ppd                 (degrees; rows grow downward)
 *   o = −θ − π/2,  x_r = x cos o + y sin o,  y_r = −x sin o + y cos o
 *   g = exp(−(x_r² + y_r²) / (2σ²)) · cos(2π f x_r + φ)
 * </pre>
 * then, per image, min–max rescaled to [−1, 1] ({@link Contrast#MIN_MAX}, the authors') or left as
 * is ({@link Contrast#FIXED}, smooth in θ), and mapped to {@code background + contrast · (…)}. θ = 0 gives horizontal stripes, θ = π/2
 * vertical ones. The phase φ is the nuisance, marginalised over {@code phases} values on [0, π]
 * (both ends); θ runs over {@code orientations} values on [0, π] (both ends). Grey is replicated
 * to three channels unless {@code channels = 1}.
 *
 * <p>Defaults are the paper's: 224 px at 100 px/deg, 2 cycles/deg, σ = 0.5°, contrast 1, 180
 * orientations, 10 phases, RGB. {@link #size(int)} keeps that geometry at another resolution
 * (pixels per degree scale with the side).
 *
 * <pre>{@code
 * Gabor g = Stimuli.gabor().size(32).orientations(180).phases(10);
 * Gabor grey = g.channels(1).frequency(3.0);        // for a grey linear network
 * }</pre>
 *
 * @param size image side S in pixels, in [8, 1024]
 * @param pixelsPerDegree pixels per degree of visual angle, &gt; 0
 * @param frequency carrier frequency f in cycles per degree, in (0, ppd/2)
 * @param envelope Gaussian envelope σ in degrees; σ·ppd must be at most S/4
 * @param contrast contrast c, in (0, 1]
 * @param orientations number of orientations on [0, π], in [2, 100000]
 * @param phases number of phases on [0, π], in [1, 10000]
 * @param channels 1 (grey) or 3 (grey replicated)
 * @param rescale per-image min–max rescale or fixed contrast
 * @param background grey level added to every pixel, in [−1, 1] (0: the authors' [−1, 1] images;
 *     0.5 with contrast 0.5 gives [0, 1] images like photographs read as RGB in [0, 1])
 */
public record Gabor(int size, double pixelsPerDegree, double frequency, double envelope, double contrast,
    int orientations, int phases, int channels, Contrast rescale, double background) implements StimulusFamily {

  /** How the Gabor's grey levels are scaled. */
  public enum Contrast {
    /** {@code (g − min)·2c/(max − min) − 1} per image (the authors'; piecewise smooth in θ). */
    MIN_MAX,
    /** {@code c·g} (smooth in θ). */
    FIXED
  }

  /** Validates every field against its allowed range. */
  public Gabor {
    checkRange("size", size, 8, 1024);
    checkPositive("pixelsPerDegree", pixelsPerDegree);
    checkPositive("frequency", frequency);
    if (frequency >= pixelsPerDegree / 2) {
      throw new IllegalArgumentException("frequency must be in (0, pixelsPerDegree/2 = " + pixelsPerDegree / 2
          + ") cycles/deg (below the pixel grid's Nyquist limit), got " + frequency);
    }
    checkPositive("envelope", envelope);
    if (envelope * pixelsPerDegree > size / 4.0) {
      throw new IllegalArgumentException("envelope must be in (0, size/4/pixelsPerDegree = " + size / 4.0 / pixelsPerDegree
          + "] degrees (σ at most a quarter of the image side), got " + envelope);
    }
    checkRange("contrast", contrast, Double.MIN_VALUE, 1.0);
    checkRange("orientations", orientations, 2, 100_000);
    checkRange("phases", phases, 1, 10_000);
    if (channels != 1 && channels != 3) {
      throw new IllegalArgumentException("channels must be 1 or 3, got " + channels);
    }
    Objects.requireNonNull(rescale, "rescale");
    checkRange("background", background, -1.0, 1.0);
  }

  /** The paper's Gabor. */
  static Gabor paper() {
    return new Gabor(224, 100, 2, 0.5, 1, 180, 10, 3, Contrast.MIN_MAX, 0);
  }

  /** At side {@code side}, pixels per degree scaled by {@code side/size} so the geometry is kept. */
  public Gabor size(int side) {
    return new Gabor(side, pixelsPerDegree * side / size, frequency, envelope, contrast, orientations, phases, channels, rescale, background);
  }

  /** With {@code n} orientations on [0, π]. */
  public Gabor orientations(int n) {
    return new Gabor(size, pixelsPerDegree, frequency, envelope, contrast, n, phases, channels, rescale, background);
  }

  /** With {@code n} phases on [0, π]. */
  public Gabor phases(int n) {
    return new Gabor(size, pixelsPerDegree, frequency, envelope, contrast, orientations, n, channels, rescale, background);
  }

  /** With carrier frequency {@code cyclesPerDegree}. */
  public Gabor frequency(double cyclesPerDegree) {
    return new Gabor(size, pixelsPerDegree, cyclesPerDegree, envelope, contrast, orientations, phases, channels, rescale, background);
  }

  /** With envelope σ = {@code degrees}. */
  public Gabor envelope(double degrees) {
    return new Gabor(size, pixelsPerDegree, frequency, degrees, contrast, orientations, phases, channels, rescale, background);
  }

  /** With {@code n} channels (1 or 3). */
  public Gabor channels(int n) {
    return new Gabor(size, pixelsPerDegree, frequency, envelope, contrast, orientations, phases, n, rescale, background);
  }

  /** With another pixels-per-degree (the image side is kept). */
  public Gabor pixelsPerDegree(double ppd) {
    return new Gabor(size, ppd, frequency, envelope, contrast, orientations, phases, channels, rescale, background);
  }

  /** With another contrast scaling. */
  public Gabor rescale(Contrast c) {
    return new Gabor(size, pixelsPerDegree, frequency, envelope, contrast, orientations, phases, channels, c, background);
  }

  /** Pixel values {@code background ± contrast}: e.g. {@code inUnitRange()} for networks trained on [0, 1] images. */
  public Gabor levels(double newBackground, double newContrast) {
    return new Gabor(size, pixelsPerDegree, frequency, envelope, newContrast, orientations, phases, channels, rescale, newBackground);
  }

  /** Images in [0, 1] around mid grey (background 0.5, contrast 0.5), as photographs read as RGB. */
  public Gabor inUnitRange() {
    return levels(0.5, 0.5);
  }

  /** The carrier frequency in cycles per image side. */
  public double cyclesPerImage() {
    return frequency * size / pixelsPerDegree;
  }

  @Override
  public String name() {
    return "gabor";
  }

  @Override
  public String variable() {
    return "orientation";
  }

  @Override
  public String unit() {
    return "rad";
  }

  @Override
  public double[] values() {
    return Grid.linspace(0, Math.PI, orientations);
  }

  @Override
  public int nuisanceCount() {
    return phases;
  }

  @Override
  public int height() {
    return size;
  }

  @Override
  public int width() {
    return size;
  }

  @Override
  public double finiteDifferenceStep() {
    return 0.01;
  }

  private double[] phaseGrid() {
    return Grid.linspace(0, Math.PI, phases);
  }

  @Override
  public Operand<TFloat64> render(Ops tf, Operand<TFloat64> theta) {
    return build(tf, theta, false)[0];
  }

  /**
   * Images and their closed-form derivatives: with {@code ψ = 2πf x_r + φ} and
   * {@code dx_r/dθ = −y_r}, {@code ∂g/∂θ = env · sin ψ · 2πf · y_r}; through the min–max rescale,
   * {@code ∂x/∂θ = 2c[(ġ − ġ_min)(max − min) − (g − min)(ġ_max − ġ_min)] / (max − min)²}, where
   * {@code ġ_min, ġ_max} are {@code ġ} at the minimising and maximising pixels (averaged over ties,
   * as TensorFlow's gradient of a reduction does).
   */
  @Override
  public Operand<TFloat64>[] renderWithTangent(Ops tf, Operand<TFloat64> theta) {
    return build(tf, theta, true);
  }

  @SuppressWarnings("unchecked")
  private Operand<TFloat64>[] build(Ops tf, Operand<TFloat64> theta, boolean withTangent) {
    int s = size;
    double[] xs = new double[s * s];
    double[] ys = new double[s * s];
    double[] env = new double[s * s];
    for (int row = 0; row < s; row++) {
      for (int col = 0; col < s; col++) {
        double x = (col - s / 2.0) / pixelsPerDegree;
        double y = (row - s / 2.0) / pixelsPerDegree;
        xs[row * s + col] = x;
        ys[row * s + col] = y;
        env[row * s + col] = Math.exp(-(x * x + y * y) / (2 * envelope * envelope));
      }
    }
    Operand<TFloat64> x = tf.constant(Shape.of(1, 1, s, s), DataBuffers.of(xs));
    Operand<TFloat64> y = tf.constant(Shape.of(1, 1, s, s), DataBuffers.of(ys));
    Operand<TFloat64> envelopeOp = tf.constant(Shape.of(1, 1, s, s), DataBuffers.of(env));
    Operand<TFloat64> phi = tf.constant(Shape.of(1, phases, 1, 1), DataBuffers.of(phaseGrid()));
    Operand<TFloat64> o = tf.reshape(tf.math.sub(tf.math.neg(theta), tf.constant(Math.PI / 2)), tf.constant(new long[] {-1, 1, 1, 1}));
    Operand<TFloat64> cos = tf.math.cos(o);
    Operand<TFloat64> sin = tf.math.sin(o);
    Operand<TFloat64> xr = tf.math.add(tf.math.mul(x, cos), tf.math.mul(y, sin));
    Operand<TFloat64> psi = tf.math.add(tf.math.mul(xr, tf.constant(2 * Math.PI * frequency)), phi);
    Operand<TFloat64> g = tf.math.mul(envelopeOp, tf.math.cos(psi));                          // [n, m, s, s]
    Operand<TFloat64> gdot = null;
    if (withTangent) {
      Operand<TFloat64> yr = tf.math.sub(tf.math.mul(y, cos), tf.math.mul(x, sin));
      gdot = tf.math.mul(tf.math.mul(envelopeOp, tf.math.sin(psi)), tf.math.mul(yr, tf.constant(2 * Math.PI * frequency)));
    }
    Operand<TFloat64> out;
    Operand<TFloat64> outDot = null;
    if (rescale == Contrast.MIN_MAX) {
      var axes = tf.constant(new int[] {2, 3});
      Operand<TFloat64> lo = tf.min(g, axes, Min.keepDims(true));
      Operand<TFloat64> hi = tf.max(g, axes, Max.keepDims(true));
      Operand<TFloat64> range = tf.math.sub(hi, lo);
      Operand<TFloat64> shifted = tf.math.sub(g, lo);
      out = tf.math.add(tf.math.mul(tf.math.sub(tf.math.div(tf.math.mul(shifted, tf.constant(2.0)), range), tf.constant(1.0)),
          tf.constant(contrast)), tf.constant(background));
      if (withTangent) {
        Operand<TFloat64> atLo = atMask(tf, g, lo, gdot, axes);
        Operand<TFloat64> atHi = atMask(tf, g, hi, gdot, axes);
        Operand<TFloat64> num = tf.math.sub(tf.math.mul(tf.math.sub(gdot, atLo), range), tf.math.mul(shifted, tf.math.sub(atHi, atLo)));
        outDot = tf.math.div(tf.math.mul(num, tf.constant(2 * contrast)), tf.math.square(range));
      }
    } else {
      out = tf.math.add(tf.math.mul(g, tf.constant(contrast)), tf.constant(background));
      if (withTangent) {
        outDot = tf.math.mul(gdot, tf.constant(contrast));
      }
    }
    Operand<TFloat64> images = channels(tf, out);
    return withTangent ? new Operand[] {images, channels(tf, outDot)} : new Operand[] {images};
  }

  /** ġ averaged over the pixels where g equals {@code extreme} (per image). */
  private static Operand<TFloat64> atMask(Ops tf, Operand<TFloat64> g, Operand<TFloat64> extreme, Operand<TFloat64> gdot,
      Operand<org.tensorflow.types.TInt32> axes) {
    Operand<TFloat64> mask = tf.dtypes.cast(tf.math.equal(g, extreme), TFloat64.class);
    return tf.math.div(tf.reduceSum(tf.math.mul(mask, gdot), axes, org.tensorflow.op.core.ReduceSum.keepDims(true)),
        tf.reduceSum(mask, axes, org.tensorflow.op.core.ReduceSum.keepDims(true)));
  }

  private Operand<TFloat64> channels(Ops tf, Operand<TFloat64> perImage) {
    Operand<TFloat64> images = tf.reshape(perImage, tf.constant(new long[] {-1, size, size, 1}));
    // grey to RGB by Tile: a ConcatV2 of width-1 pieces along the innermost axis copies value by value
    return channels == 1 ? images : tf.tile(images, tf.constant(new int[] {1, 1, 1, 3}));
  }

  /** The Java reference ({@link StrictMath}, so identical on every platform). */
  @Override
  public double[] reference(double theta, int nuisance) {
    checkRange("nuisance", nuisance, 0, phases - 1);
    int s = size;
    double phi = phaseGrid()[nuisance];
    double o = -theta - Math.PI / 2;
    double co = StrictMath.cos(o);
    double so = StrictMath.sin(o);
    double[] g = new double[s * s];
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (int row = 0; row < s; row++) {
      for (int col = 0; col < s; col++) {
        double x = (col - s / 2.0) / pixelsPerDegree;
        double y = (row - s / 2.0) / pixelsPerDegree;
        double xr = x * co + y * so;
        double yr = -x * so + y * co;
        double v = StrictMath.exp(-(xr * xr + yr * yr) / (2 * envelope * envelope)) * StrictMath.cos(2 * Math.PI * frequency * xr + phi);
        g[row * s + col] = v;
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
    double[] out = new double[s * s * channels];
    for (int p = 0; p < s * s; p++) {
      double v = background + contrast * (rescale == Contrast.MIN_MAX ? (g[p] - lo) * 2 / (hi - lo) - 1 : g[p]);
      for (int c = 0; c < channels; c++) {
        out[p * channels + c] = v;
      }
    }
    return out;
  }
}
