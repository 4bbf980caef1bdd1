package io.github.gradsense.experiment;

import static io.github.gradsense.internal.Checks.checkRange;

import io.github.gradsense.analysis.CardinalBias;
import io.github.gradsense.analysis.CircularCurves;
import io.github.gradsense.data.HueHistogram;
import io.github.gradsense.network.Network;
import io.github.gradsense.network.NetworkContext;
import io.github.gradsense.network.NetworkGraph;
import io.github.gradsense.network.SavedModelNetwork;
import io.github.gradsense.network.TorchvisionNetwork;
import io.github.gradsense.probe.ProbeContext;
import io.github.gradsense.probe.Probes;
import io.github.gradsense.probe.Sensitivity;
import io.github.gradsense.runtime.RuntimeConfig;
import io.github.gradsense.runtime.TfSession;
import io.github.gradsense.stimulus.Stimuli;
import io.github.gradsense.stimulus.StimulusFamily;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.tensorflow.types.family.TFloating;

/**
 * The paper's layer-by-layer analysis of a network as it is (pretrained, untrained, shuffled),
 * without training: the exact sensitivity {@code D_ℓ(θ)} of every chosen probe point ℓ to a
 * stimulus variable, for the network and each control, and from the curves the cardinal-bias
 * index per layer (orientation) or the correlation of {@code √D} with a hue histogram (hue).
 * Each network is built, measured and closed in turn.
 *
 * <pre>{@code
 * LayerProbe.Results r = LayerProbe.of(Torchvision.resnet18().weights(Path.of("resnet18.npz")))
 *     .stimulus(Stimuli.gabor().size(224))
 *     .at("layer1", "layer2", "layer3", "layer4", "avgpool", "fc")
 *     .withControls(1)                 // untrained and shuffled, seed 1
 *     .run();
 * double deepest = r.cardinalBias("trained").get("fc").index();
 * LayerProbe.of(Networks.savedModel(Path.of("my_model"))).run();   // a SavedModel, at its outputs
 * }</pre>
 *
 * @param networks the networks by label ({@code trained}, {@code untrained}, {@code shuffled}, …), in order
 * @param family the stimulus family
 * @param points probe points; empty for every point of the first network
 * @param batch θ values per run, in [1, 2^20]
 * @param runtime threads, device, precision (float32 by default here: the networks' own precision)
 * @param progress whether to log progress on standard error
 */
