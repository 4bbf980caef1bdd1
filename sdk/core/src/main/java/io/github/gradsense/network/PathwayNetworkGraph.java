package io.github.gradsense.network;

import org.tensorflow.Operand;
import org.tensorflow.types.family.TFloating;

/**
 * A network of parallel pathways in a graph, whose pathways can be read one at a time (what
 * {@code Probes.pathwayShare()} needs: pathway {@code a}'s map {@code Ω_a}).
 *
 * <pre>{@code
 * Operand<T> alone = graph.pathway(x, 1);      // pathway 1's output for the batch x
 * }</pre>
 *
 * @param <T> the graph's floating-point type
 */
public interface PathwayNetworkGraph<T extends TFloating> extends NetworkGraph<T> {

  /** Number of pathways. */
  int pathways();

  /** Pathway {@code a}'s output alone (1-based) for the batch {@code x}. */
  Operand<T> pathway(Operand<T> x, int a);
}
