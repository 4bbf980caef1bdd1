package io.github.gradsense.network;

import org.tensorflow.Operand;
import org.tensorflow.types.family.TType;

/**
 * An activation and its directional derivative along an input tangent: the pair that forward-mode
 * differentiation carries through a network, layer by layer.
 *
 * <pre>{@code
 * List<Dual<T>> at = graph.forwardWithTangent(x, dxdTheta, List.of("conv1", "output"));
 * Operand<T> dy = at.get(1).tangent();         // ∂(output)/∂θ
 * }</pre>
 *
 * @param value the activation {@code y(x)}
 * @param tangent {@code J_y(x) · ẋ}, shaped as {@code value}
 * @param <T> the tensor type
 */
public record Dual<T extends TType>(Operand<T> value, Operand<T> tangent) {}
