package io.github.gradsense.stimulus;

import static io.github.gradsense.internal.Checks.checkRange;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.TInt32;

/**
 * Uniform colour images whose stimulus variable is hue h in degrees (METHODS §A4): every pixel is
 * {@code HSV→RGB(h/360, S, V)} (Python's colorsys), values in [0, 1]. The nuisance is the
 * (S, V) pair, over every combination of {@code saturations} × {@code values}: the authors' code
 * uses 8 × 8 values on [0.5, 0.9] (the paper's text says [0.5, 1]); {@link #single} gives their
 * S = 1, V = 0.8 generator. In the graph, as colorsys, the sector {@code i = ⌊h/60⌋ mod 6} picks
 * each channel's form, {@code V − V·S·(a + b·f)} with {@code f = h/60 − ⌊h/60⌋}: piecewise linear
 * in h with breaks every 60°, one channel moving at {@code ±S·V/60} per degree inside each sector.
 * At a break (0° and 360° on the default grid) the tangent is the derivative on the side the hue
 * enters (right-continuous, as colorsys picks its sector by {@code floor}); no hue moves two
 * channels.
 *
 * <p>Derivatives are averaged over the (S, V) grid; the authors sum them (a constant factor 64 that
 * their plots normalise away).
 *
 * <pre>{@code
 * UniformHue hue = Stimuli.uniformHue().size(32);                 // 360 hues, 8 × 8 (S, V)
 * UniformHue one = Stimuli.uniformHue().single(1.0, 0.8);
 * }</pre>
 *
 * @param size image side in pixels, in [1, 1024]
 * @param hues number of hues on [0, 360] degrees (both ends), in [2, 100000]
 * @param saturations saturation grid, each in [0, 1], not empty
 * @param brightness value (V) grid, each in [0, 1], not empty
 */
public record UniformHue(int size, int hues, List<Double> saturations, List<Double> brightness) implements StimulusFamily {

  /** Validates every field. */
  public UniformHue {
    checkRange("size", size, 1, 1024);
    checkRange("hues", hues, 2, 100_000);
    saturations = List.copyOf(saturations);
    brightness = List.copyOf(brightness);
    if (saturations.isEmpty() || brightness.isEmpty()) {
      throw new IllegalArgumentException("the (saturation, value) grid must not be empty: got "
          + saturations.size() + " saturations and " + brightness.size() + " values");
    }
    for (double s : saturations) {
      checkRange("saturation", s, 0.0, 1.0);
    }
    for (double v : brightness) {
      checkRange("value", v, 0.0, 1.0);
    }
  }

  /** Per sector of colorsys (rows) and channel R, G, B (columns): the ramp at the sector's start. */
  private static final double[] RAMP_START = {0, 1, 1, 0, 0, 1, 1, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 0};
  /** Per sector and channel: the ramp's change over the sector (−1, 0 or 1). */
  private static final double[] RAMP_SLOPE = {0, -1, 0, 1, 0, 0, 0, 0, -1, 0, 1, 0, -1, 0, 0, 0, 0, 1};

  /** The authors' marginalised generator at 224 × 224. */
  static UniformHue paper() {
    List<Double> grid = levels(8, 0.5, 0.9);
    return new UniformHue(224, 360, grid, grid);
  }

  private static List<Double> levels(int n, double from, double to) {
    List<Double> g = new ArrayList<>();
    for (double v : Grid.linspace(from, to, n)) {
      g.add(v);
    }
    return g;
  }

  /** With side {@code s}. */
  public UniformHue size(int s) {
    return new UniformHue(s, hues, saturations, brightness);
  }

  /** With {@code n} hues on [0, 360]. */
  public UniformHue hues(int n) {
    return new UniformHue(size, n, saturations, brightness);
  }

  /** One (S, V) pair (the authors' single generator: S = 1, V = 0.8). */
  public UniformHue single(double saturation, double value) {
    return new UniformHue(size, hues, List.of(saturation), List.of(value));
  }

