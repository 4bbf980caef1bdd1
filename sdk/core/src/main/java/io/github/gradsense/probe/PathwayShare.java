package io.github.gradsense.probe;

import static io.github.gradsense.internal.Checks.checkRange;

import io.github.gradsense.analysis.PathwayConcentration;
import io.github.gradsense.data.RegressionData;
import io.github.gradsense.network.PathwayNetworkGraph;
import io.github.gradsense.runtime.LinearAlgebra;
import io.github.gradsense.runtime.Matrix;
import io.github.gradsense.runtime.RuntimeConfig;
import io.github.gradsense.runtime.TfSession;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.types.family.TFloating;

/**
 * How much of each input–output mode every pathway carries (Shi et al. 2022; METHODS §F4). With the
 * task's correlation {@code Σ_yx = Yᵀ X = U S Vᵀ}, pathway {@code a}'s map {@code Ω_a} is read by
 * passing the task's inputs through that pathway alone ({@code Ω_a = Ŷ_aᵀ X}), and its mode matrix
 * is {@code K_a = Uᵀ Ω_a V}; at convergence {@code Σ_a K_a = diag(S')}, the fitted singular values.
 *
 * <p>Columns, for each mode {@code α} (1-based, largest singular value first):
 * {@code m<α>-k<a>} ({@code K_a(α, α)}) for every pathway, {@code m<α>-c} (concentration: for two
 * pathways {@code |K_1 − K_2| / (|K_1| + |K_2|)}, 0 = shared equally, 1 = one pathway only; for
 * {@code K > 2} pathways {@code (K·share − 1)/(K − 1)}) and {@code m<α>-share} (the dominant
 * pathway's share {@code max_a |K_a| / Σ_a |K_a|}).
 *
 * <p><b>Degenerate singular values.</b> Inside a block of equal singular values (relative
 * tolerance {@code degeneracyTolerance}) the SVD basis is arbitrary, so the per-mode entries there
 * depend on the LAPACK build, not on the network. Each such block also gets basis-independent
 * columns {@code b<first>-<last>-k<a>} (the trace of {@code K_a} over the block, invariant under
 * the block's rotations), {@code b<first>-<last>-c} and {@code b<first>-<last>-share}; test on
 * these or on the non-degenerate modes ({@link Modes#nonDegenerate()}).
 *
 * <p>With {@link #withMatrices()} the full matrices are logged too, as {@code k<a>[i,j]}.
 *
 * <pre>{@code
 * Probe share = Probes.pathwayShare().every(100);
 * double c1 = results.series("pathway-share").last("m1-c");
 * }</pre>
 *
 * @param schedule when to fire
 * @param degeneracyTolerance singular values within this fraction of the largest are one block, in [0, 0.5]
 * @param matrices also log every entry of every {@code K_a}
 */
public record PathwayShare(Schedule schedule, double degeneracyTolerance, boolean matrices) implements Probe {

  /** Validates the fields. */
  public PathwayShare {
    Objects.requireNonNull(schedule, "schedule");
    checkRange("degeneracyTolerance", degeneracyTolerance, 0.0, 0.5);
  }

  @Override
  public PathwayShare on(Schedule s) {
    return new PathwayShare(s, degeneracyTolerance, matrices);
  }

  /** Also logs every entry of every {@code K_a}. */
  public PathwayShare withMatrices() {
    return new PathwayShare(schedule, degeneracyTolerance, true);
  }

  @Override
  public String name() {
    return "pathway-share";
  }

  /**
   * The modes of a correlation matrix: its SVD, blocks of equal singular values (each as
   * {@code [first, last]}, 0-based, inclusive) and the rank kept (singular values above the
   * tolerance times the largest).
   *
   * @param svd the decomposition
   * @param blocks the blocks, in order
   */
  public record Modes(LinearAlgebra.Decomposition svd, List<int[]> blocks) {

    /** The modes of {@code correlation}, singular values within {@code tolerance × s₁} grouped. */
    public static Modes of(Matrix correlation, double tolerance, RuntimeConfig config) {
      LinearAlgebra.Decomposition d = LinearAlgebra.svd(correlation, config);
      double[] s = d.s();
      double floor = Math.max(tolerance, 1e-12) * s[0];
      int rank = 0;
      while (rank < s.length && s[rank] > floor) {
        rank++;
      }
      List<int[]> blocks = new ArrayList<>();
      int start = 0;
      for (int i = 1; i <= rank; i++) {
        if (i == rank || s[start] - s[i] > tolerance * s[0]) {
          blocks.add(new int[] {start, i - 1});
          start = i;
        }
      }
      return new Modes(d, List.copyOf(blocks));
    }

