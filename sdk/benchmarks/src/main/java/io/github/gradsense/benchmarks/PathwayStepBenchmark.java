package io.github.gradsense.benchmarks;

import io.github.gradsense.data.RegressionTask;
import io.github.gradsense.data.Tasks;
import io.github.gradsense.network.NetworkContext;
import io.github.gradsense.network.NetworkGraph;
import io.github.gradsense.network.Networks;
import io.github.gradsense.runtime.RuntimeConfig;
import io.github.gradsense.runtime.TfSession;
import io.github.gradsense.train.Objective;
import io.github.gradsense.train.SgdTrainer;
import io.github.gradsense.train.Training;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.tensorflow.types.TFloat32;

/**
 * One full-batch gradient step of two parallel linear pathways on the hierarchical task (8 items →
 * 15 features, summed squared error, lr 0.01), float32: depth 7 at the paper's width 1000 (12
 * matrices of 1000 × 1000; the step is bound by reading and writing 48 MB of weights) and at the
 * CI width.
 *
 * <pre>
 * TF_ENABLE_ONEDNN_OPTS=1 java -jar sdk/benchmarks/target/benchmarks.jar PathwayStep
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 10)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
public class PathwayStepBenchmark {

  @Param({"1000", "100"})
  public int width;

  @Param({"7"})
  public int depth;

  private TfSession<TFloat32> session;
  private SgdTrainer<TFloat32> trainer;

  @Setup(Level.Trial)
  public void setUp() {
    RegressionTask task = Tasks.hierarchy();
    session = TfSession.float32(RuntimeConfig.defaults());
    NetworkGraph<TFloat32> g = Networks.pathways(15).depth(depth).width(width).build(session, NetworkContext.of(8, 1));
    trainer = SgdTrainer.create(session, g, task, task.open(RuntimeConfig.defaults()), Objective.summedSquaredError(),
        Training.sgd(0.01).batch(8).steps(1_000_000_000L).seed(1));
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    session.close();
  }

  @Benchmark
  public double step() {
    return trainer.step().loss();
  }
}
