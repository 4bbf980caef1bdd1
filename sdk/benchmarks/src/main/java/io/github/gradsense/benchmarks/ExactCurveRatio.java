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
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;

/**
 * The cost of exactness on a shared machine: the CNN orientation curve of
 * {@link OrientationCurveBenchmark} (1,800 Gabors, float32), exact against a plain forward pass,
 * run <em>interleaved</em> (exact, forward, exact, forward, …) so that both see the same load, and
 * reported as medians and as the median of the per-round ratios {@code t_exact / t_forward}: for
 * all six probe points in one run, and for each point alone (the exact curve and the forward pass
 * both stopping there).
 *
 * <pre>
 * TF_ENABLE_ONEDNN_OPTS=1 java -cp sdk/benchmarks/target/benchmarks.jar io.github.gradsense.benchmarks.ExactCurveRatio [rounds] [all|each]
 * </pre>
 */
public final class ExactCurveRatio {
  private static final List<String> POINTS = List.of("relu1", "maxpool1", "relu2", "maxpool2", "relu3", "dense2");

  private ExactCurveRatio() {}

  /** Runs {@code rounds} (default 9) interleaved rounds after two warm-up rounds and prints one line per workload. */
  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 9;
    String which = args.length > 1 ? args[1] : "all";
    try (TfSession<TFloat32> session = TfSession.float32(RuntimeConfig.defaults())) {
      Gabor gabor = Stimuli.gabor().size(32).orientations(180).phases(10);
      Sequential cnn = Networks.sequential(32, 32, 3).conv(32, 5).relu().maxPool(2).conv(64, 5).relu().maxPool(2)
          .flatten().dense(256).relu().dense(10);
      NetworkGraph<TFloat32> graph = cnn.build(session, NetworkContext.of(32 * 32 * 3, 1));
      Ops tf = session.tf();
      Placeholder<TFloat64> theta = tf.placeholder(TFloat64.class);
      double[] thetas = gabor.values();
      Operand<TFloat32> images = tf.dtypes.cast(gabor.render(tf, theta), TFloat32.class);
      Map<String, List<String>> sets = new LinkedHashMap<>();
      if (!which.equals("each")) {
        sets.put("all six", POINTS);
      }
      if (!which.equals("all")) {
        for (String p : POINTS) {
          sets.put(p, List.of(p));
        }
      }
      Map<String, AttachedProbe> exact = new LinkedHashMap<>();
      Map<String, List<Operand<?>>> forward = new LinkedHashMap<>();
      for (Map.Entry<String, List<String>> e : sets.entrySet()) {
        exact.put(e.getKey(), Probes.sensitivity(gabor).at(e.getValue().toArray(new String[0])).batch(180)
            .attach(new ProbeContext<>(session, graph, null)));
        List<Operand<?>> f = new ArrayList<>();
        for (String p : e.getValue()) {
          f.add(tf.reduceSum(tf.math.square(graph.forward(images, p)), tf.constant(new int[] {0, 1})));
        }
        forward.put(e.getKey(), f);
      }
      Map<String, List<double[]>> times = new LinkedHashMap<>();
      for (int r = -2; r < rounds; r++) {
        for (String k : sets.keySet()) {
          long t0 = System.nanoTime();
          exact.get(k).measure();
          long t1 = System.nanoTime();
          session.runner().feedFloat64(theta, thetas, thetas.length).fetch(forward.get(k)).run();
          long t2 = System.nanoTime();
          if (r >= 0) {
            times.computeIfAbsent(k, x -> new ArrayList<>()).add(new double[] {(t1 - t0) / 1e6, (t2 - t1) / 1e6});
          }
        }
      }
      System.out.printf(Locale.ROOT, "%-10s %12s %12s %14s  (%d rounds)%n", "points", "exact ms", "forward ms", "ratio (median)", rounds);
      for (Map.Entry<String, List<double[]>> e : times.entrySet()) {
        List<Double> ex = new ArrayList<>();
        List<Double> fw = new ArrayList<>();
        List<Double> ratio = new ArrayList<>();
        for (double[] t : e.getValue()) {
          ex.add(t[0]);
          fw.add(t[1]);
          ratio.add(t[0] / t[1]);
        }
        System.out.printf(Locale.ROOT, "%-10s %12.1f %12.1f %14.2f%n", e.getKey(), median(ex), median(fw), median(ratio));
      }
    }
  }

  private static double median(List<Double> v) {
    List<Double> s = new ArrayList<>(v);
    Collections.sort(s);
    int n = s.size();
    return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
  }
}
