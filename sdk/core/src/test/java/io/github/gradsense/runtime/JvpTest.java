package io.github.gradsense.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.gradsense.runtime.Matrix;
import io.github.gradsense.runtime.RuntimeConfig;
import io.github.gradsense.runtime.TfSession;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.types.TFloat64;

class JvpTest {
  private static final RuntimeConfig CONFIG = RuntimeConfig.defaults().withThreads(2);

  @Test
  void the_jvp_of_a_linear_map_is_the_map_applied_to_the_tangent() {
    Matrix w = Matrix.of(2, 3, 1, -2, 0.5, 3, 0, -1);
    Matrix t = Matrix.of(2, 3, 0.1, 0.2, 0.3, -1, 0, 1);
    try (TfSession<TFloat64> s = TfSession.float64(CONFIG)) {
      Operand<TFloat64> x = s.constant(Matrix.of(2, 3, 5, 6, 7, 8, 9, 10));
      Operand<TFloat64> y = s.tf().linalg.matMul(x, s.constant(w), MatMul.transposeB(true));
      Matrix jvp = s.fetchMatrix(Jvp.of(s.tf(), y, x, s.constant(t)));
      assertThat(jvp.maxAbsDifference(t.times(w.transpose()))).isLessThan(1e-15);
    }
  }

  @Test
  void the_jvp_of_a_nonlinear_map_matches_a_central_difference() {
    // y = sin(x)·x², J t = (cos(x) x² + 2 x sin(x)) t element-wise
    double[] x0 = {0.3, -1.2, 2.0};
    double[] t = {1.0, 0.5, -2.0};
    try (TfSession<TFloat64> s = TfSession.float64(CONFIG)) {
      Operand<TFloat64> x = s.vector(x0);
      Operand<TFloat64> y = s.tf().math.mul(s.tf().math.sin(x), s.tf().math.square(x));
      double[] jvp = s.fetch(Jvp.of(s.tf(), y, x, s.vector(t)));
      for (int i = 0; i < 3; i++) {
        double h = 1e-6;
        double fd = (f(x0[i] + h * t[i]) - f(x0[i] - h * t[i])) / (2 * h);
        assertThat(jvp[i]).isCloseTo(fd, within(1e-8));
      }
    }
  }

  private static double f(double x) {
    return Math.sin(x) * x * x;
  }
}
