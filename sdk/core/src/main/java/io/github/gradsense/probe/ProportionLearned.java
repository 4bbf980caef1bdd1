package io.github.gradsense.probe;

import static io.github.gradsense.internal.Checks.checkRange;

import io.github.gradsense.network.LinearNetworkGraph;
import io.github.gradsense.runtime.TfSession;
import java.util.List;
import java.util.Objects;
import org.tensorflow.Operand;
import org.tensorflow.types.family.TFloating;

/**
 * The authors' logged "proportion learned" of each PC (METHODS §C5): {@code diag(P M Pᵀ)} for the
 * tied {@code WᵀW}, {@code diag(P M Mᵀ Pᵀ) = ‖Mᵀ p_k‖²} for untied chains (≈ {@code u_k²} once
 * aligned). Columns {@code pc1 … pcK}.
 *
 * <pre>{@code
 * Probe learned = Probes.proportionLearned(50).every(7);    // once per epoch at batch 16,384
 * }</pre>
 *
 * @param components number of leading PCs
 * @param schedule when to fire
 */
public record ProportionLearned(int components, Schedule schedule) implements Probe {

  /** Validates the fields. */
  public ProportionLearned {
    checkRange("components", components, 1, 1 << 24);
    Objects.requireNonNull(schedule, "schedule");
  }

  @Override
  public ProportionLearned on(Schedule s) {
    return new ProportionLearned(components, s);
  }

  @Override
  public void check(int dataDim, List<String> probePoints) {
    LinearProbes.checkComponents(name(), components, dataDim);
  }

  @Override
  public String name() {
    return "proportion-learned";
  }

  @Override
  public <T extends TFloating> AttachedProbe attach(ProbeContext<T> ctx) {
    LinearNetworkGraph<T> net = LinearProbes.linear(ctx.network(), name());
    LinearProbes.checkComponents(name(), components, ctx.requireData(name()).dim());
    TfSession<T> s = ctx.session();
    Operand<T> p = s.constant(ctx.requireData(name()).pca().top(components));
    Operand<T> pm = s.tf().linalg.matMul(p, net.endToEnd());
    Operand<T> diag = net.tied()
        ? s.tf().reduceSum(s.tf().math.mul(pm, p), s.tf().constant(1))
        : s.tf().reduceSum(s.tf().math.square(pm), s.tf().constant(1));
    return AttachedProbe.of(s, "", LinearProbes.pcColumns("pc", components), diag);
  }
}
