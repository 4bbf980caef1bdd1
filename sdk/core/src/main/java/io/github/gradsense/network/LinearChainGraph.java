package io.github.gradsense.network;

import io.github.gradsense.runtime.LinearAlgebra;
import io.github.gradsense.runtime.Matrix;
import io.github.gradsense.runtime.RuntimeConfig;
import io.github.gradsense.internal.Seeds;
import io.github.gradsense.runtime.TfSession;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.types.family.TFloating;

/**
 * The graph of a bias-free linear chain. When the context asks for it, the variables hold the
 * factors rotated into the data's PC basis {@code P} (rows = PCs): {@code S_1 = W_1 Pᵀ},
 * {@code S_N = P W_N} (tied: {@code S = W Pᵀ}). Gradient descent is equivariant under this
 * orthogonal change of variables, so the trajectory of {@code M} is the same; the pixel-basis
 * factors are rebuilt on demand for probes.
 */
final class LinearChainGraph<T extends TFloating> implements LinearNetworkGraph<T> {
  private final TfSession<T> s;
  private final Ops tf;
  private final int[] widths;
  private final boolean tied;
  private final List<Variable<T>> stored = new ArrayList<>();
  private final @Nullable Operand<T> basis;
  private final List<String> points = new ArrayList<>();
  private final Map<Integer, Operand<T>> factors = new HashMap<>();
  private @Nullable Operand<T> endToEnd;
  private @Nullable Operand<T> endToEndStored;

  LinearChainGraph(TfSession<T> session, int[] widths, boolean tied, WeightInit init, NetworkContext ctx) {
    this.s = session;
    this.tf = session.tf();
    this.widths = widths.clone();
    this.tied = tied;
    int count = tied ? 1 : widths.length - 1;
    int in = widths[0];
    int out = tied ? in : widths[widths.length - 1];
    boolean rotate = ctx.storeInDataBasis() && in == out;
    RuntimeConfig hostConfig = session.config();
    Matrix p = rotate ? ctx.dataBasis().components() : null;
    for (int i = 1; i <= count; i++) {
      int rows = widths[i];
      int cols = widths[i - 1];
      InitRequest req = new InitRequest(i, tied ? 2 : count, rows, cols, tied,
          Seeds.random(ctx.seed(), "init-factor-" + i), ctx.dataBasis());
      Matrix w = init.initialise(req);
      if (w.rows() != rows || w.cols() != cols) {
        throw new IllegalStateException(
            "initialiser returned " + w + " for factor " + i + ", expected " + rows + "x" + cols);
      }
      if (p != null) {
        if (tied || i == 1) {
          w = LinearAlgebra.multiply(w, p, false, true, hostConfig);            // W Pᵀ
        }
        if (!tied && i == count) {
          w = LinearAlgebra.multiply(p, w, false, false, hostConfig);           // P W
        }
      }
      stored.add(session.variable("W" + i, w));
    }
    this.basis = p == null ? null : session.constant(p);
    for (int i = 1; i < (tied ? 2 : count); i++) {
      points.add("hidden" + i);
    }
    points.add("output");
  }

  @Override
  public List<Variable<T>> parameters() {
    return List.copyOf(stored);
  }

  @Override
  public List<String> probePoints() {
    return List.copyOf(points);
  }

  @Override
  public int inputDim() {
    return widths[0];
  }

  @Override
  public int outputDim() {
    return tied ? widths[0] : widths[widths.length - 1];
  }

  @Override
  public int width(String point) {
    checkPoint(point);
    if (point.equals("output")) {
      return outputDim();
    }
    return widths[Integer.parseInt(point.substring("hidden".length()))];
  }

  @Override
  public boolean tied() {
    return tied;
  }

  @Override
  public boolean storedInDataBasis() {
    return basis != null;
  }

  @Override
  public int factorCount() {
    return stored.size();
  }

  @Override
  public Operand<T> factor(int i) {
    if (i < 1 || i > stored.size()) {
      throw new IllegalArgumentException("factor must be in [1, " + stored.size() + "], got " + i);
    }
    return factors.computeIfAbsent(i, k -> {
      Operand<T> w = stored.get(k - 1);
      if (basis == null) {
        return w;
      }
      int n = stored.size();
      if (tied || k == 1) {
        w = tf.linalg.matMul(w, basis);                                 // W = S P
      }
      if (!tied && k == n) {
        w = tf.linalg.matMul(basis, w, MatMul.transposeA(true));        // W = Pᵀ S
      }
      return w;
    });
  }

  @Override
  public Operand<T> endToEnd() {
    if (endToEnd == null) {
      endToEnd = product(true);
    }
    return endToEnd;
  }

  @Override
  public Operand<T> endToEndStored() {
    if (endToEndStored == null) {
      endToEndStored = product(false);
    }
    return endToEndStored;
  }

  private Operand<T> product(boolean pixelBasis) {
    if (tied) {
      Operand<T> w = pixelBasis ? factor(1) : stored.get(0);
      return tf.linalg.matMul(w, w, MatMul.transposeA(true));
    }
    Operand<T> m = pixelBasis ? factor(1) : stored.get(0);
    for (int i = 2; i <= stored.size(); i++) {
      m = tf.linalg.matMul(pixelBasis ? factor(i) : stored.get(i - 1), m);
    }
    return m;
  }

  @Override
  public Operand<T> forward(Operand<T> x, String point) {
    checkPoint(point);
    int upTo = point.equals("output") ? (tied ? 2 : stored.size()) : Integer.parseInt(point.substring("hidden".length()));
    Operand<T> h = x;
    for (int i = 1; i <= upTo; i++) {
      if (tied) {
        h = i == 1
            ? tf.linalg.matMul(h, factor(1), MatMul.transposeB(true))  // x Wᵀ
            : tf.linalg.matMul(h, factor(1));                          // h W
      } else {
        h = tf.linalg.matMul(h, factor(i), MatMul.transposeB(true));
      }
    }
    return h;
  }

  @Override
  public String toString() {
    return "LinearChainGraph" + java.util.Arrays.toString(widths) + (tied ? " tied" : "");
  }

  @Override
  public TfSession<T> session() {
    return s;
  }

  /** A linear, bias-free chain maps tangents as it maps inputs. */
  @Override
  public List<Dual<T>> forwardWithTangent(Operand<T> x, Operand<T> tangent, List<String> points) {
    List<Dual<T>> out = new ArrayList<>();
    for (String p : points) {
      out.add(new Dual<>(forward(x, p), forward(tangent, p)));
    }
    return out;
  }
}
