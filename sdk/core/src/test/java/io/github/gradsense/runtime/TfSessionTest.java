package io.github.gradsense.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;

class TfSessionTest {
  private static final RuntimeConfig CONFIG = RuntimeConfig.defaults().withThreads(2);

  @Test
  void float64_products_match_java_to_rounding() {
    Matrix a = Matrix.of(2, 3, 1, 2, 3, 4, 5, 6);
    Matrix b = Matrix.of(3, 2, 0.5, -1, 2, 0.25, -3, 1.5);
    try (TfSession<TFloat64> s = TfSession.float64(CONFIG)) {
      Matrix c = s.fetchMatrix(s.tf().linalg.matMul(s.constant(a), s.constant(b)));
      assertThat(c.maxAbsDifference(a.times(b))).isLessThan(1e-15);
    }
  }

  @Test
  void float32_sessions_build_float32_constants() {
    try (TfSession<TFloat32> s = TfSession.float32(CONFIG)) {
      Operand<TFloat32> x = s.scalar(1.0 / 3);
      assertThat(s.fetch(x)[0]).isEqualTo((double) (float) (1.0 / 3));
    }
  }

  @Test
  void fetch_reports_shapes_and_scalars() {
    try (TfSession<TFloat64> s = TfSession.float64(CONFIG)) {
      Fetched f = s.runner().fetch(s.scalar(2), s.vector(1, 2, 3)).run();
      assertThat(f.scalar(0)).isEqualTo(2.0);
      assertThat(f.shape(1)).containsExactly(3);
      assertThatThrownBy(() -> f.scalar(1)).hasMessageContaining("holds 3 values, not 1");
    }
  }

  @Test
  void feeds_reach_placeholders_and_temporary_tensors_are_freed_after_the_run() {
    try (TfSession<TFloat64> s = TfSession.float64(CONFIG)) {
      Placeholder<TFloat64> x = s.placeholder("x", 2, 2);
      Operand<TFloat64> y = s.tf().linalg.matMul(x, x, MatMul.transposeB(true));
      double[] out = s.runner().feed(x, new double[] {1, 2, 3, 4}, 2, 2).fetch(y).run().get(0);
      assertThat(out).containsExactly(5, 11, 11, 25);
      try (TfSession.Feed<TFloat64> f = s.feed(new float[] {1, 0, 0, 1}, 2, 2)) {
        assertThat(s.runner().feed(x, f).fetch(y).run().get(0)).containsExactly(1, 0, 0, 1);
      }
    }
  }

  @Test
  void variables_must_exist_before_the_first_run() {
    try (TfSession<TFloat64> s = TfSession.float64(CONFIG)) {
      Variable<TFloat64> v = s.variable("w", Matrix.identity(2));
      assertThat(s.fetch(v)).containsExactly(1, 0, 0, 1);
      assertThatThrownBy(() -> s.variable("late", Matrix.identity(2)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("create all variables before the first run");
    }
  }

  @Test
  void updates_wait_on_every_delta_so_a_swap_reads_old_values() {
    // x -= (x - y) and y -= (y - x) in one step: with both deltas computed before either update,
    // the variables swap exactly.
    try (TfSession<TFloat64> s = TfSession.float64(CONFIG)) {
      Variable<TFloat64> x = s.variable("x", Matrix.of(1, 1, 1));
      Variable<TFloat64> y = s.variable("y", Matrix.of(1, 1, 5));
      var ops = s.subtractAfterAll(List.of(x, y), List.of(s.tf().math.sub(x, y), s.tf().math.sub(y, x)));
      for (int i = 0; i < 20; i++) {
        s.runner().target(ops).run();
      }
      assertThat(s.fetch(x)).containsExactly(1);   // swapped an even number of times
      s.runner().target(ops).run();
      assertThat(s.fetch(x)).containsExactly(5);
      assertThat(s.fetch(y)).containsExactly(1);
    }
  }

  @Test
  void assign_overwrites_a_variable() {
    try (TfSession<TFloat64> s = TfSession.float64(CONFIG)) {
      Variable<TFloat64> v = s.variable("w", Matrix.zeros(2, 2));
      s.assign(v, Matrix.of(2, 2, 1, 2, 3, 4));
      assertThat(s.fetch(v)).containsExactly(1, 2, 3, 4);
    }
  }

  @Test
  void a_closed_session_refuses_work_and_closing_twice_is_harmless() {
    TfSession<TFloat64> s = TfSession.float64(CONFIG);
    s.close();
    s.close();
    assertThatThrownBy(s::tf).isInstanceOf(IllegalStateException.class).hasMessage("this TfSession is closed");
  }

  @Test
  void constants_check_their_shape() {
    try (TfSession<TFloat64> s = TfSession.float64(CONFIG)) {
      assertThatThrownBy(() -> s.constant(new double[] {1, 2, 3}, 2, 2))
          .hasMessage("values hold 3 entries, shape [2, 2] needs 4");
    }
  }

  @Test
  void a_gpu_request_without_gpu_natives_fails_naming_the_profile() {
    try (TfSession<?> s = TfSession.open(CONFIG.withDevice(Device.GPU))) {
      if (DeviceReport.of(CONFIG).gpuNativesLoaded()) {
        return; // a GPU build: nothing to refuse
      }
      assertThatThrownBy(() -> s.fetch(s.tf().constant(1f)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("-Pgpu")
          .hasMessageContaining("CUDA 12.5");
    }
  }
}
