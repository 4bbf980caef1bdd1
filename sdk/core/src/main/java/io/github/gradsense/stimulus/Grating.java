package io.github.gradsense.stimulus;

import static io.github.gradsense.internal.Checks.checkPositive;
import static io.github.gradsense.internal.Checks.checkRange;

import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat64;

/**
 * Sinusoidal gratings whose stimulus variable is spatial frequency f (METHODS §A2, the authors'
 * linear-network stimulus): every row identical, vertical stripes,
 * <pre>
 *   s_j(f, φ) = 0.5 + 0.5 c sin(f · u_j + φ),   u_j = S points on [0, 3.14159] (both ends)
 * </pre>
 * so that the image spans f/2 cycles (the authors convert f to cycles per 100 px as f·100/64). The
 * phase φ is the nuisance, on [0, π] (both ends). Range [0, 1], one channel.
 *
 * <p>Defaults are the authors': 32 × 32, 20 frequencies on [1, 10], 64 phases.
 *
 * <pre>{@code
 * Grating g = Stimuli.grating().size(16).frequencies(20).phases(16);
 * double cycles = g.cyclesPer100Pixels(5.0);        // the authors' axis unit
 * }</pre>
 *
 * @param size image side S in pixels, in [4, 1024]
 * @param minFrequency lowest f, &gt; 0
 * @param maxFrequency highest f, &gt; minFrequency
 * @param frequencies number of frequencies on [min, max], in [2, 100000]
 * @param phases number of phases on [0, π], in [1, 10000]
 * @param contrast contrast c, in (0, 1]
 */
public record Grating(int size, double minFrequency, double maxFrequency, int frequencies, int phases, double contrast)
    implements StimulusFamily {

  /** The authors' grid end (a truncated π, as in their code). */
  static final double U_END = 3.14159;

  /** Validates every field. */
  public Grating {
    checkRange("size", size, 4, 1024);
    checkPositive("minFrequency", minFrequency);
    if (!(maxFrequency > minFrequency) || !Double.isFinite(maxFrequency)) {
      throw new IllegalArgumentException("maxFrequency must be a finite number > minFrequency = " + minFrequency + ", got " + maxFrequency);
    }
    checkRange("frequencies", frequencies, 2, 100_000);
    checkRange("phases", phases, 1, 10_000);
    checkRange("contrast", contrast, Double.MIN_VALUE, 1.0);
  }

  /** The authors' grating. */
  static Grating paper() {
    return new Grating(32, 1, 10, 20, 64, 1);
  }

  /** With side {@code s}. */
  public Grating size(int s) {
    return new Grating(s, minFrequency, maxFrequency, frequencies, phases, contrast);
  }

  /** With {@code n} frequencies. */
  public Grating frequencies(int n) {
    return new Grating(size, minFrequency, maxFrequency, n, phases, contrast);
  }

  /** With frequencies on {@code [min, max]}. */
  public Grating range(double min, double max) {
    return new Grating(size, min, max, frequencies, phases, contrast);
  }

  /** With {@code n} phases. */
  public Grating phases(int n) {
    return new Grating(size, minFrequency, maxFrequency, frequencies, n, contrast);
  }

  /** The authors' axis unit: f · 100/64 cycles per 100 pixels. */
  public double cyclesPer100Pixels(double f) {
    return f * 100 / 64;
  }

  @Override
  public String name() {
    return "grating";
  }

  @Override
  public String variable() {
    return "spatial frequency";
  }

  @Override
  public String unit() {
    return "radians per image span";
  }

  @Override
  public double[] values() {
    return Grid.linspace(minFrequency, maxFrequency, frequencies);
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
  public int channels() {
    return 1;
  }

  @Override
  public double finiteDifferenceStep() {
    return 0.01;
  }

  @Override
  public Operand<TFloat64> render(Ops tf, Operand<TFloat64> theta) {
    return build(tf, theta, false)[0];
  }

  /** Images and their closed-form derivatives {@code ∂s_j/∂f = 0.5 c u_j cos(f u_j + φ)}. */
  @Override
  public Operand<TFloat64>[] renderWithTangent(Ops tf, Operand<TFloat64> theta) {
    return build(tf, theta, true);
  }

  @SuppressWarnings("unchecked")
  private Operand<TFloat64>[] build(Ops tf, Operand<TFloat64> theta, boolean withTangent) {
    Operand<TFloat64> u = tf.constant(Shape.of(1, 1, 1, size), DataBuffers.of(Grid.linspace(0, U_END, size)));
    Operand<TFloat64> phi = tf.constant(Shape.of(1, phases, 1, 1), DataBuffers.of(Grid.linspace(0, Math.PI, phases)));
    Operand<TFloat64> f = tf.reshape(theta, tf.constant(new long[] {-1, 1, 1, 1}));
    Operand<TFloat64> arg = tf.math.add(tf.math.mul(f, u), phi);
    Operand<TFloat64> rows = tf.ones(tf.constant(new long[] {1, 1, size, 1}), TFloat64.class);
    Operand<TFloat64> row = tf.math.add(tf.constant(0.5), tf.math.mul(tf.constant(0.5 * contrast), tf.math.sin(arg)));  // [n, m, 1, S]
    Operand<TFloat64> image = tf.reshape(tf.math.mul(row, rows), tf.constant(new long[] {-1, size, size, 1}));
    if (!withTangent) {
      return new Operand[] {image};
    }
    Operand<TFloat64> rowDot = tf.math.mul(tf.constant(0.5 * contrast), tf.math.mul(u, tf.math.cos(arg)));
    Operand<TFloat64> tangent = tf.reshape(tf.math.mul(rowDot, rows), tf.constant(new long[] {-1, size, size, 1}));
    return new Operand[] {image, tangent};
  }

  /** The Java reference ({@link StrictMath}, so identical on every platform). */
  @Override
  public double[] reference(double theta, int nuisance) {
    checkRange("nuisance", nuisance, 0, phases - 1);
    double phi = Grid.linspace(0, Math.PI, phases)[nuisance];
    double[] u = Grid.linspace(0, U_END, size);
    double[] out = new double[size * size];
    for (int row = 0; row < size; row++) {
      for (int col = 0; col < size; col++) {
        out[row * size + col] = 0.5 + 0.5 * contrast * StrictMath.sin(theta * u[col] + phi);
      }
    }
    return out;
  }
}
