package io.github.gradsense.network;

import io.github.gradsense.runtime.Matrix;
import io.github.gradsense.internal.Seeds;
import io.github.gradsense.runtime.TfSession;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.types.family.TFloating;

/** The graph of {@link Pathways}: variables {@code pathway<a>_W<i>}, pathway-major, input side first. */
final class PathwaysGraph<T extends TFloating> implements PathwayNetworkGraph<T> {
  private final TfSession<T> s;
  private final Ops tf;
  private final Pathways spec;
  private final int inputDim;
  private final List<List<Variable<T>>> weights = new ArrayList<>();
  private final List<String> points;

  PathwaysGraph(TfSession<T> session, Pathways spec, NetworkContext ctx) {
    this.s = session;
    this.tf = session.tf();
    this.spec = spec;
    this.inputDim = ctx.inputDim();
    this.points = spec.probePoints();
    for (int a = 1; a <= spec.pathways(); a++) {
      List<Variable<T>> chain = new ArrayList<>();
      for (int i = 1; i <= spec.depth(); i++) {
        int rows = i == spec.depth() ? spec.outputs() : spec.width();
        int cols = i == 1 ? inputDim : spec.width();
        InitRequest req = new InitRequest(i, spec.depth(), rows, cols, false,
            Seeds.random(ctx.seed(), "pathway-" + a + "-factor-" + i), null);
        Matrix w = spec.init().initialise(req);
        if (w.rows() != rows || w.cols() != cols) {
          throw new IllegalStateException("initialiser returned " + w + " for pathway " + a + " factor " + i
              + ", expected " + rows + "x" + cols);
        }
        chain.add(session.variable("pathway" + a + "_W" + i, w));
      }
      weights.add(chain);
    }
  }

  @Override
  public List<Variable<T>> parameters() {
    List<Variable<T>> all = new ArrayList<>();
    weights.forEach(all::addAll);
    return all;
  }

  @Override
  public List<String> probePoints() {
    return points;
  }

  @Override
  public int inputDim() {
    return inputDim;
  }

  @Override
  public TfSession<T> session() {
    return s;
  }

  @Override
  public int pathways() {
    return spec.pathways();
  }

  @Override
  public int width(String point) {
    checkPoint(point);
    return point.endsWith("-out") || point.equals("output") ? spec.outputs() : spec.width();
  }

  @Override
  public Operand<T> pathway(Operand<T> x, int a) {
    if (a < 1 || a > spec.pathways()) {
      throw new IllegalArgumentException("pathway must be in [1, " + spec.pathways() + "], got " + a);
    }
    return forward(x, "pathway" + a + "-out");
  }

  @Override
  public Operand<T> forward(Operand<T> x, String point) {
    return compute(x, null, List.of(point)).get(0).value();
  }

  /** Linear maps carry tangents as inputs; ReLU masks them; tanh scales them by {@code 1 − y²}. */
  @Override
  public List<Dual<T>> forwardWithTangent(Operand<T> x, Operand<T> tangent, List<String> wanted) {
    List<Dual<T>> out = new ArrayList<>();
    for (Pair<T> p : compute(x, tangent, wanted)) {
      out.add(new Dual<>(p.value(), java.util.Objects.requireNonNull(p.tangent())));
    }
    return out;
  }

  private record Pair<T extends TFloating>(Operand<T> value, @Nullable Operand<T> tangent) {}

  private List<Pair<T>> compute(Operand<T> x, @Nullable Operand<T> tangent, List<String> wanted) {
    for (String p : wanted) {
      checkPoint(p);
    }
    List<Pair<T>> out = new ArrayList<>();
    @Nullable Operand<T> sum = null;
    @Nullable Operand<T> sumTangent = null;
    java.util.Map<String, Pair<T>> at = new java.util.HashMap<>();
    boolean needAll = wanted.contains("output");
    for (int a = 1; a <= spec.pathways(); a++) {
      String prefix = "pathway" + a + "-";
      boolean needed = needAll || wanted.stream().anyMatch(p -> p.startsWith(prefix));
      if (!needed) {
        continue;
      }
      Operand<T> h = x;
      @Nullable Operand<T> t = tangent;
      for (int i = 1; i <= spec.depth(); i++) {
        Variable<T> w = weights.get(a - 1).get(i - 1);
        h = tf.linalg.matMul(h, w, MatMul.transposeB(true));
        t = t == null ? null : tf.linalg.matMul(t, w, MatMul.transposeB(true));
        switch (spec.activation()) {
          case RELU -> {
            t = t == null ? null : tf.math.mul(t, tf.dtypes.cast(tf.math.greater(h, s.scalar(0)), s.type()));
            h = tf.nn.relu(h);
          }
          case TANH -> {
            h = tf.math.tanh(h);
            t = t == null ? null : tf.math.mul(t, tf.math.sub(s.scalar(1), tf.math.square(h)));
          }
          case LINEAR -> { }
        }
        at.put(prefix + (i == spec.depth() ? "out" : "hidden" + i), new Pair<>(h, t));
      }
      if (needAll) {
        sum = sum == null ? h : tf.math.add(sum, h);
        sumTangent = t == null ? null : (sumTangent == null ? t : tf.math.add(sumTangent, t));
      }
    }
    if (needAll) {
      at.put("output", new Pair<>(java.util.Objects.requireNonNull(sum), sumTangent));
    }
    for (String p : wanted) {
      out.add(at.get(p));
    }
    return out;
  }

  @Override
  public String toString() {
    return "PathwaysGraph" + spec;
  }
}
