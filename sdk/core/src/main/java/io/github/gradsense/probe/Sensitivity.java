package io.github.gradsense.probe;

import static io.github.gradsense.internal.Checks.checkPositive;
import static io.github.gradsense.internal.Checks.checkRange;

import io.github.gradsense.data.Dataset;
import io.github.gradsense.network.Dual;
import io.github.gradsense.network.NetworkGraph;
import io.github.gradsense.runtime.Fetched;
import io.github.gradsense.runtime.Jvp;
import io.github.gradsense.runtime.TfSession;
import io.github.gradsense.stimulus.StimulusFamily;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.family.TFloating;

/**
 * Sensitivity of probe points to a stimulus variable: for each θ of the family's grid,
 * <pre>
 *   D(y; θ) = (1/m) Σ_ν Σ_i (∂y_i(s(θ, ν)) / ∂θ)²
 * </pre>
 * the Fisher information of the activations {@code y} about θ under unit-variance Gaussian noise,
 * averaged over the {@code m} nuisance images ν (METHODS §B1). {@link Method#EXACT} is a
 * forward-mode derivative: the image tangent {@code ∂s/∂θ} (the family's closed form, or double
 * backward through its renderer, {@link Jvp}), then the network's tangent rules
 * ({@link NetworkGraph#forwardWithTangent}),
 * every probe point in one pass. {@link Method#FINITE_DIFFERENCE} is the authors' central
 * difference {@code (y(θ+δ) − y(θ−δ)) / 2δ} with the family's step (0.01 rad; 0.1° of hue).
 * Threshold = {@code D^(−1/2)}.
 *
 * <p>Images reach the network as its input expects: flattened for vector inputs (RGB averaged to
 * grey when the network takes one channel), and with the training data's mean removed when
 * {@code subtractDataMean} (as the patches were). One row per probe point, one column per θ
 * (its value, 6 significant digits).
 *
 * <pre>{@code
 * Probe p = Probes.sensitivity(Stimuli.gabor().size(16).channels(1)).at("hidden1").every(100);
 * Probe fd = Probes.sensitivity(Stimuli.uniformHue().size(32)).at("conv1", "dense1").finiteDifference();
 * }</pre>
 *
 * @param label series name suffix ({@code sensitivity-<label>}), the family's name by default
 * @param family the stimulus family
 * @param points probe points, at least one
 * @param method exact or finite difference
 * @param step finite-difference step δ
 * @param subtractDataMean remove the training data's mean from each image
 * @param batch θ values rendered per run (bounds memory), in [1, 2^20]
 * @param schedule when to fire
 */
