package io.github.gradsense.network;

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

  /** Width of an input sample. */
  int inputDim();

  /** Width of the activations at {@code point}. */
  int width(String point);

  /** The activations at {@code point} for a batch {@code x} (rows are samples). */
  Operand<T> forward(Operand<T> x, String point);

  /** Fails with the list of valid names unless {@code point} is a probe point. */
  default void checkPoint(String point) {
    if (!probePoints().contains(point)) {
      throw new IllegalArgumentException(
          "unknown probe point '" + point + "'; valid probe points: " + String.join(", ", probePoints()));
    }
  }
}
