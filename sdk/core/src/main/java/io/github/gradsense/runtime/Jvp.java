package io.github.gradsense.runtime;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.types.family.TType;

/**
 * Forward-mode derivatives in graph mode, by double backward: with a dummy cotangent {@code u},
 * {@code g(u) = Jᵀu} is TensorFlow's reverse-mode gradient of {@code y} at {@code x}; {@code g} is
 * linear in {@code u}, so its own gradient along {@code t} gives {@code J t}, the directional
 * derivative of {@code y} along the tangent {@code t}. Exact to rounding; every op on the path needs
 * a second-order gradient (MatMul, Mul, Sin, Cos, Exp, Min/Max reductions have one).
 *
 * <pre>{@code
 * Operand<T> dy = Jvp.of(session.tf(), y, x, tangent);     // same shape as y
 * }</pre>
 */
public final class Jvp {
  private Jvp() {}

  /** {@code J t}: the derivative of {@code y} along {@code tangent} at {@code x} (tangent shaped as x). */
  public static <U extends TType> Operand<U> of(Ops tf, Operand<U> y, Operand<U> x, Operand<U> tangent) {
    Operand<U> u = tf.zerosLike(y);
    Gradients back = tf.gradients(List.of(y), List.of(x), Gradients.dx(List.of(u)));
    Operand<U> g = back.dy(0);
    Gradients forward = tf.gradients(List.of(g), List.of(u), Gradients.dx(List.of(tangent)));
    return forward.dy(0);
  }
}
