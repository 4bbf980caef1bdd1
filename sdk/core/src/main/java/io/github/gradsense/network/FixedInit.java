package io.github.gradsense.network;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIncludeProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.gradsense.runtime.Matrix;
import java.util.List;

/**
 * Given weights, factor by factor (input side first): to probe trained weights again, a control
 * made from them (shuffled), or a hand-built map.
 *
 * <pre>{@code
 * WeightInit trained = new FixedInit(results.finalWeights());
 * WeightInit identity = new FixedInit(List.of(Matrix.identity(256)));
 * }</pre>
 *
 * @param factors one matrix per factor, input side first
 */
@JsonIncludeProperties("description")
public record FixedInit(List<Matrix> factors) implements WeightInit {

  /** Copies the list. */
  public FixedInit {
    factors = List.copyOf(factors);
  }

  @Override
  public Matrix initialise(InitRequest r) {
    if (r.factor() > factors.size()) {
      throw new IllegalArgumentException("FixedInit holds " + factors.size() + " factors, factor " + r.factor() + " was asked for");
    }
    Matrix m = factors.get(r.factor() - 1);
    if (m.rows() != r.rows() || m.cols() != r.cols()) {
      throw new IllegalArgumentException("FixedInit factor " + r.factor() + " is " + m + ", the network needs "
          + r.rows() + "x" + r.cols());
    }
    return m;
  }

  /** Each factor with its entries permuted at random (the SPEC's {@code shuffled(seed)} control). */
  public FixedInit shuffled(long seed) {
    java.util.SplittableRandom rng = io.github.gradsense.internal.Seeds.random(seed, "shuffle");
    return new FixedInit(factors.stream().map(m -> {
      double[] v = m.toArray();
      for (int i = v.length - 1; i > 0; i--) {
        int j = rng.nextInt(i + 1);
        double t = v[i];
        v[i] = v[j];
        v[j] = t;
      }
      return Matrix.of(m.rows(), m.cols(), v);
    }).toList());
  }

  /** What run.json records: the factors' shapes, not their values. */
  @JsonProperty("description")
  private String jsonDescription() {
    return factors.size() + " factors given as numbers: " + factors.stream().map(m -> m.rows() + "x" + m.cols()).toList();
  }

  /** Refuses to read weights back from JSON. */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  private static FixedInit fromJson(JsonNode json) {
    throw new IllegalArgumentException("weights given as numbers (FixedInit) cannot be re-run from run.json; give the"
        + " network a WeightInit with a seed, such as uniform, normal or aligned-balanced");
  }
}
