package io.github.gradsense.benchmarks;

import io.github.gradsense.data.Dataset;
import io.github.gradsense.network.LinearNetworkGraph;
import io.github.gradsense.network.NetworkContext;
import io.github.gradsense.runtime.RuntimeConfig;
import io.github.gradsense.runtime.TfSession;
import io.github.gradsense.train.LinearTrainer;
import io.github.gradsense.train.Training;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;
import org.tensorflow.proto.NodeExecStats;
import org.tensorflow.proto.RunMetadata;
import org.tensorflow.types.TFloat32;

/**
 * The linear autoencoder's steps against the machine's GEMM, measured in one process and
 * interleaved (round by round: GEMM, mini-batch step at depth 2 and 3, expected-gradient step at
 * depth 2 and 3), so that a shared or throttled machine slows all alike; prints medians and the
 * ratios step / GEMM and depth 3 / depth 2, of wall time and of the process's CPU time (the
 * better measure of work where other processes share the cores). With {@code trace} it prints, per step, TensorFlow's
 * per-kernel step stats (wall time of each kernel, summed by kernel name) instead.
 *
 * <pre>
 * mvn -o -B -q -Pbenchmarks -pl sdk/core,sdk/benchmarks package -DskipTests
 * TF_ENABLE_ONEDNN_OPTS=1 java -Xmx12g -cp sdk/benchmarks/target/benchmarks.jar \
 *     io.github.gradsense.benchmarks.LinearStepProfile time 9 [CONDITIONAL|PER_PIXEL]
 * </pre>
 */
public final class LinearStepProfile {
  private LinearStepProfile() {
  }

  /** {@code args}: {@code time|trace}, rounds (9), noise realisation (CONDITIONAL). */
  public static void main(String[] args) {
    String mode = args.length > 0 ? args[0] : "time";
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 9;
    Training.NoiseRealisation noise = Training.NoiseRealisation.valueOf(args.length > 2 ? args[2] : "CONDITIONAL");
    Dataset data = LinearAutoencoderBenchmark.patches();
    RuntimeConfig config = RuntimeConfig.defaults();
    Map<String, DoubleSupplier> work = new LinkedHashMap<>();
    Map<String, TfSession<TFloat32>> sessions = new LinkedHashMap<>();
    MatMulBenchmark gemm = new MatMulBenchmark();
    gemm.setUp();
    work.put("gemm", gemm::gemm16384x1024x1024);
    for (String net : List.of("untied-2", "untied-3")) {
      TfSession<TFloat32> s = TfSession.float32(config);
      LinearNetworkGraph<TFloat32> g = LinearAutoencoderBenchmark.net(net).build(s, NetworkContext.of(data.dim(), 1));
      LinearTrainer<TFloat32> t = LinearTrainer.create(s, g, data,
          Training.miniBatch(1.0).batch(16_384).steps(1_000_000_000L).noiseRealisation(noise));
      work.put("miniBatch " + net, () -> t.step().loss());
      sessions.put("miniBatch " + net, s);
    }
    for (String net : List.of("untied-2", "untied-3")) {
      TfSession<TFloat32> s = TfSession.float32(config);
      LinearNetworkGraph<TFloat32> g = LinearAutoencoderBenchmark.net(net)
          .build(s, NetworkContext.of(data.dim(), 1).withDataBasis(data.pca(), true));
      LinearTrainer<TFloat32> t = LinearTrainer.create(s, g, data, Training.expectedGradient(1.0).steps(1_000_000_000L));
      work.put("expected " + net, () -> t.step().loss());
      sessions.put("expected " + net, s);
    }
    for (DoubleSupplier w : work.values()) {      // warm-up: graph optimisation, first allocations
      w.getAsDouble();
      w.getAsDouble();
    }
    if (mode.equals("trace")) {
      for (var e : sessions.entrySet()) {
        trace(e.getKey(), e.getValue(), work.get(e.getKey()));
      }
    } else {
      time(work, rounds);
    }
    gemm.tearDown();
    sessions.values().forEach(TfSession::close);
  }

  private static void time(Map<String, DoubleSupplier> work, int rounds) {
    Map<String, List<Double>> ms = new LinkedHashMap<>();
    Map<String, List<Double>> cpu = new LinkedHashMap<>();
    work.keySet().forEach(k -> ms.put(k, new ArrayList<>()));
    work.keySet().forEach(k -> cpu.put(k, new ArrayList<>()));
    var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    for (int r = 0; r < rounds; r++) {
      for (var e : work.entrySet()) {
        int reps = e.getKey().startsWith("expected") ? 5 : 1;
        for (int i = 0; i < reps; i++) {
          long c0 = os.getProcessCpuTime();
          long t0 = System.nanoTime();
          e.getValue().getAsDouble();
          ms.get(e.getKey()).add((System.nanoTime() - t0) / 1e6);
          cpu.get(e.getKey()).add((os.getProcessCpuTime() - c0) / 1e6);
        }
      }
    }
    report("wall", ms);
    report("process CPU", cpu);
  }

  private static void report(String what, Map<String, List<Double>> ms) {
    System.out.println("-- " + what + " time per call");
    Map<String, Double> median = new LinkedHashMap<>();
    for (var e : ms.entrySet()) {
      double[] v = e.getValue().stream().mapToDouble(Double::doubleValue).sorted().toArray();
      median.put(e.getKey(), v[v.length / 2]);
      System.out.printf("%-20s median %8.1f ms   min %8.1f   max %8.1f   (n=%d)%n", e.getKey(), v[v.length / 2], v[0],
          v[v.length - 1], v.length);
    }
    double g = median.get("gemm");
    System.out.printf("miniBatch depth 2 / GEMM   %.2f%n", median.get("miniBatch untied-2") / g);
    System.out.printf("miniBatch depth 3 / GEMM   %.2f%n", median.get("miniBatch untied-3") / g);
    System.out.printf("expected depth 3 / depth 2 %.2f%n", median.get("expected untied-3") / median.get("expected untied-2"));
  }

  private static void trace(String name, TfSession<TFloat32> s, DoubleSupplier step) {
    List<RunMetadata> traces = new ArrayList<>();
    s.traceRuns(traces::add);
    long t0 = System.nanoTime();
    step.getAsDouble();
    double wall = (System.nanoTime() - t0) / 1e6;
    s.traceRuns(null);
    Map<String, Double> byKernel = new LinkedHashMap<>();
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    for (RunMetadata m : traces) {
      for (var dev : m.getStepStats().getDevStatsList()) {
        for (NodeExecStats n : dev.getNodeStatsList()) {
          String label = n.getNodeName() + " " + n.getTimelineLabel().replaceAll(" = .*", "");
          byKernel.merge(label.length() > 90 ? label.substring(0, 90) : label, n.getAllEndRelMicros() / 1e3, Double::sum);
          first = Math.min(first, n.getAllStartMicros());
          last = Math.max(last, n.getAllStartMicros() + n.getAllEndRelMicros());
        }
      }
    }
    double sum = byKernel.values().stream().mapToDouble(Double::doubleValue).sum();
    System.out.printf("%n== %s: step %.1f ms wall (traced), kernels span %.1f ms, kernel time summed %.1f ms%n", name, wall,
        (last - first) / 1e3, sum);
    byKernel.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder())).limit(18)
        .forEach(e -> System.out.printf("  %8.1f ms  %s%n", e.getValue(), e.getKey()));
  }

}