public record Sensitivity(String label, StimulusFamily family, List<String> points, Method method, double step,
    boolean subtractDataMean, int batch, Schedule schedule) implements Probe {

  /** How ∂y/∂θ is computed. */
  public enum Method {
    /** Forward-mode derivative (exact). */
    EXACT,
    /** Central finite difference with step δ. */
    FINITE_DIFFERENCE
  }

  /** Validates the fields. */
  public Sensitivity {
    Objects.requireNonNull(label, "label");
    if (!label.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
      throw new IllegalArgumentException("label must be letters, digits, '.', '_' or '-', got '" + label + "'");
    }
    Objects.requireNonNull(family, "family");
    points = List.copyOf(points);
    if (points.isEmpty()) {
      throw new IllegalArgumentException("points must name at least one probe point");
    }
    Objects.requireNonNull(method, "method");
    checkPositive("step", step);
    checkRange("batch", batch, 1, 1 << 20);
    Objects.requireNonNull(schedule, "schedule");
  }

  /** A probe of {@code family} at the output, exact, about 4 M image values per run, 20 log-spaced steps. */
  static Sensitivity of(StimulusFamily family) {
    int perTheta = Math.max(1, family.nuisanceCount() * family.imageSize());
    int batch = Math.max(1, Math.min(family.values().length, (1 << 22) / perTheta));
    return new Sensitivity(family.name(), family, List.of("output"), Method.EXACT, family.finiteDifferenceStep(), true, batch,
        Schedule.logSpaced(20));
  }

  /** Writes the series {@code sensitivity-<name>} (to tell several probes of one family apart). */
  public Sensitivity named(String name) {
    return new Sensitivity(name, family, points, method, step, subtractDataMean, batch, schedule);
  }

  /** At these probe points (one pass for all). */
  public Sensitivity at(String... names) {
    return new Sensitivity(label, family, List.of(names), method, step, subtractDataMean, batch, schedule);
  }

  /** By the authors' central finite difference, with the family's step. */
  public Sensitivity finiteDifference() {
    return finiteDifference(family.finiteDifferenceStep());
  }

  /** By central finite differences with step {@code delta}. */
  public Sensitivity finiteDifference(double delta) {
    return new Sensitivity(label, family, points, Method.FINITE_DIFFERENCE, delta, subtractDataMean, batch, schedule);
  }

  @Override
  public Sensitivity on(Schedule s) {
    return new Sensitivity(label, family, points, method, step, subtractDataMean, batch, s);
  }

  /** With {@code n} θ values rendered per run. */
  public Sensitivity batch(int n) {
    return new Sensitivity(label, family, points, method, step, subtractDataMean, n, schedule);
  }

  /** Whether to remove the training data's mean from each image. */
  public Sensitivity subtractDataMean(boolean on) {
    return new Sensitivity(label, family, points, method, step, on, batch, schedule);
  }

  @Override
  public String name() {
    return "sensitivity-" + label + (method == Method.FINITE_DIFFERENCE ? "-fd" : "");
  }

  @Override
  public void check(int dataDim, List<String> probePoints) {
    for (String p : points) {
      if (!probePoints.contains(p)) {
        throw new IllegalArgumentException(
            "unknown probe point '" + p + "'; valid probe points: " + String.join(", ", probePoints));
      }
    }
    int hw = family.height() * family.width();
    if (family.imageSize() != dataDim && hw != dataDim) {
      throw new IllegalArgumentException("stimulus '" + family.name() + "' renders " + family.height() + "x" + family.width()
          + "x" + family.channels() + " images, which do not fit network inputs of " + dataDim + " values");
    }
  }

  /** Column names: the θ values. */
  public List<String> columns() {
    List<String> c = new ArrayList<>();
    for (double v : family.values()) {
      c.add(String.format(Locale.ROOT, "%.6g", v));
    }
    return c;
  }

  @Override
  public <T extends TFloating> AttachedProbe attach(ProbeContext<T> ctx) {
    NetworkGraph<T> net = ctx.network();
    for (String p : points) {
      net.checkPoint(p);
    }
    TfSession<T> s = ctx.session();
    Ops tf = s.tf();
    Placeholder<TFloat64> theta = tf.withName(s.uniqueName("theta")).placeholder(TFloat64.class, Placeholder.shape(Shape.of(-1)));
    int m = family.nuisanceCount();
    List<Operand<T>> sens = new ArrayList<>();
    if (method == Method.EXACT) {
      Operand<TFloat64>[] rendered = family.renderWithTangent(tf, theta);
      Operand<TFloat64> images = rendered[0];
      Operand<TFloat64> tangent = rendered[1];
      List<Dual<T>> duals = net.forwardWithTangent(adapt(ctx, images, true), adapt(ctx, tangent, false), points);
      for (Dual<T> d : duals) {
        sens.add(fisher(tf, d.tangent(), m));
      }
    } else {
      Operand<TFloat64> delta = tf.constant(step);
      Operand<T> plus = adapt(ctx, family.render(tf, tf.math.add(theta, delta)), true);
      Operand<T> minus = adapt(ctx, family.render(tf, tf.math.sub(theta, delta)), true);
      for (String p : points) {
        Operand<T> dy = tf.math.div(tf.math.sub(net.forward(plus, p), net.forward(minus, p)), s.scalar(2 * step));
        sens.add(fisher(tf, dy, m));
      }
    }
    double[] grid = family.values();
    List<String> cols = columns();
    return new AttachedProbe.Simple(points, cols, () -> {
      double[][] rows = new double[points.size()][grid.length];
      for (int from = 0; from < grid.length; from += batch) {
        double[] chunk = Arrays.copyOfRange(grid, from, Math.min(grid.length, from + batch));
        Fetched f = s.runner().feedFloat64(theta, chunk, chunk.length).fetch(sens).run();
        for (int p = 0; p < points.size(); p++) {
          System.arraycopy(f.get(p), 0, rows[p], from, chunk.length);
        }
      }
      return rows;
    });
  }

  /** {@code (1/m) Σ_ν Σ_i ẏ²} per θ from tangents laid out θ-major. */
  private static <T extends TFloating> Operand<T> fisher(Ops tf, Operand<T> dy, int m) {
    int rank = dy.shape().numDimensions();
    int[] axes = new int[rank - 1];
    for (int i = 1; i < rank; i++) {
      axes[i - 1] = i;
    }
    Operand<T> perImage = tf.reduceSum(tf.math.square(dy), tf.constant(axes));              // [n · m]
    return tf.math.mean(tf.reshape(perImage, tf.constant(new long[] {-1, m})), tf.constant(1));
  }

  /** Images (or their tangents) as the network's inputs: channels matched, flattened if needed, typed, mean removed. */
  private <T extends TFloating> Operand<T> adapt(ProbeContext<T> ctx, Operand<TFloat64> images, boolean value) {
    NetworkGraph<T> net = ctx.network();
    Ops tf = ctx.session().tf();
    long[] in = net.inputShape();
    int h = family.height();
    int w = family.width();
    int c = family.channels();
    Operand<TFloat64> x = images;
    int want = in.length == 3 ? (int) in[2] : (in[0] == (long) h * w * c ? c : 1);
    if (in.length == 3 && (in[0] != h || in[1] != w)) {
      throw new IllegalArgumentException("stimulus '" + family.name() + "' renders " + h + "x" + w
          + " images, the network takes " + in[0] + "x" + in[1]);
    }
    if (in.length == 1 && in[0] != (long) h * w * c && in[0] != (long) h * w) {
      throw new IllegalArgumentException("stimulus '" + family.name() + "' renders " + h + "x" + w + "x" + c
          + " images, which do not fit network inputs of " + in[0] + " values");
    }
    if (want != c) {
      if (want == 1) {
        x = tf.math.mean(x, tf.constant(3), org.tensorflow.op.math.Mean.keepDims(true));   // the authors' grey
      } else if (c == 1) {
        x = tf.concat(java.util.Collections.nCopies(want, x), tf.constant(3));
      } else {
        throw new IllegalArgumentException("cannot map " + c + " stimulus channels to " + want + " network channels");
      }
    }
    if (in.length == 1) {
      x = tf.reshape(x, tf.constant(new long[] {-1, in[0]}));
    }
    Operand<T> typed = tf.dtypes.cast(x, ctx.session().type());
    Dataset data = ctx.data();
    if (value && subtractDataMean && data != null && in.length == 1 && data.dim() == in[0]) {
      typed = tf.math.sub(typed, ctx.session().vector(data.pca().mean()));
    }
    return typed;
  }
}
