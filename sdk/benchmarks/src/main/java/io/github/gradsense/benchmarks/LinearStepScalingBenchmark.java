package io.github.gradsense.benchmarks;

import io.github.gradsense.data.Dataset;
import io.github.gradsense.data.Pca;
import io.github.gradsense.data.SampleMatrix;
import io.github.gradsense.data.Spectrum;
import io.github.gradsense.network.LinearNetworkGraph;
import io.github.gradsense.network.NetworkContext;
import io.github.gradsense.network.Networks;
import io.github.gradsense.runtime.Matrix;
import io.github.gradsense.runtime.RuntimeConfig;
import io.github.gradsense.runtime.TfSession;
import io.github.gradsense.train.LinearTrainer;
import io.github.gradsense.train.Training;
import java.util.List;
import java.util.SplittableRandom;
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
 * Cost against size of the untied depth-2 linear autoencoder's mini-batch step (float32, output
 * noise 0.1 in the default, conditional realisation): one update at input width {@code width}
 * (hidden width the same) and batch {@code batch}, drawn from {@code 2 · batch} Gaussian samples
 * with a power-law spectrum (the step's cost does not depend on the data's values, and a Gaussian
 * set of any width is built without a {@code width × width} eigendecomposition). The conditional
 * noise needs a full-rank batch moment, so {@code batch} must exceed {@code width} (at
 * {@code batch = width} the first step returns NaN). The defaults are one point; the benchmark
 * script sweeps width at batch 8192 and batch at width 1024 and fits {@code time ∝ size^k}:
 *
 * <pre>
 * java -jar sdk/benchmarks/target/benchmarks.jar LinearStepScaling -p width=256,512,1024,2048,4096 -p batch=8192
 * java -jar sdk/benchmarks/target/benchmarks.jar LinearStepScaling -p width=1024 -p batch=2048,4096,8192
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, time = 3)
@Measurement(iterations = 3, time = 4)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g"})
public class LinearStepScalingBenchmark {

  @Param({"1024"})
  public int width;

  @Param({"8192"})
  public int batch;

  private TfSession<TFloat32> session;
  private LinearTrainer<TFloat32> trainer;

  /**
   * {@code n} samples of {@code N(0, diag(λ))}, {@code λ_k = 1/(k+1)}, with the population's
   * covariance and PCA (the standard basis).
   */
  static Dataset gaussian(int dim, int n, long seed) {
    Spectrum spectrum = Spectrum.powerLaw(dim, 1.0, 1.0);
    float[] values = new float[Math.multiplyExact(n, dim)];
    float[] sd = new float[dim];
    for (int k = 0; k < dim; k++) {
      sd[k] = (float) Math.sqrt(spectrum.get(k));
    }
    SplittableRandom rng = new SplittableRandom(seed);
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) rng.nextGaussian() * sd[i % dim];
    }
    Pca population = Pca.exact(spectrum, Matrix.identity(dim), new double[dim]);
    return new Dataset("gaussian-d" + dim, SampleMatrix.of(n, dim, values), population.covariance(), population,
        List.of(new Dataset.Source("gaussian-d" + dim, "", "N(0, diag 1/(k+1)), seed " + seed)), null);
  }

  @Setup(Level.Trial)
  public void setUp() {
    if (batch <= width) {
      throw new IllegalArgumentException("batch " + batch + " must exceed width " + width + " (conditional noise)");
    }
    Dataset data = gaussian(width, 2 * batch, 1);
    session = TfSession.float32(RuntimeConfig.defaults());
    LinearNetworkGraph<TFloat32> g = Networks.linearAutoencoder().build(session, NetworkContext.of(width, 1));
    trainer = LinearTrainer.create(session, g, data, Training.miniBatch(1.0).batch(batch).steps(1_000_000_000L));
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    session.close();
  }

  /** One SGD update of {@code W2W1} at this width and batch. */
  @Benchmark
  public double step() {
    return trainer.step().loss();
  }
}
