package io.github.gradsense.benchmarks;

import io.github.gradsense.runtime.RuntimeConfig;
import io.github.gradsense.runtime.TfSession;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.tensorflow.Operand;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.types.TFloat32;

/**
 * The machine's float32 GEMM rate on gradsense's runtime: {@code Xᵀ X}-shaped product of a
 * 16384 × 1024 batch with itself (2 · 16384 · 1024² = 34.4 GFLOP), the dominant cost of a
 * moment-form SGD step, reduced to a scalar so that no large tensor leaves the graph.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 10)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
public class MatMulBenchmark {
  private TfSession<TFloat32> session;
  private Operand<TFloat32> product;

  @Setup(Level.Trial)
  public void setUp() {
    session = TfSession.float32(RuntimeConfig.defaults());
    var tf = session.tf();
    Variable<TFloat32> x = tf.withInitScope().variable(
        tf.random.statelessRandomNormal(tf.constant(new long[] {16_384, 1024}), tf.constant(new long[] {1, 2}), TFloat32.class));
    product = tf.reduceSum(tf.linalg.matMul(x, x, MatMul.transposeA(true)), tf.constant(new int[] {0, 1}));
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    session.close();
  }

  /** 34.4 GFLOP. */
  @Benchmark
  public double gemm16384x1024x1024() {
    return session.fetch(product)[0];
  }
}
