package io.github.gradsense.probe;

import static io.github.gradsense.internal.Checks.checkRange;

import io.github.gradsense.network.LinearNetworkGraph;
import io.github.gradsense.runtime.TfSession;
import java.util.List;
import java.util.Objects;
import org.tensorflow.Operand;
import org.tensorflow.types.family.TFloating;

/**
 * The strength of each PC in the end-to-end map, {@code u_k = p_kᵀ M p_k = (P M Pᵀ)_kk}: the
 * variable of the theory's per-mode dynamics (Saxe et al.; METHODS §C6), which grows from its
 * initial value to 1 along {@code du/dt = r u^(2−2/N) (1 − u)} when the PC is learned. Columns
 * {@code pc1 … pcK}.
 *
 * <pre>{@code
 * Probe u = Probes.modeStrength(20).every(5);
 * }</pre>
 *
 * @param components number of leading PCs, at least 1 and at most the data dimension
 * @param schedule when to fire
 */
public record ModeStrength(int components, Schedule schedule) implements Probe {

  /** Validates the fields. */
  public ModeStrength {
    checkRange("components", components, 1, 1 << 24);
    Objects.requireNonNull(schedule, "schedule");
  }

  @Override
  public ModeStrength on(Schedule s) {
    return new ModeStrength(components, s);
  }

  @Override
  public void check(int dataDim, List<String> probePoints) {
    LinearProbes.checkComponents(name(), components, dataDim);
  }

  @Override
  public String name() {
    return "mode-strength";
  }

  @Override
  public <T extends TFloating> AttachedProbe attach(ProbeContext<T> ctx) {
    LinearNetworkGraph<T> net = LinearProbes.linear(ctx.network(), name());
    LinearProbes.checkComponents(name(), components, ctx.requireData(name()).dim());
    TfSession<T> s = ctx.session();
    Operand<T> diag;
    if (net.storedInDataBasis()) {
      // P M Pᵀ is the stored product itself
      Operand<T> stored = net.endToEndStored();
      diag = s.tf().reduceSum(
          s.tf().math.mul(stored, s.identity(ctx.requireData(name()).dim())), s.tf().constant(1));
      diag = s.tf().slice(diag, s.tf().constant(new int[] {0}), s.tf().constant(new int[] {components}));
    } else {
      Operand<T> p = s.constant(ctx.requireData(name()).pca().top(components));
      Operand<T> pm = s.tf().linalg.matMul(p, net.endToEnd());
      diag = s.tf().reduceSum(s.tf().math.mul(pm, p), s.tf().constant(1));
    }
    return AttachedProbe.of(s, "", LinearProbes.pcColumns("pc", components), diag);
  }
}
