package io.github.gradsense.network;

import io.github.gradsense.runtime.Matrix;

/**
 * Initial values of one weight matrix. Built-ins: {@link UniformInit} (the authors' {@code ±s/2}),
 * {@link NormalInit} and {@link AlignedBalancedInit} (the theory's aligned, balanced start). A
 * lambda works too:
 *
 * <pre>{@code
 * WeightInit zeros = request -> Matrix.zeros(request.rows(), request.cols());
 * }</pre>
 */
@FunctionalInterface
public interface WeightInit {

  /** The {@code request.rows() x request.cols()} initial values of one factor. */
  Matrix initialise(InitRequest request);
}
