package io.github.gradsense.network;

import static io.github.gradsense.internal.Checks.checkPositive;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIncludeProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.gradsense.data.RegressionTask;
import io.github.gradsense.runtime.LinearAlgebra;
import io.github.gradsense.runtime.Matrix;
import io.github.gradsense.runtime.RuntimeConfig;
import java.util.Objects;

/**
 * The aligned, balanced start of Saxe et al. (2014) for a regression task: with
 * {@code Σ_yx = U S Vᵀ} (rank {@code r}), the first factor maps mode {@code α}'s input direction
 * {@code v_α} to hidden unit {@code α}, middle factors are identities on the first {@code r} units,
 * and the last maps hidden unit {@code α} to {@code u_α}, each scaled by {@code a = u₀^(1/N)}: every
 * mode starts at strength {@code u₀} and, under gradient descent, evolves on its own by
 * {@code du/dt = 2Nη u^(2−2/N)(s − u)} ({@link io.github.gradsense.analysis.ModeDynamics#regression}).
 * Hidden widths must be at least {@code r}.
 *
 * <pre>{@code
 * Pathways one = Networks.pathways(15).pathways(1).width(16).init(ModeAlignedInit.of(Tasks.hierarchy(), 1e-4));
 * }</pre>
 *
 * @param u left singular vectors of the task (columns)
 * @param v right singular vectors of the task (columns)
 * @param u0 initial strength of every mode, &gt; 0
 */
@JsonIncludeProperties({"u0", "description"})
public record ModeAlignedInit(Matrix u, Matrix v, double u0) implements WeightInit {

  /** Validates the fields. */
  public ModeAlignedInit {
    Objects.requireNonNull(u, "u");
    Objects.requireNonNull(v, "v");
    checkPositive("u0", u0);
    if (u.cols() != v.cols()) {
      throw new IllegalArgumentException("u and v must have as many columns, got " + u + " and " + v);
    }
  }

  /** The start aligned with {@code task}'s modes, each at strength {@code u0}. */
  public static ModeAlignedInit of(RegressionTask task, double u0) {
    LinearAlgebra.Decomposition d = LinearAlgebra.svd(task.correlation(), RuntimeConfig.defaults());
    return new ModeAlignedInit(d.u(), d.v(), u0);
  }

  @Override
  public Matrix initialise(InitRequest r) {
    int rank = u.cols();
    double a = Math.pow(u0, 1.0 / r.factorCount());
    boolean first = r.factor() == 1;
    boolean last = r.factor() == r.factorCount();
    int inner = first ? r.rows() : r.cols();
    if (!(first && last) && inner < rank) {
      throw new IllegalArgumentException("ModeAlignedInit needs hidden widths of at least the task's rank " + rank
          + ", got " + inner);
    }
    double[] w = new double[r.rows() * r.cols()];
    for (int k = 0; k < rank; k++) {
      for (int i = 0; i < r.rows(); i++) {
        for (int j = 0; j < r.cols(); j++) {
          double left = last ? u.get(i, k) : (i == k ? 1 : 0);
          double right = first ? v.get(j, k) : (j == k ? 1 : 0);
          w[i * r.cols() + j] += a * left * right;
        }
      }
    }
    if (first && r.cols() != v.rows() || last && r.rows() != u.rows()) {
      throw new IllegalArgumentException("ModeAlignedInit for a " + u.rows() + " × " + v.rows() + " task got a "
          + r.rows() + "x" + r.cols() + " factor " + r.factor());
    }
    return Matrix.of(r.rows(), r.cols(), w);
  }

  /** What run.json records: the strength and the shapes of the singular vectors, not their values. */
  @JsonProperty("description")
  private String jsonDescription() {
    return "aligned with a task's modes: u " + u.rows() + "x" + u.cols() + ", v " + v.rows() + "x" + v.cols();
  }

  /** Refuses to read the singular vectors back from JSON. */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  private static ModeAlignedInit fromJson(JsonNode json) {
    throw new IllegalArgumentException("a start aligned with a task's modes (ModeAlignedInit) holds its singular vectors"
        + " as numbers and cannot be re-run from run.json; build it again with ModeAlignedInit.of(task, u0) from the"
        + " run's task");
  }
}
