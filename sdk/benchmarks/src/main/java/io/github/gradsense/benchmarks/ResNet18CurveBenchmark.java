package io.github.gradsense.benchmarks;

import io.github.gradsense.network.NetworkContext;
import io.github.gradsense.network.NetworkGraph;
import io.github.gradsense.network.Torchvision;
import io.github.gradsense.network.TorchvisionNetwork;
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
import org.tensorflow.types.TFloat32;

/**
 * The paper's orientation curve through torchvision's ResNet18 (224 × 224 Gabors, {@code orientations}
 * × {@code phases} images; 180 × 10 is the paper's) at every block output and the top-level
 * children in one pass, float32, exact forward-mode sensitivities, 30 images per run. The peer is
 * {@code src/main/python/functorch_peer.py}: the same curve through torchvision's model with
 * {@code functorch.jvp} (Debian's PyTorch 1.13); report the ratio of their times per curve.
 *
 * <pre>
 * java -jar sdk/benchmarks/target/benchmarks.jar ResNet18Curve -p orientations=18 -p phases=2
 * /usr/bin/python3 sdk/benchmarks/src/main/python/functorch_peer.py --orientations 18 --phases 2
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx8g"})
public class ResNet18CurveBenchmark {

  @Param({"180"})
  public int orientations;

  @Param({"10"})
  public int phases;

  private TfSession<TFloat32> session;
  private AttachedProbe exact;

  @Setup(Level.Trial)
  public void setUp() {
    session = TfSession.float32(RuntimeConfig.defaults());
    TorchvisionNetwork net = Torchvision.resnet18().untrained(1);
    NetworkGraph<TFloat32> graph = net.build(session, NetworkContext.of(net.inputWidth(0), 1));
    Gabor gabor = Stimuli.gabor().size(224).orientations(orientations).phases(phases);
    exact = Probes.sensitivity(gabor).at(points().toArray(new String[0])).batch(Math.max(1, 30 / phases))
        .attach(new ProbeContext<>(session, graph, null));
  }

  /** conv1, every block, layer1 … layer4, avgpool, fc: the peer's points. */
  static List<String> points() {
    List<String> p = new ArrayList<>(List.of("conv1"));
    for (int k = 1; k <= 4; k++) {
      p.add("layer" + k + ".0");
      p.add("layer" + k + ".1");
      p.add("layer" + k);
    }
    p.add("avgpool");
    p.add("fc");
    return p;
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    session.close();
  }

  /** The whole curve at every point. */
  @Benchmark
  public double[][] exact() {
    return exact.measure();
  }
}