  /** An {@code n × n} (S, V) grid on {@code [from, to]} (both ends). */
  public UniformHue grid(int n, double from, double to) {
    checkRange("gridSteps", n, 1, 1000);
    return new UniformHue(size, hues, levels(n, from, to), levels(n, from, to));
  }

  @Override
  public String name() {
    return "hue";
  }

  @Override
  public String variable() {
    return "hue";
  }

  @Override
  public String unit() {
    return "deg";
  }

  @Override
  public double[] values() {
    return Grid.linspace(0, 360, hues);
  }

  @Override
  public int nuisanceCount() {
    return saturations.size() * brightness.size();
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
    return 3;
  }

  @Override
  public double finiteDifferenceStep() {
    return 0.1;
  }

  @Override
  public Operand<TFloat64> render(Ops tf, Operand<TFloat64> theta) {
    int m = nuisanceCount();
    double[] s = new double[m];
    double[] v = new double[m];
    for (int i = 0; i < saturations.size(); i++) {
      for (int j = 0; j < brightness.size(); j++) {
        s[i * brightness.size() + j] = saturations.get(i);
        v[i * brightness.size() + j] = brightness.get(j);
      }
    }
    Operand<TFloat64> sat = tf.constant(Shape.of(1, m, 1), DataBuffers.of(s));
    Operand<TFloat64> val = tf.constant(Shape.of(1, m, 1), DataBuffers.of(v));
    // colorsys: sector i = ⌊h/60⌋ mod 6 (constant, no gradient), f = h/60 − ⌊h/60⌋; each channel is
    // V − V·S·(a + b·f) with (a, b) of the sector: ramps (0,0) = v, (1,0) = p, (0,1) = q, (1,−1) = t
    Operand<TFloat64> h = tf.math.div(tf.reshape(theta, tf.constant(new long[] {-1, 1, 1})), tf.constant(60.0));
    Operand<TFloat64> whole = tf.stopGradient(tf.math.floor(h));
    Operand<TFloat64> f = tf.math.sub(h, whole);
    Operand<TFloat64> sector = tf.math.floorMod(whole, tf.constant(6.0));
    Operand<TInt32> i = tf.reshape(tf.dtypes.cast(sector, TInt32.class), tf.constant(new long[] {-1}));
    Operand<TFloat64> a = tf.reshape(tf.gather(tf.constant(Shape.of(6, 3), DataBuffers.of(RAMP_START)), i, tf.constant(0)),
        tf.constant(new long[] {-1, 1, 3}));
    Operand<TFloat64> b = tf.reshape(tf.gather(tf.constant(Shape.of(6, 3), DataBuffers.of(RAMP_SLOPE)), i, tf.constant(0)),
        tf.constant(new long[] {-1, 1, 3}));
    Operand<TFloat64> ramp = tf.math.add(a, tf.math.mul(b, f));
    Operand<TFloat64> rgb = tf.math.sub(val, tf.math.mul(tf.math.mul(val, sat), ramp));          // [n, m, 3]
    Operand<TFloat64> pixel = tf.reshape(rgb, tf.constant(new long[] {-1, 1, 1, 3}));
    return tf.math.mul(pixel, tf.ones(tf.constant(new long[] {1, size, size, 1}), TFloat64.class));
  }

  @Override
  public double[] reference(double theta, int nuisance) {
    checkRange("nuisance", nuisance, 0, nuisanceCount() - 1);
    double s = saturations.get(nuisance / brightness.size());
    double v = brightness.get(nuisance % brightness.size());
    double[] rgb = Colour.hsvToRgb(theta / 360.0, s, v);
    double[] out = new double[size * size * 3];
    for (int p = 0; p < size * size; p++) {
      System.arraycopy(rgb, 0, out, 3 * p, 3);
    }
    return out;
  }
}
