package io.github.gradsense.stimulus;

import static io.github.gradsense.internal.Checks.checkRange;

import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat64;

/**
 * The oriented grating of the supervised experiment (METHODS §A3, Fig. 6): a base
 * {@code cos(10 u_j + φ)} varying along columns ({@code u_j} = 64 points on [0, 3.14159], 5 cycles
 * per 64 px), rotated by {@code θ + π/2} by an affine sampling grid with bilinear interpolation and
 * zero padding (PyTorch's {@code affine_grid}/{@code grid_sample}, {@code align_corners = false}),
 * times a soft disk (radius 30 px, edge blurred by a 15 × 15 Gaussian of σ = 2 px with nearest-edge
 * padding). Range [−1, 1]; θ = 0 gives horizontal stripes. The phase φ is the nuisance, 11 values on
 * [0, π] for sensitivities (training draws it uniformly on [0, π)).
 *
 * <p>Sampling point of output pixel {@code (i, j)}: with {@code x = (2j + 1)/S − 1},
 * {@code y = (2i + 1)/S − 1} and {@code a = θ + π/2}, the source is {@code (x cos a − y sin a,
 * x sin a + y cos a)} in normalised coordinates, i.e. pixel {@code ((x' + 1)S − 1)/2}. Bilinear
 * weights are smooth in θ inside each pixel cell.
 *
 * <pre>{@code
 * RotatedGrating g = Stimuli.rotatedGrating();            // 64 × 64, 60 orientations, 11 phases
 * double[] img = g.reference(Math.PI / 3, 0.7);          // any phase, as the training batches use
 * }</pre>
 *
 * @param size image side S in pixels, in [8, 512]
 * @param orientations number of orientations on [0, π] for sensitivity curves, in [2, 100000]
 * @param phases number of phases on [0, π] for sensitivity curves, in [1, 10000]
 */
public record RotatedGrating(int size, int orientations, int phases) implements StimulusFamily {

  /** Validates the fields. */
  public RotatedGrating {
    checkRange("size", size, 8, 512);
    checkRange("orientations", orientations, 2, 100_000);
    checkRange("phases", phases, 1, 10_000);
  }

  /** The authors' 64 × 64 grating, 60 orientations, 11 phases. */
  static RotatedGrating paper() {
    return new RotatedGrating(64, 60, 11);
  }

  /** With side {@code s} pixels (the aperture and the 5 cycles scale with it). */
  public RotatedGrating size(int s) {
    return new RotatedGrating(s, orientations, phases);
  }

  /** With {@code n} orientations. */
  public RotatedGrating orientations(int n) {
    return new RotatedGrating(size, n, phases);
  }

  /** With {@code n} phases. */
  public RotatedGrating phases(int n) {
    return new RotatedGrating(size, orientations, n);
  }

