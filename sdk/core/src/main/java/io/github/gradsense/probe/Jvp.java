package io.github.gradsense.probe;

import io.github.gradsense.runtime.TfSession;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.types.family.TFloating;

/**
 * Forward-mode derivatives in graph mode, by double backward: with a dummy cotangent {@code u},
 * {@code g(u) = Jᵀu} is TensorFlow's reverse-mode gradient of {@code y} at {@code x}; {@code g} is
 * linear in {@code u}, so its own gradient along {@code t} gives {@code J t}, the directional
 * derivative of {@code y} along the tangent {@code t}. Exact to rounding; every op on the path needs
 * a second-order gradient (MatMul has one).
 *
 * <pre>{@code
 * Operand<T> dy = Jvp.of(session, y, x, tangent);     // same shape as y
 * }</pre>
 */
public final class Jvp {
  private Jvp() {}

  /** {@code J t}: the derivative of {@code y} along {@code tangent} at {@code x} (tangent shaped as x). */
  public static <T extends TFloating> Operand<T> of(TfSession<T> s, Operand<T> y, Operand<T> x, Operand<T> tangent) {
    Ops tf = s.tf();
    Operand<T> u = tf.zeros(tf.shape(y), s.type());
    Gradients back = tf.gradients(List.of(y), List.of(x), Gradients.dx(List.of(u)));
    Operand<T> g = back.dy(0);
    Gradients forward = tf.gradients(List.of(g), List.of(u), Gradients.dx(List.of(tangent)));
    return forward.dy(0);
  }
}