    /** Number of modes kept. */
    public int rank() {
      return blocks.isEmpty() ? 0 : blocks.get(blocks.size() - 1)[1] + 1;
    }

    /** 0-based indices of the modes whose singular value is not repeated. */
    public List<Integer> nonDegenerate() {
      List<Integer> out = new ArrayList<>();
      for (int[] b : blocks) {
        if (b[0] == b[1]) {
          out.add(b[0]);
        }
      }
      return out;
    }

    /** The singular values kept. */
    public double[] singularValues() {
      return java.util.Arrays.copyOf(svd.s(), rank());
    }
  }

  @Override
  public <T extends TFloating> AttachedProbe attach(ProbeContext<T> ctx) {
    if (!(ctx.network() instanceof PathwayNetworkGraph<T> net)) {
      throw new IllegalArgumentException("probe '" + name() + "' needs a network of parallel pathways (Networks.pathways), got "
          + ctx.network());
    }
    if (!(ctx.task() instanceof RegressionData data)) {
      throw new IllegalArgumentException("probe '" + name() + "' needs a regression task (Tasks.hierarchy(), Tasks.teacher(...))");
    }
    TfSession<T> s = ctx.session();
    Ops tf = s.tf();
    Modes modes = Modes.of(data.task().correlation(), degeneracyTolerance, s.config());
    int r = modes.rank();
    int k = net.pathways();
    Matrix u = columns(modes.svd().u(), r);
    Matrix v = columns(modes.svd().v(), r);
    Operand<T> x = s.constant(data.inputs());
    List<Operand<?>> fetches = new ArrayList<>();
    for (int a = 1; a <= k; a++) {
      Operand<T> omega = tf.linalg.matMul(net.pathway(x, a), x, MatMul.transposeA(true));            // Ŷ_aᵀ X
      Operand<T> ka = tf.linalg.matMul(tf.linalg.matMul(s.constant(u), omega, MatMul.transposeA(true)), s.constant(v));
      fetches.add(ka);
    }
    List<String> columns = new ArrayList<>();
    for (int m = 1; m <= r; m++) {
      for (int a = 1; a <= k; a++) {
        columns.add("m" + m + "-k" + a);
      }
      columns.add("m" + m + "-c");
      columns.add("m" + m + "-share");
    }
    List<int[]> degenerate = modes.blocks().stream().filter(b -> b[1] > b[0]).toList();
    for (int[] b : degenerate) {
      String name = "b" + (b[0] + 1) + "-" + (b[1] + 1);
      for (int a = 1; a <= k; a++) {
        columns.add(name + "-k" + a);
      }
      columns.add(name + "-c");
      columns.add(name + "-share");
    }
    if (matrices) {
      for (int a = 1; a <= k; a++) {
        for (int i = 1; i <= r; i++) {
          for (int j = 1; j <= r; j++) {
            columns.add(String.format(Locale.ROOT, "k%d[%d,%d]", a, i, j));
          }
        }
      }
    }
    return AttachedProbe.of(s, "", columns, fetches, fetched -> row(fetched, r, k, degenerate));
  }

  private double[] row(List<double[]> kMatrices, int r, int k, List<int[]> degenerate) {
    List<Double> row = new ArrayList<>();
    double[] diag = new double[k];
    for (int m = 0; m < r; m++) {
      for (int a = 0; a < k; a++) {
        diag[a] = kMatrices.get(a)[m * r + m];
        row.add(diag[a]);
      }
      row.add(PathwayConcentration.of(diag));
      row.add(PathwayConcentration.share(diag));
    }
    for (int[] b : degenerate) {
      double[] trace = new double[k];
      for (int a = 0; a < k; a++) {
        for (int m = b[0]; m <= b[1]; m++) {
          trace[a] += kMatrices.get(a)[m * r + m];
        }
        row.add(trace[a]);
      }
      row.add(PathwayConcentration.of(trace));
      row.add(PathwayConcentration.share(trace));
    }
    if (matrices) {
      for (int a = 0; a < k; a++) {
        for (double x : kMatrices.get(a)) {
          row.add(x);
        }
      }
    }
    return row.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static Matrix columns(Matrix m, int count) {
    double[] out = new double[m.rows() * count];
    for (int i = 0; i < m.rows(); i++) {
      for (int j = 0; j < count; j++) {
        out[i * count + j] = m.get(i, j);
      }
    }
    return Matrix.of(m.rows(), count, out);
  }
}
