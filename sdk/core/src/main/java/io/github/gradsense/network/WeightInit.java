package io.github.gradsense.network;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.github.gradsense.runtime.Matrix;

/**
 * Initial values of one weight matrix. Built-ins: {@link UniformInit} (the authors' {@code ±s/2}),
 * {@link NormalInit} and {@link AlignedBalancedInit} (the theory's aligned, balanced start). A
 * lambda works too:
 *
 * <pre>{@code
 * WeightInit zeros = request -> Matrix.zeros(request.rows(), request.cols());
 * }</pre>
 *
 * <p>Its JSON {@code "type"} names are a closed list: {@code uniform, normal, aligned-balanced, mode-aligned, fixed}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = UniformInit.class, name = "uniform"),
    @JsonSubTypes.Type(value = NormalInit.class, name = "normal"),
    @JsonSubTypes.Type(value = AlignedBalancedInit.class, name = "aligned-balanced"),
    @JsonSubTypes.Type(value = ModeAlignedInit.class, name = "mode-aligned"),
    @JsonSubTypes.Type(value = FixedInit.class, name = "fixed")
})
@FunctionalInterface
public interface WeightInit {

  /** The {@code request.rows() x request.cols()} initial values of one factor. */
  Matrix initialise(InitRequest request);
}
