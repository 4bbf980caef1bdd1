package io.github.gradsense.benchmarks;

import io.github.gradsense.data.Batch;
import io.github.gradsense.data.ImageSource;
import io.github.gradsense.data.OrientationPrior;
import io.github.gradsense.data.TaskData;
import io.github.gradsense.data.TaskSpec;
import io.github.gradsense.data.Tasks;
import io.github.gradsense.network.NetworkContext;
import io.github.gradsense.network.NetworkGraph;
import io.github.gradsense.network.Networks;
import io.github.gradsense.network.Sequential;
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
 * One mini-batch SGD update of the deep networks of issue 3/6, float32, including drawing the
 * batch: the small CNN of the C2/C3 conformance tests (32×32×3 crops, batch 128, momentum 0.9,
 * weight decay 5e-4; target ≤ 50 ms on 2 cores) and the Fig. 6 MLP (4096→1024→256→60, batch 256,
 * lr 0.5; target ≤ 18 ms). {@code batchOnly} times drawing the batch alone (crops or gratings, in
 * Java), so that the TensorFlow share is the difference. {@code batch} overrides the batch size (0:
 * the workload's own, 128 or 256) for the cost-against-size sweep.
 *
 * <pre>
 * TF_ENABLE_ONEDNN_OPTS=1 java -jar sdk/benchmarks/target/benchmarks.jar SgdStep
 * TF_ENABLE_ONEDNN_OPTS=1 java -jar sdk/benchmarks/target/benchmarks.jar 'SgdStep.step' -p network=cnn -p batch=32,64,128,256
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 10)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
public class SgdStepBenchmark {

  @Param({"cnn", "mlp"})
  public String network;

  /** Batch size; 0 for the workload's own. */
  @Param({"0"})
  public int batch;

  private TfSession<TFloat32> session;
  private SgdTrainer<TFloat32> trainer;
  private TaskData data;
  private int size;
  private long step;

  @Setup(Level.Trial)
  public void setUp() {
    TaskSpec task;
    Sequential net;
    Training.Sgd training;
    if (network.equals("cnn")) {
      task = Tasks.whichImage(ImageSource.synthetic()).crop(32).regions(2);
      net = Networks.sequential(32, 32, 3).conv(16, 5).relu().maxPool(2).conv(32, 5).relu().maxPool(2)
          .flatten().dense(128).relu().dense(task.classes());
      training = Training.sgd(0.01).momentum(0.9).weightDecay(5e-4).batch(batch > 0 ? batch : 128).steps(1_000_000_000L).seed(1);
    } else {
      task = Tasks.orientationBins().prior(OrientationPrior.COMMON_VERTICAL);
      net = Networks.sequential(4096).dense(1024).relu().dense(256).relu().dense(60)
          .init(Sequential.Initializer.TORCH_DEFAULT).initScale(0.1);
      training = Training.sgd(0.5).batch(batch > 0 ? batch : 256).steps(1_000_000_000L).seed(1);
    }
    size = training.batchSize();
    session = TfSession.float32(RuntimeConfig.defaults());
    data = task.open(RuntimeConfig.defaults());
    int dim = task.inputShape().stream().reduce(1, (a, b) -> a * b);
    NetworkGraph<TFloat32> g = net.build(session, NetworkContext.of(dim, 1));
    trainer = SgdTrainer.create(session, g, task, data, Objective.crossEntropy(), training);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    session.close();
  }

  @Benchmark
  public double step() {
    return trainer.step().loss();
  }

  @Benchmark
  public Batch batchOnly() {
    return data.batch(1, step++, size);
  }
}