public record LayerProbe(Map<String, Network> networks, StimulusFamily family, List<String> points, int batch,
    RuntimeConfig runtime, boolean progress) {

  /** Validates the fields. */
  public LayerProbe {
    networks = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(networks));
    if (networks.isEmpty()) {
      throw new IllegalArgumentException("networks must hold at least one network");
    }
    for (String label : networks.keySet()) {
      if (!label.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
        throw new IllegalArgumentException("network label must be letters, digits, '.', '_' or '-', got '" + label + "'");
      }
    }
    Objects.requireNonNull(family, "family");
    points = List.copyOf(points);
    checkRange("batch", batch, 1, 1 << 20);
    Objects.requireNonNull(runtime, "runtime");
    List<String> known = networks.values().iterator().next().probePoints();
    for (String p : points) {
      if (!known.contains(p)) {
        throw new IllegalArgumentException("unknown probe point '" + p + "'; valid probe points: " + String.join(", ", known));
      }
    }
  }

  /** The layer-by-layer probe of {@code network} (labelled {@code trained}) with Gabors of its input size, every probe point. */
  public static LayerProbe of(Network network) {
    int side = network instanceof TorchvisionNetwork t ? t.imageSize()
        : network instanceof SavedModelNetwork m && m.imageSize() > 0 ? m.imageSize() : 32;
    Map<String, Network> m = new LinkedHashMap<>();
    m.put("trained", network);
    return new LayerProbe(m, Stimuli.gabor().size(side), List.of(), 30, RuntimeConfig.defaults(), true);
  }

  /** With this stimulus family. */
  public LayerProbe stimulus(StimulusFamily f) {
    return new LayerProbe(networks, f, points, batch, runtime, progress);
  }

  /** At these probe points (one pass for all). */
  public LayerProbe at(String... names) {
    return new LayerProbe(networks, family, List.of(names), batch, runtime, progress);
  }

  /** Also the network {@code label}. */
  public LayerProbe compare(String label, Network network) {
    Map<String, Network> m = new LinkedHashMap<>(networks);
    m.put(label, network);
    return new LayerProbe(m, family, points, batch, runtime, progress);
  }

  /**
   * The paper's controls of a torchvision network: {@code untrained} (torchvision's initialisation)
   * and {@code shuffled} (the authors' shuffle of its weights), both from {@code seed}.
   */
  public LayerProbe withControls(long seed) {
    return withControls(seed, List.of("untrained", "shuffled"));
  }

  /** Some of the controls ({@code untrained}, {@code shuffled}). */
  public LayerProbe withControls(long seed, List<String> which) {
    Network first = networks.values().iterator().next();
    if (!(first instanceof TorchvisionNetwork t)) {
      throw new IllegalArgumentException("controls are defined for torchvision networks; add others with compare(label, network)");
    }
    LayerProbe p = this;
    for (String c : which) {
      p = switch (c) {
        case "untrained" -> p.compare("untrained", t.untrained(seed));
        case "shuffled" -> p.compare("shuffled", t.shuffled(seed));
        default -> throw new IllegalArgumentException("unknown control '" + c + "'; known: untrained, shuffled");
      };
    }
    return p;
  }

  /** With {@code n} θ values rendered per run. */
  public LayerProbe batch(int n) {
    return new LayerProbe(networks, family, points, n, runtime, progress);
  }

  /** On this runtime. */
  public LayerProbe runtime(RuntimeConfig config) {
    return new LayerProbe(networks, family, points, batch, config, progress);
  }

  /** With or without progress lines. */
  public LayerProbe progress(boolean on) {
    return new LayerProbe(networks, family, points, batch, runtime, on);
  }

  /** The probe points measured. */
  public List<String> effectivePoints() {
    if (!points.isEmpty()) {
      return points;
    }
    return networks.values().iterator().next().probePoints().stream().filter(p -> !p.equals("output")).toList();
  }

  /**
   * The curves and what they show.
   *
   * @param theta the stimulus variable's grid
   * @param points the probe points, input side first
   * @param sensitivity per network label, {@code [point][θ]} of {@code D}
   * @param seconds per network label, the time it took
   */
  public record Results(double[] theta, List<String> points, Map<String, double[][]> sensitivity, Map<String, Double> seconds) {

    /** One network's curve at one point. */
    public double[] curve(String network, String point) {
      double[][] d = sensitivity.get(network);
      int i = points.indexOf(point);
      if (d == null || i < 0) {
        throw new IllegalArgumentException("no curve for network '" + network + "' at '" + point + "'; networks "
            + sensitivity.keySet() + ", points " + points);
      }
      return d[i];
    }

    /** The cardinal-bias index per point (orientation curves on [0, π]). */
    public Map<String, CardinalBias> cardinalBias(String network) {
      Map<String, CardinalBias> m = new LinkedHashMap<>();
      for (String p : points) {
        m.put(p, CardinalBias.of(theta, curve(network, p)));
      }
      return m;
    }

    /** Pearson's r between normalised √D and the histogram's density, per point (hue curves, degrees). */
    public Map<String, Double> hueCorrelation(String network, HueHistogram histogram) {
      Map<String, Double> m = new LinkedHashMap<>();
      for (String p : points) {
        m.put(p, CircularCurves.correlation(theta, normalisedRoot(curve(network, p)), HueHistogram.centres(),
            histogram.smoothed(2.0), 360));
      }
      return m;
    }

    /** {@code √D} divided by its sum over the grid (METHODS §B6: each curve sums to 1). */
    public static double[] normalisedRoot(double[] d) {
      double[] r = new double[d.length];
      double sum = 0;
      for (int i = 0; i < d.length; i++) {
        r[i] = Math.sqrt(Math.max(0, d[i]));
        sum += r[i];
      }
      for (int i = 0; i < r.length; i++) {
        r[i] = sum > 0 ? r[i] / sum : 0;
      }
      return r;
    }
  }

  /** Measures every network in turn. */
  public Results run() {
    List<String> pts = effectivePoints();
    for (Map.Entry<String, Network> e : networks.entrySet()) {
      List<String> known = e.getValue().probePoints();
      for (String p : pts) {
        if (!known.contains(p)) {
          throw new IllegalArgumentException("network '" + e.getKey() + "' has no probe point '" + p + "'");
        }
      }
    }
    Map<String, double[][]> out = new LinkedHashMap<>();
    Map<String, Double> seconds = new LinkedHashMap<>();
    for (Map.Entry<String, Network> e : networks.entrySet()) {
      long t0 = System.nanoTime();
      out.put(e.getKey(), measure(e.getKey(), e.getValue(), pts));
      seconds.put(e.getKey(), (System.nanoTime() - t0) / 1e9);
    }
    return new Results(family.values().clone(), pts, out, seconds);
  }

  private double[][] measure(String label, Network net, List<String> pts) {
    PrintStream log = System.err;
    double[] grid = family.values();
    int images = grid.length * family.nuisanceCount();
    String tag = "[probe " + net.name() + "/" + label + "]";
    if (progress) {
      log.printf(Locale.ROOT, "%s %d probe points, %d images of %dx%d%n", tag, pts.size(), images, family.height(), family.width());
    }
    if (net instanceof SavedModelNetwork saved) {
      try (SavedModelNetwork.Measurement m = saved.open(family, pts, runtime)) {
        return chunked(m::sensitivity, pts.size(), grid, tag, log);
      }
    }
    try (TfSession<? extends TFloating> s = TfSession.open(runtime)) {
      return measureIn(s, net, pts, grid, tag, log);
    }
  }

  private <T extends TFloating> double[][] measureIn(TfSession<T> s, Network net, List<String> pts, double[] grid, String tag,
      PrintStream log) {
    NetworkGraph<T> g = net.build(s, NetworkContext.of(net.inputWidth(0), 0));
    ProbeContext<T> ctx = new ProbeContext<>(s, g, null);
    return chunked(chunk -> {
      StimulusFamily part = new Subgrid(family, chunk);
      Sensitivity probe = Probes.sensitivity(part).at(pts.toArray(new String[0])).batch(chunk.length).subtractDataMean(false);
      return probe.attach(ctx).measure();
    }, pts.size(), grid, tag, log);
  }

  /** Measures {@code grid} in chunks of {@link #batch} values, logging progress every 10 s. */
  private double[][] chunked(java.util.function.Function<double[], double[][]> measure, int pointCount, double[] grid, String tag,
      PrintStream log) {
    double[][] rows = new double[pointCount][grid.length];
    long started = System.nanoTime();
    long lastLine = started;
    for (int from = 0; from < grid.length; from += batch) {
      double[] chunk = Arrays.copyOfRange(grid, from, Math.min(grid.length, from + batch));
      double[][] d = measure.apply(chunk);
      for (int p = 0; p < pointCount; p++) {
        System.arraycopy(d[p], 0, rows[p], from, chunk.length);
      }
      long now = System.nanoTime();
      int done = from + chunk.length;
      if (progress && (now - lastLine > 10_000_000_000L || done == grid.length)) {
        lastLine = now;
        double perTheta = (now - started) / 1e9 / done;
        log.printf(Locale.ROOT, "%s %d/%d %s values (%.0f%%), %.1f s, about %.0f s left%n", tag, done, grid.length,
            family.variable(), 100.0 * done / grid.length, (now - started) / 1e9, perTheta * (grid.length - done));
      }
    }
    return rows;
  }

  @Override
  public String toString() {
    return "LayerProbe" + networks.keySet() + " of " + family.name() + " at " + (points.isEmpty() ? "every point" : points);
  }

  /** A family on part of its grid, with its own closed-form tangents. */
  private record Subgrid(StimulusFamily f, double[] values) implements StimulusFamily {
    @Override
    public String name() {
      return f.name();
    }

    @Override
    public String variable() {
      return f.variable();
    }

    @Override
    public String unit() {
      return f.unit();
    }

    @Override
    public int nuisanceCount() {
      return f.nuisanceCount();
    }

    @Override
    public int height() {
      return f.height();
    }

    @Override
    public int width() {
      return f.width();
    }

    @Override
    public int channels() {
      return f.channels();
    }

    @Override
    public double finiteDifferenceStep() {
      return f.finiteDifferenceStep();
    }

    @Override
    public org.tensorflow.Operand<org.tensorflow.types.TFloat64> render(org.tensorflow.op.Ops tf,
        org.tensorflow.Operand<org.tensorflow.types.TFloat64> theta) {
      return f.render(tf, theta);
    }

    @Override
    public org.tensorflow.Operand<org.tensorflow.types.TFloat64>[] renderWithTangent(org.tensorflow.op.Ops tf,
        org.tensorflow.Operand<org.tensorflow.types.TFloat64> theta) {
      return f.renderWithTangent(tf, theta);
    }

    @Override
    public double[] reference(double theta, int nuisance) {
      return f.reference(theta, nuisance);
    }
  }
}
