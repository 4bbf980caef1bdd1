package io.github.gradsense.benchmarks;

import io.github.gradsense.data.Data;
import io.github.gradsense.data.Dataset;
import io.github.gradsense.data.ImageSource;
import io.github.gradsense.network.LinearAutoencoder;
import io.github.gradsense.network.LinearNetworkGraph;
import io.github.gradsense.network.NetworkContext;
import io.github.gradsense.network.Networks;
import io.github.gradsense.runtime.RuntimeConfig;
import io.github.gradsense.runtime.TfSession;
import io.github.gradsense.train.LinearTrainer;
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
 * One update of the paper's linear autoencoder (32×32 patches, width 1024, float32): a mini-batch
 * SGD step at batch 16,384 (tied {@code WᵀW}, untied {@code W2W1}, {@code W3W2W1}; output noise 0.1
 * in either realisation) and an expected-gradient step. Compare with {@link MatMulBenchmark} (one
 * 16384×1024×1024 product, 34.4 GFLOP) on the same runtime for the machine's GEMM rate.
 *
 * <pre>
 * mvn -B -Pbenchmarks -pl sdk/benchmarks -am package -DskipTests
 * TF_ENABLE_ONEDNN_OPTS=1 java -jar sdk/benchmarks/target/benchmarks.jar LinearAutoencoder
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 10)
@Fork(value = 1, jvmArgsAppend = {"-Xmx12g"})
public class LinearAutoencoderBenchmark {

  @Param({"tied", "untied-2", "untied-3"})
  public String network;

  @Param({"CONDITIONAL", "PER_PIXEL"})
  public String noise;

  private TfSession<TFloat32> miniBatchSession;
  private TfSession<TFloat32> expectedSession;
  private LinearTrainer<TFloat32> miniBatch;
  private LinearTrainer<TFloat32> expected;

  static Dataset patches() {
    return Data.naturalPatches(ImageSource.synthetic()).patchSize(32).count(100_352).build(RuntimeConfig.defaults());
  }

  static LinearAutoencoder net(String name) {
    return switch (name) {
      case "tied" -> Networks.linearAutoencoder().tied();
      case "untied-2" -> Networks.linearAutoencoder();
      case "untied-3" -> Networks.linearAutoencoder().factors(3);
      default -> throw new IllegalArgumentException(name);
    };
  }

  @Setup(Level.Trial)
  public void setUp() {
    Dataset data = patches();
    LinearAutoencoder net = net(network);
    RuntimeConfig config = RuntimeConfig.defaults();
    miniBatchSession = TfSession.float32(config);
    LinearNetworkGraph<TFloat32> g = net.build(miniBatchSession, NetworkContext.of(data.dim(), 1));
    miniBatch = LinearTrainer.create(miniBatchSession, g, data, Training.miniBatch(1.0).batch(16_384).steps(1_000_000_000L)
        .noiseRealisation(Training.NoiseRealisation.valueOf(noise)));
    expectedSession = TfSession.float32(config);
    LinearNetworkGraph<TFloat32> e = net.build(expectedSession, NetworkContext.of(data.dim(), 1).withDataBasis(data.pca(), true));
    expected = LinearTrainer.create(expectedSession, e, data, Training.expectedGradient(1.0).steps(1_000_000_000L));
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    miniBatchSession.close();
    expectedSession.close();
  }

  /** One SGD update at batch 16,384 (a fresh permutation every 7 updates, as the authors' epochs). */
  @Benchmark
  public double miniBatchStep() {
    return miniBatch.step().loss();
  }

  /** One expected-gradient update (weights stored in the PC basis). */
  @Benchmark
  public double expectedGradientStep() {
    return expected.step().loss();
  }
}
