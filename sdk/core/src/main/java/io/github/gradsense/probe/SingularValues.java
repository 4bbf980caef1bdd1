package io.github.gradsense.probe;

import static io.github.gradsense.internal.Checks.checkRange;

import io.github.gradsense.network.LinearNetworkGraph;
import io.github.gradsense.runtime.Matrix;
import io.github.gradsense.runtime.TfSession;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.tensorflow.Operand;
import org.tensorflow.op.linalg.Svd;
import org.tensorflow.types.family.TFloating;

/**
 * Singular values of the end-to-end map {@code M = U S Vᵀ} and how its right singular vectors
 * align with the data's PCs. Columns, for {@code k = 1 … K}:
 * <ul>
 *   <li>{@code sigma_k}: the k-th largest singular value;</li>
 *   <li>{@code cos_k}: {@code max_i |v_i · p_k|}, PC k against its best-matching single right
 *       singular vector;</li>
 *   <li>{@code align_k}: {@code ‖V_cᵀ p_k‖}, the cosine of the principal angle between PC k and the
 *       span of the singular vectors whose singular values lie within
 *       {@code clusterTolerance · σ_max} of that best match's. Singular vectors of (near-)equal
 *       singular values are defined only up to a rotation of their subspace, so for
 *       near-degenerate modes this is the meaningful alignment; for an isolated singular value it
 *       equals {@code cos_k}.</li>
 * </ul>
 *
 * <p>Why a tolerance: from a random start, two PCs of nearly equal variance are learned together
 * and the start's residue couples them, an off-diagonal {@code (P M Pᵀ)_jk} of a few hundredths
 * (measured 0.01–0.03 on 16×16 natural patches, hidden width 256); it rotates their singular
 * vectors within the pair's plane and splits their singular values by about twice that. The default
 * {@code 0.1} treats such pairs as the one subspace they are.
 *
 * <pre>{@code
 * Probe svd = Probes.singularValues(10).logSpaced(40);
 * }</pre>
 *
 * @param components number of leading PCs and singular values reported
 * @param clusterTolerance relative gap under which singular values count as degenerate, in [0, 1]
 * @param schedule when to fire
 */
public record SingularValues(int components, double clusterTolerance, Schedule schedule) implements Probe {

  /** Validates the fields. */
  public SingularValues {
    checkRange("components", components, 1, 1 << 24);
    checkRange("clusterTolerance", clusterTolerance, 0.0, 1.0);
    Objects.requireNonNull(schedule, "schedule");
  }

  @Override
  public SingularValues on(Schedule s) {
    return new SingularValues(components, clusterTolerance, s);
  }

  /** With another degeneracy tolerance. */
  public SingularValues clusterTolerance(double tolerance) {
    return new SingularValues(components, tolerance, schedule);
  }

  @Override
  public void check(int dataDim, List<String> probePoints) {
    LinearProbes.checkComponents(name(), components, dataDim);
  }

  @Override
  public String name() {
    return "singular-values";
  }

  @Override
  public <T extends TFloating> AttachedProbe attach(ProbeContext<T> ctx) {
    LinearNetworkGraph<T> net = LinearProbes.linear(ctx.network(), name());
    int d = ctx.requireData(name()).dim();
    LinearProbes.checkComponents(name(), components, d);
    TfSession<T> s = ctx.session();
    Svd<T> svd = s.tf().linalg.svd(net.endToEnd(), Svd.computeUv(true), Svd.fullMatrices(false));
    List<Operand<?>> fetches = List.of(svd.s(), svd.v());
    Matrix pcs = ctx.requireData(name()).pca().top(components);
    List<String> columns = new ArrayList<>();
    columns.addAll(LinearProbes.pcColumns("sigma", components));
    columns.addAll(LinearProbes.pcColumns("cos", components));
    columns.addAll(LinearProbes.pcColumns("align", components));
    return AttachedProbe.of(s, "", columns, fetches, f -> row(f.get(0), f.get(1), pcs, components, d, clusterTolerance));
  }

  /**
   * {@code sigma_k}, {@code cos_k}, {@code align_k} from the singular values and the right singular
   * vectors {@code v} (row-major {@code d x r}, columns are the vectors).
   */
  static double[] row(double[] sigma, double[] v, Matrix pcs, int k, int d, double tol) {
    int r = sigma.length;
    double[] out = new double[3 * k];
    for (int j = 0; j < k; j++) {
      out[j] = j < r ? sigma[j] : 0;
    }
    double top = r == 0 ? 0 : sigma[0];
    for (int j = 0; j < k; j++) {
      double[] p = pcs.row(j);
      double[] c = new double[r];
      int best = 0;
      for (int i = 0; i < r; i++) {
        double dot = 0;
        for (int x = 0; x < d; x++) {
          dot += v[x * r + i] * p[x];
        }
        c[i] = dot;
        if (Math.abs(dot) > Math.abs(c[best])) {
          best = i;
        }
      }
      double sum = 0;
      for (int i = 0; i < r; i++) {
        if (Math.abs(sigma[i] - sigma[best]) <= tol * top) {
          sum += c[i] * c[i];
        }
      }
      out[k + j] = Math.abs(c[best]);
      out[2 * k + j] = Math.min(1.0, Math.sqrt(sum));
    }
    return out;
  }
}
