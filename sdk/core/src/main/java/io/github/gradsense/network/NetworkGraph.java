package io.github.gradsense.network;

import io.github.gradsense.runtime.Jvp;
import io.github.gradsense.runtime.TfSession;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.family.TFloating;

/**
 * A network built in a graph: its trainable variables and its named probe points. Inputs are
 * batches with one sample per row.
 *
 * <pre>{@code
 * Operand<T> hidden = graph.forward(x, "hidden1");
 * }</pre>
 *
 * @param <T> the graph's floating-point type
 */
public interface NetworkGraph<T extends TFloating> {

  /** The trainable variables, in a stable order. */
  List<Variable<T>> parameters();

  /** Names of the probe points, input side first; the last is {@code "output"}. */
  List<String> probePoints();

  /** Width of an input sample (the product of {@link #inputShape()}). */
  int inputDim();

  /** Shape of one input sample: {@code [d]} for vectors, {@code [H, W, C]} for images. */
  default long[] inputShape() {
    return new long[] {inputDim()};
  }

  /** The session this graph lives in. */
  TfSession<T> session();

  /** Width of the activations at {@code point}. */
  int width(String point);

  /** The activations at {@code point} for a batch {@code x} (rows are samples). */
  Operand<T> forward(Operand<T> x, String point);

  /**
   * The activations at {@code points} for the batch {@code x} and their directional derivatives
   * along {@code tangent} (shaped as {@code x}), in one pass. This default differentiates each
   * point by double backward ({@link Jvp}), which needs second-order gradients for every op on the
   * path (TensorFlow has none for ReluGrad, MaxPoolGrad, TanhGrad, …); the built-in networks
   * override it with per-layer tangent rules.
   */
  default List<Dual<T>> forwardWithTangent(Operand<T> x, Operand<T> tangent, List<String> points) {
    List<Dual<T>> out = new ArrayList<>();
    for (String p : points) {
      Operand<T> y = forward(x, p);
      out.add(new Dual<>(y, Jvp.of(session().tf(), y, x, tangent)));
    }
    return out;
  }

  /** Fails with the list of valid names unless {@code point} is a probe point. */
  default void checkPoint(String point) {
    if (!probePoints().contains(point)) {
      throw new IllegalArgumentException(
          "unknown probe point '" + point + "'; valid probe points: " + String.join(", ", probePoints()));
    }
  }
}
