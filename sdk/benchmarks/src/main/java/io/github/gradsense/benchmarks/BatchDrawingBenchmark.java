package io.github.gradsense.benchmarks;

import io.github.gradsense.data.Batch;
import io.github.gradsense.data.Dataset;
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
import java.util.List;
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
 * What drawing a fresh batch costs a training step: the SGD update of the small CNN (crops, batch
 * 128) and of the Fig. 6 MLP (gratings, batch 256) with the batch drawn {@code ahead} on a
 * background thread (the default), drawn on the {@code spot} before each update, or {@code fixed}
 * (one batch reused: the step alone). The goal is {@code ahead ≤ 1.1 × fixed}.
 *
 * <pre>
 * TF_ENABLE_ONEDNN_OPTS=1 java -jar sdk/benchmarks/target/benchmarks.jar BatchDrawing
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 10)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
public class BatchDrawingBenchmark {

  @Param({"cnn", "mlp"})
  public String network;

  @Param({"ahead", "spot", "fixed"})
  public String drawing;

  private TfSession<TFloat32> session;
  private SgdTrainer<TFloat32> trainer;

  @Setup(Level.Trial)
  public void setUp() {
    TaskSpec task;
    Sequential net;
    Training.Sgd training;
    if (network.equals("cnn")) {
      task = Tasks.whichImage(ImageSource.synthetic()).crop(32).regions(2);
      net = Networks.sequential(32, 32, 3).conv(16, 5).relu().maxPool(2).conv(32, 5).relu().maxPool(2)
          .flatten().dense(128).relu().dense(task.classes());
      training = Training.sgd(0.01).momentum(0.9).weightDecay(5e-4).batch(128).steps(1_000_000_000L).seed(1);
    } else {
      task = Tasks.orientationBins().prior(OrientationPrior.COMMON_VERTICAL);
      net = Networks.sequential(4096).dense(1024).relu().dense(256).relu().dense(60)
          .init(Sequential.Initializer.TORCH_DEFAULT).initScale(0.1);
      training = Training.sgd(0.5).batch(256).steps(1_000_000_000L).seed(1);
    }
    TaskData data = task.open(RuntimeConfig.defaults());
    if (drawing.equals("fixed")) {
      Batch one = data.batch(1, 0, training.batchSize());
      data = new TaskData() {
        @Override
        public Batch batch(long seed, long step, int size) {
          return one;
        }

        @Override
        public Batch evaluation(int label, int count, long seed) {
          throw new UnsupportedOperationException();
        }

        @Override
        public List<Dataset.Source> sources() {
          return List.of();
        }
      };
    }
    session = TfSession.float32(RuntimeConfig.defaults());
    int dim = task.inputShape().stream().reduce(1, (a, b) -> a * b);
    NetworkGraph<TFloat32> g = net.build(session, NetworkContext.of(dim, 1));
    trainer = SgdTrainer.create(session, g, task, data, Objective.crossEntropy(), training).drawAhead(drawing.equals("ahead"));
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    session.close();
  }

  /** One update, its batch drawn as {@link #drawing} says. */
  @Benchmark
  public double step() {
    return trainer.step().loss();
  }
}
