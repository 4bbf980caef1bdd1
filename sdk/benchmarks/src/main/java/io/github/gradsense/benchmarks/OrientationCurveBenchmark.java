package io.github.gradsense.benchmarks;

import io.github.gradsense.network.NetworkContext;
import io.github.gradsense.network.NetworkGraph;
import io.github.gradsense.network.Networks;
import io.github.gradsense.network.Sequential;
import io.github.gradsense.probe.AttachedProbe;
import io.github.gradsense.probe.ProbeContext;
import io.github.gradsense.probe.Probes;
import io.github.gradsense.runtime.RuntimeConfig;
import io.github.gradsense.runtime.TfSession;
import io.github.gradsense.stimulus.Gabor;
import io.github.gradsense.stimulus.Stimuli;
import java.util.ArrayList;
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
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;

/**
 * A whole orientation sensitivity curve, 180 orientations × 10 phases of 32×32 Gabors (1,800
 * images), in one run, float32: through the paper's linear autoencoder (grey, 1024 wide; probe
 * points hidden1 and output) and through a small CNN (conv 5×5 3→32, ReLU, max-pool 2, conv 5×5
 * 32→64, ReLU, max-pool 2, dense 1600→256, ReLU, dense 256→10) at six probe points at once.
 * {@code exact} is the forward-mode sensitivity (renderer tangent + network tangent rules);
 * {@code forward} renders the same images and runs the plain forward pass to the same points
 * (their squared sums fetched), the baseline for the cost of exactness. For the cost-against-size
 * sweep, {@code images} sets the number of stimuli ({@code images / 10} orientations × 10 phases)
 * and {@code points} probes only the first {@code points} probe points.
 *
 * <pre>
 * TF_ENABLE_ONEDNN_OPTS=1 java -jar sdk/benchmarks/target/benchmarks.jar OrientationCurve
 * TF_ENABLE_ONEDNN_OPTS=1 java -jar sdk/benchmarks/target/benchmarks.jar 'OrientationCurve.exact' -p network=cnn -p images=180,360,720
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 10)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g"})
public class OrientationCurveBenchmark {

  @Param({"linear", "cnn"})
  public String network;

  /** Stimuli per curve, a multiple of 10 (orientations × 10 phases). */
  @Param({"1800"})
  public int images;

  /** How many of the network's probe points (in order) to probe; capped at the network's count. */
  @Param({"6"})
  public int points;

  private TfSession<TFloat32> session;
  private AttachedProbe exact;
  private List<Operand<?>> forward;
  private Placeholder<TFloat64> theta;
  private double[] thetas;

  @Setup(Level.Trial)
  public void setUp() {
    session = TfSession.float32(RuntimeConfig.defaults());
    Gabor gabor = Stimuli.gabor().size(32).orientations(images / 10).phases(10);
    NetworkGraph<TFloat32> graph;
    List<String> at;
    if (network.equals("linear")) {
      gabor = gabor.channels(1);
      graph = Networks.linearAutoencoder().tied().build(session, NetworkContext.of(1024, 1));
      at = List.of("hidden1", "output");
    } else {
      Sequential cnn = Networks.sequential(32, 32, 3).conv(32, 5).relu().maxPool(2).conv(64, 5).relu().maxPool(2)
          .flatten().dense(256).relu().dense(10);
      graph = cnn.build(session, NetworkContext.of(32 * 32 * 3, 1));
      at = List.of("relu1", "maxpool1", "relu2", "maxpool2", "relu3", "dense2");
    }
    at = at.subList(0, Math.min(points, at.size()));
    exact = Probes.sensitivity(gabor).at(at.toArray(new String[0])).batch(180)
        .attach(new ProbeContext<>(session, graph, null));
    // the plain forward pass over the same stimuli
    Ops tf = session.tf();
    theta = tf.placeholder(TFloat64.class);
    Operand<TFloat32> rendered = tf.dtypes.cast(gabor.render(tf, theta), TFloat32.class);
    Operand<TFloat32> input = network.equals("linear") ? tf.reshape(rendered, tf.constant(new long[] {-1, 1024})) : rendered;
    forward = new ArrayList<>();
    for (String p : at) {
      forward.add(tf.reduceSum(tf.math.square(graph.forward(input, p)), tf.constant(new int[] {0, 1})));
    }
    thetas = gabor.values();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    session.close();
  }

  /** The exact sensitivity curve at every probe point. */
  @Benchmark
  public double[][] exact() {
    return exact.measure();
  }

  /** Rendering and a plain forward pass to the same probe points. */
  @Benchmark
  public double forward() {
    return session.runner().feedFloat64(theta, thetas, thetas.length).fetch(forward).run().get(0)[0];
  }
}