  @Override
  public String name() {
    return "rotated-grating";
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
  public int channels() {
    return 1;
  }

  @Override
  public double finiteDifferenceStep() {
    return 1e-3;
  }

  /** Base frequency: 10 radians per unit of u, u spanning [0, 3.14159] over the columns. */
  private double step() {
    return 10 * Grating.U_END / (size - 1);
  }

  @Override
  public Operand<TFloat64> render(Ops tf, Operand<TFloat64> theta) {
    int s = size;
    double[] xn = new double[s * s];
    double[] yn = new double[s * s];
    for (int i = 0; i < s; i++) {
      for (int j = 0; j < s; j++) {
        xn[i * s + j] = (2.0 * j + 1) / s - 1;
        yn[i * s + j] = (2.0 * i + 1) / s - 1;
      }
    }
    Operand<TFloat64> x = tf.constant(Shape.of(1, 1, s, s), DataBuffers.of(xn));
    Operand<TFloat64> y = tf.constant(Shape.of(1, 1, s, s), DataBuffers.of(yn));
    Operand<TFloat64> phi = tf.constant(Shape.of(1, phases, 1, 1), DataBuffers.of(Grid.linspace(0, Math.PI, phases)));
    Operand<TFloat64> aperture = tf.constant(Shape.of(1, 1, s, s), DataBuffers.of(aperture(s)));
    Operand<TFloat64> a = tf.reshape(tf.math.add(theta, tf.constant(Math.PI / 2)), tf.constant(new long[] {-1, 1, 1, 1}));
    Operand<TFloat64> cos = tf.math.cos(a);
    Operand<TFloat64> sin = tf.math.sin(a);
    Operand<TFloat64> half = tf.constant(s / 2.0);
    // source pixel coordinates ((x' + 1) S − 1) / 2
    Operand<TFloat64> sx = tf.math.sub(tf.math.mul(tf.math.add(tf.math.sub(tf.math.mul(x, cos), tf.math.mul(y, sin)), tf.constant(1.0)), half), tf.constant(0.5));
    Operand<TFloat64> sy = tf.math.sub(tf.math.mul(tf.math.add(tf.math.add(tf.math.mul(x, sin), tf.math.mul(y, cos)), tf.constant(1.0)), half), tf.constant(0.5));
    Operand<TFloat64> x0 = tf.stopGradient(tf.math.floor(sx));
    Operand<TFloat64> y0 = tf.stopGradient(tf.math.floor(sy));
    Operand<TFloat64> wx = tf.math.sub(sx, x0);
    Operand<TFloat64> wy = tf.math.sub(sy, y0);
    Operand<TFloat64> one = tf.constant(1.0);
    // rows are identical: bilinear = (vertical weight of rows inside) × (horizontal interpolation of the base)
    Operand<TFloat64> vertical = tf.math.add(tf.math.mul(tf.math.sub(one, wy), inside(tf, y0)), tf.math.mul(wy, inside(tf, tf.math.add(y0, one))));
    Operand<TFloat64> left = tf.math.mul(base(tf, x0, phi), inside(tf, x0));
    Operand<TFloat64> right = tf.math.mul(base(tf, tf.math.add(x0, one), phi), inside(tf, tf.math.add(x0, one)));
    Operand<TFloat64> horizontal = tf.math.add(tf.math.mul(tf.math.sub(one, wx), left), tf.math.mul(wx, right));
    Operand<TFloat64> image = tf.math.mul(tf.math.mul(vertical, horizontal), aperture);        // [n, m, S, S]
    return tf.reshape(image, tf.constant(new long[] {-1, s, s, 1}));
  }

  private Operand<TFloat64> base(Ops tf, Operand<TFloat64> column, Operand<TFloat64> phi) {
    return tf.math.cos(tf.math.add(tf.math.mul(column, tf.constant(step())), phi));
  }

  private Operand<TFloat64> inside(Ops tf, Operand<TFloat64> index) {
    return tf.stopGradient(tf.dtypes.cast(tf.math.logicalAnd(
        tf.math.greaterEqual(index, tf.constant(0.0)), tf.math.lessEqual(index, tf.constant(size - 1.0))), TFloat64.class));
  }

  @Override
  public double[] reference(double theta, int nuisance) {
    checkRange("nuisance", nuisance, 0, phases - 1);
    return reference(theta, Grid.linspace(0, Math.PI, phases)[nuisance]);
  }

  /** The Java reference at any phase (the training batches' renderer). */
  public double[] reference(double theta, double phase) {
    double[] out = new double[size * size];
    renderInto(theta, phase, out, 0);
    return out;
  }

  /**
   * Renders the grating at {@code (theta, phase)} into {@code out[offset, offset + size²)}, bit for
   * bit the values of {@link #reference(double, double)}; the base {@code cos(k·step + φ)} is taken
   * once per column index, so a 64 × 64 image costs a few microseconds.
   */
  public void renderInto(double theta, double phase, double[] out, int offset) {
    int s = size;
    double a = theta + Math.PI / 2;
    double cos = StrictMath.cos(a);
    double sin = StrictMath.sin(a);
    double[] ap = aperture(s);   // cached, read only
    double step = step();
    double[] base = new double[s];
    for (int k = 0; k < s; k++) {
      base[k] = StrictMath.cos(k * step + phase);
    }
    for (int i = 0; i < s; i++) {
      double y = (2.0 * i + 1) / s - 1;
      for (int j = 0; j < s; j++) {
        double x = (2.0 * j + 1) / s - 1;
        double sx = ((x * cos - y * sin) + 1) * s / 2.0 - 0.5;
        double sy = ((x * sin + y * cos) + 1) * s / 2.0 - 0.5;
        double x0 = Math.floor(sx);
        double y0 = Math.floor(sy);
        double wx = sx - x0;
        double wy = sy - y0;
        double vertical = (1 - wy) * in(y0) + wy * in(y0 + 1);
        int k0 = (int) x0;
        double left = k0 >= 0 && k0 <= s - 1 ? base[k0] : 0;
        double right = k0 + 1 >= 0 && k0 + 1 <= s - 1 ? base[k0 + 1] : 0;
        double horizontal = (1 - wx) * left + wx * right;
        out[offset + i * s + j] = vertical * horizontal * ap[i * s + j];
      }
    }
  }

  private double in(double index) {
    return index >= 0 && index <= size - 1 ? 1 : 0;
  }

  /**
   * The soft disk: 1 within 30 px (scaled with the side: 30/64 of it) of the centre, 0 outside,
   * convolved with a normalised 15 × 15 Gaussian of σ = 2 px (scaled likewise), nearest-edge padding.
   */
  static double[] aperture(int s) {
    return APERTURES.computeIfAbsent(s, RotatedGrating::computeAperture);
  }

  private static final java.util.concurrent.ConcurrentHashMap<Integer, double[]> APERTURES = new java.util.concurrent.ConcurrentHashMap<>();

  private static double[] computeAperture(int s) {
    double radius = 30.0 * s / 64;
    double sigma = 2.0 * s / 64;
    int k = Math.max(1, (int) Math.round(15.0 * s / 64) | 1);
    double c = (s - 1) / 2.0;
    double[] disk = new double[s * s];
    for (int i = 0; i < s; i++) {
      for (int j = 0; j < s; j++) {
        disk[i * s + j] = Math.hypot(i - c, j - c) <= radius ? 1 : 0;
      }
    }
    double[] kernel = new double[k * k];
    double sum = 0;
    int r = k / 2;
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        double v = StrictMath.exp(-((i - r) * (i - r) + (j - r) * (j - r)) / (2 * sigma * sigma));
        kernel[i * k + j] = v;
        sum += v;
      }
    }
    double[] out = new double[s * s];
    for (int i = 0; i < s; i++) {
      for (int j = 0; j < s; j++) {
        double acc = 0;
        for (int di = -r; di <= r; di++) {
          for (int dj = -r; dj <= r; dj++) {
            int ii = Math.min(s - 1, Math.max(0, i + di));
            int jj = Math.min(s - 1, Math.max(0, j + dj));
            acc += kernel[(di + r) * k + (dj + r)] * disk[ii * s + jj];
          }
        }
        out[i * s + j] = acc / sum;
      }
    }
    return out;
  }
}
