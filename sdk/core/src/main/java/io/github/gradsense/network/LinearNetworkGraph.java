package io.github.gradsense.network;

import org.tensorflow.Operand;
import org.tensorflow.types.family.TFloating;

/**
 * A linear chain in a graph: {@code y = M x} with {@code M = W_N ⋯ W_1} (or {@code WᵀW} when tied),
 * which the linear-network trainers and probes read directly.
 *
 * <pre>{@code
 * Operand<T> m = graph.endToEnd();       // out x in, in the data's pixel basis
 * }</pre>
 *
 * @param <T> the graph's floating-point type
 */
public interface LinearNetworkGraph<T extends TFloating> extends NetworkGraph<T> {

  /** The end-to-end map {@code M} ({@code outputDim x inputDim}), in the pixel basis. */
  Operand<T> endToEnd();

  /**
   * The end-to-end map in the basis the variables are stored in: {@code P M Pᵀ} when stored in the
   * data's PC basis, else {@code M}. Trainers differentiate this one.
   */
  Operand<T> endToEndStored();

  /** Whether variables are stored in the data's PC basis. */
  boolean storedInDataBasis();

  /** Number of weight matrices (1 for the tied {@code WᵀW}). */
  int factorCount();

  /** Weight matrix {@code i} (1-based, input side first), in the pixel basis. */
  Operand<T> factor(int i);

  /** Width of the output. */
  int outputDim();

  /** Whether this is the tied {@code WᵀW}. */
  boolean tied();
}
