package io.github.gradsense.data;

import static io.github.gradsense.internal.Checks.checkRange;

import io.github.gradsense.runtime.Matrix;
import io.github.gradsense.internal.Seeds;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A linear teacher with a prescribed singular spectrum: {@code T = U diag(s) Vᵀ} with random
 * orthonormal {@code U} ({@code outputs × r}) and {@code V} ({@code items × r}) drawn from
 * {@code seed}, shown on {@code items} one-hot inputs; item {@code i}'s target is {@code T e_i}. So
 * {@code Σ_yx = Yᵀ X = T} has exactly the singular values {@code s}, each a mode of its own when they
 * are distinct.
 *
 * <pre>{@code
 * TeacherTask t = Tasks.teacher(12, 8, 4.0, 2.0, 1.0);      // 8 items → 12 outputs, s = 4, 2, 1
 * }</pre>
 *
 * @param outputs target width, in [1, 4096]
 * @param items number of one-hot items (the input width), in [1, 4096]
 * @param singularValues the spectrum, at most {@code min(outputs, items)} values, each &gt; 0
 * @param seed seed of {@code U} and {@code V}
 */
public record TeacherTask(int outputs, int items, List<Double> singularValues, long seed) implements RegressionTask {

  /** Validates the fields. */
  public TeacherTask {
    checkRange("outputs", outputs, 1, 4096);
    checkRange("items", items, 1, 4096);
    singularValues = List.copyOf(singularValues);
    checkRange("singularValues.size()", singularValues.size(), 1, Math.min(outputs, items));
    for (int i = 0; i < singularValues.size(); i++) {
      double s = singularValues.get(i);
      if (!(s > 0) || !Double.isFinite(s)) {
        throw new IllegalArgumentException("singularValues[" + i + "] must be finite and > 0, got " + s);
      }
    }
  }

  /** Another seed for the singular vectors. */
  public TeacherTask seed(long value) {
    return new TeacherTask(outputs, items, singularValues, value);
  }

  @Override
  public String name() {
    return "teacher-" + items + "x" + outputs;
  }

  @Override
  public Matrix inputs() {
    return Matrix.identity(items);
  }

  /** The teacher map {@code T} ({@code outputs × items}). */
  public Matrix map() {
    int r = singularValues.size();
    double[][] u = orthonormal(outputs, r, Seeds.random(seed, "teacher-u"));
    double[][] v = orthonormal(items, r, Seeds.random(seed, "teacher-v"));
    double[] t = new double[outputs * items];
    for (int k = 0; k < r; k++) {
      double s = singularValues.get(k);
      for (int i = 0; i < outputs; i++) {
        for (int j = 0; j < items; j++) {
          t[i * items + j] += s * u[k][i] * v[k][j];
        }
      }
    }
    return Matrix.of(outputs, items, t);
  }

  @Override
  public Matrix targets() {
    return map().transpose();
  }

  /** {@code count} orthonormal vectors of length {@code n} (Gram–Schmidt, twice, on Gaussian draws). */
  private static double[][] orthonormal(int n, int count, SplittableRandom random) {
    double[][] q = new double[count][n];
    for (int k = 0; k < count; k++) {
      for (int i = 0; i < n; i++) {
        q[k][i] = Math.sqrt(-2 * Math.log1p(-random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
      }
      for (int pass = 0; pass < 2; pass++) {
        for (int j = 0; j < k; j++) {
          double dot = 0;
          for (int i = 0; i < n; i++) {
            dot += q[k][i] * q[j][i];
          }
          for (int i = 0; i < n; i++) {
            q[k][i] -= dot * q[j][i];
          }
        }
      }
      double norm = 0;
      for (int i = 0; i < n; i++) {
        norm += q[k][i] * q[k][i];
      }
      norm = Math.sqrt(norm);
      for (int i = 0; i < n; i++) {
        q[k][i] /= norm;
      }
    }
    return q;
  }
}
