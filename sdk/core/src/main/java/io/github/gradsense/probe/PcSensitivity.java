package io.github.gradsense.probe;

import static io.github.gradsense.internal.Checks.checkPositive;
import static io.github.gradsense.internal.Checks.checkRange;

import io.github.gradsense.network.NetworkGraph;
import io.github.gradsense.runtime.Jvp;
import io.github.gradsense.runtime.TfSession;
import java.util.List;
import java.util.Objects;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/**
 * Sensitivity of a probe point to moving the input along each PC:
 * {@code D(y; p_k) = Σ_i (∂y_i/∂α)²} for {@code x(α) = x₀ + α p_k}, the Fisher information of
 * {@code y} about {@code α} under unit Gaussian noise. {@link Method#EXACT} computes {@code ∂y/∂α}
 * as a Jacobian-vector product ({@link Jvp}); {@link Method#FINITE_DIFFERENCE} as the central
 * difference {@code (y(x₀+εp) − y(x₀−εp)) / 2ε}, a cross-check. The base point is the (mean-removed)
 * data mean, {@code x₀ = 0}; for a linear network the result does not depend on it.
 *
 * <p>For a linear chain, {@code D(output; p_k) = ‖M p_k‖² = (P MᵀM Pᵀ)_kk}, and for the tied
 * {@code WᵀW}, {@code D(hidden1; p_k) = ‖W p_k‖² = (P M Pᵀ)_kk}: the "proportion learned" is the
 * sensitivity of the hidden code to that PC (METHODS §C6). Columns {@code pc1 … pcK}.
 *
 * <pre>{@code
 * Probe hidden = Probes.pcSensitivity(10).at("hidden1");
 * Probe checked = Probes.pcSensitivity(10).finiteDifference(1e-4);
 * }</pre>
 *
 * @param components number of leading PCs
 * @param point the probe point
 * @param method exact or finite difference
 * @param epsilon step of the finite difference, &gt; 0
 * @param schedule when to fire
 */
public record PcSensitivity(int components, String point, Method method, double epsilon, Schedule schedule)
    implements Probe {

  /** How {@code ∂y/∂α} is computed. */
  public enum Method {
    /** Jacobian-vector product (double backward). */
    EXACT,
    /** Central finite difference with step {@code epsilon}. */
    FINITE_DIFFERENCE
  }

  /** Validates the fields. */
  public PcSensitivity {
    checkRange("components", components, 1, 1 << 24);
    Objects.requireNonNull(point, "point");
    Objects.requireNonNull(method, "method");
    checkPositive("epsilon", epsilon);
    Objects.requireNonNull(schedule, "schedule");
  }

  /** At probe point {@code name}. */
  public PcSensitivity at(String name) {
    return new PcSensitivity(components, name, method, epsilon, schedule);
  }

  /** By central finite differences with step {@code eps}. */
  public PcSensitivity finiteDifference(double eps) {
    return new PcSensitivity(components, point, Method.FINITE_DIFFERENCE, eps, schedule);
  }

  @Override
  public PcSensitivity on(Schedule s) {
    return new PcSensitivity(components, point, method, epsilon, s);
  }

  @Override
  public void check(int dataDim, List<String> probePoints) {
    LinearProbes.checkComponents(name(), components, dataDim);
    if (!probePoints.contains(point)) {
      throw new IllegalArgumentException(
          "unknown probe point '" + point + "'; valid probe points: " + String.join(", ", probePoints));
    }
  }

  @Override
  public String name() {
    return "pc-sensitivity-" + point + (method == Method.FINITE_DIFFERENCE ? "-fd" : "");
  }

  @Override
  public <T extends TFloating> AttachedProbe attach(ProbeContext<T> ctx) {
    NetworkGraph<T> net = ctx.network();
    net.checkPoint(point);
    int d = ctx.requireData(name()).dim();
    LinearProbes.checkComponents(name(), components, d);
    TfSession<T> s = ctx.session();
    Ops tf = s.tf();
    Operand<T> tangent = s.constant(ctx.requireData(name()).pca().top(components));
    Operand<T> x0 = s.constant(new double[components * d], components, d);
    Operand<T> dy;
    if (method == Method.EXACT) {
      Operand<T> y = net.forward(x0, point);
      dy = Jvp.of(s.tf(), y, x0, tangent);
    } else {
      Operand<T> step = tf.math.mul(tangent, s.scalar(epsilon));
      Operand<T> plus = net.forward(tf.math.add(x0, step), point);
      Operand<T> minus = net.forward(tf.math.sub(x0, step), point);
      dy = tf.math.div(tf.math.sub(plus, minus), s.scalar(2 * epsilon));
    }
    Operand<T> sens = tf.reduceSum(tf.math.square(dy), tf.constant(1));
    return AttachedProbe.of(s, point, LinearProbes.pcColumns("pc", components), sens);
  }
}
