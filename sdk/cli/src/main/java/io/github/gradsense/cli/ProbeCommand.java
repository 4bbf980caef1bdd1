package io.github.gradsense.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.gradsense.analysis.CardinalBias;
import io.github.gradsense.data.HueHistogram;
import io.github.gradsense.data.ImageSource;
import io.github.gradsense.data.NaturalImages;
import io.github.gradsense.experiment.LayerProbe;
import io.github.gradsense.network.Network;
import io.github.gradsense.network.Networks;
import io.github.gradsense.network.SavedModelNetwork;
import io.github.gradsense.network.Torchvision;
import io.github.gradsense.network.TorchvisionNetwork;
import io.github.gradsense.report.GitInfo;
import io.github.gradsense.report.HtmlReport;
import io.github.gradsense.report.Json;
import io.github.gradsense.report.OutputLock;
import io.github.gradsense.report.Plot;
import io.github.gradsense.report.Provenance;
import io.github.gradsense.report.RunWriter;
import io.github.gradsense.report.Verdict;
import io.github.gradsense.runtime.DeviceReport;
import io.github.gradsense.runtime.RuntimeConfig;
import io.github.gradsense.stimulus.Stimuli;
import io.github.gradsense.stimulus.StimulusFamily;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gradsense probe}: the paper's layer-by-layer sensitivities of a torchvision network with
 * the weights you have, against its untrained and weight-shuffled controls.
 *
 * <pre>
 * gradsense probe --model resnet18 --weights resnet18.safetensors --out probe/
 * gradsense probe --model vgg16_bn --weights vgg.npz --stimulus hue --images photos/ --at features.12,features.42
 * gradsense probe --model savedmodel:my_model --out probe/          # exact, at the serving signature's outputs
 * gradsense probe --model savedmodel:keras_export --finite-difference
 * </pre>
 */
@Command(name = "probe", mixinStandardHelpOptions = true,
    description = "Exact sensitivities of a torchvision network's or a SavedModel's layers to orientation or hue, with untrained and shuffled controls; "
        + "writes curves (CSV + .npy), the cardinal-bias index or the hue correlation per layer, figures, report.html and run.json.")
final class ProbeCommand implements Callable<Integer> {
  @Option(names = "--model", required = true, description = "resnet18, vgg16_bn, alexnet, or savedmodel:DIR (a TensorFlow SavedModel)")
  String model = "";

  @Option(names = "--weights", description = "the torchvision model's state_dict as safetensors or .npz (not for savedmodel:DIR)")
  @Nullable Path weights;

  @Option(names = "--finite-difference", description = "a SavedModel by the authors' central difference (for TF2/Keras models, "
      + "whose layers run inside one function-call op that TensorFlow cannot differentiate from Java)")
  boolean finiteDifference;

  @Option(names = "--stimulus", description = "gabor, hue or grating (default: ${DEFAULT-VALUE})", defaultValue = "gabor")
  String stimulus = "gabor";

  @Option(names = "--at", split = ",", description = "probe points (torchvision module paths), or all (default: the paper's layers)")
  List<String> at = List.of();

  @Option(names = "--controls", split = ",", description = "untrained, shuffled, or none (default: both)")
  List<String> controls = List.of("untrained", "shuffled");

  @Option(names = "--images", description = "photographs for the hue histogram (default: the configured or embedded images)")
  @Nullable Path images;

  @Option(names = "--size", description = "image side in pixels (default: ${DEFAULT-VALUE})", defaultValue = "224")
  int size = 224;

  @Option(names = "--values", description = "orientations or hues on the curve (default: 180 orientations, 360 hues)")
  @Nullable Integer values;

  @Option(names = "--phases", description = "Gabor or grating phases per orientation (default: ${DEFAULT-VALUE})", defaultValue = "10")
  int phases = 10;

  @Option(names = "--seed", description = "seed of the controls (default: ${DEFAULT-VALUE})", defaultValue = "1")
  long seed = 1;

  @Option(names = "--batch", description = "curve values per run, bounds memory (default: ${DEFAULT-VALUE})", defaultValue = "6")
  int batch = 6;

  @Option(names = "--out", description = "output folder (default: ${DEFAULT-VALUE})", defaultValue = "probe")
  Path out = Path.of("probe");

  @CommandLine.Spec
  CommandLine.Model.@Nullable CommandSpec spec;

  private CommandLine.ParameterException bad(String message) {
    return new CommandLine.ParameterException(spec.commandLine(), message);
  }

  /** SHA-256 over a SavedModel folder's files (relative path and content, in path order). */
  static String directoryHash(Path dir) {
    try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
      com.google.common.hash.Hasher h = com.google.common.hash.Hashing.sha256().newHasher();
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        h.putString(dir.relativize(f).toString(), java.nio.charset.StandardCharsets.UTF_8).putBytes(Files.readAllBytes(f));
      }
      return h.hash().toString();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot read " + dir, e);
    }
  }

  /** The layers the paper plots: ResNet18's ten children; VGG16-BN's 44 feature modules; AlexNet's first 12. */
  static List<String> paperLayers(TorchvisionNetwork net) {
    List<String> points = net.probePoints();
    return switch (net.architecture().family()) {
      case RESNET -> List.of("conv1", "bn1", "relu", "maxpool", "layer1", "layer2", "layer3", "layer4", "avgpool", "fc");
      case VGG16_BN -> points.stream().filter(p -> p.startsWith("features.")).toList();
      case ALEXNET -> points.stream().filter(p -> p.startsWith("features.")).limit(12).toList();
    };
  }

  @Override
  public Integer call() {
    if (images != null && !Files.isDirectory(images)) {
      throw bad("--images " + images + " is not a folder");
    }
    if (Files.exists(out) && !Files.isDirectory(out)) {
      throw bad("--out " + out + " exists and is not a folder");
    }
    boolean sizeGiven = spec.commandLine().getParseResult().hasMatchedOption("--size");
    boolean controlsGiven = spec.commandLine().getParseResult().hasMatchedOption("--controls");
    Network net;
    List<String> known;
    List<String> defaults;
    String weightsLabel;
    String sha;
    if (model.startsWith("savedmodel:")) {
      // a SavedModel holds its own weights; its interface is read from saved_model.pb before native work
      Path dir = Path.of(model.substring("savedmodel:".length()));
      SavedModelNetwork saved;
      try {
        saved = Networks.savedModel(dir);
      } catch (IllegalArgumentException e) {
        throw bad("--model: " + e.getMessage());
      }
      if (weights != null) {
        throw bad("--weights does not apply to --model savedmodel:DIR (its weights are in " + dir.resolve("variables") + ")");
      }
      if (controlsGiven && !controls.equals(List.of("none"))) {
        throw bad("--controls untrained/shuffled are defined for torchvision architectures; a SavedModel is probed as it is");
      }
      if (saved.imageSize() > 0 && sizeGiven && size != saved.imageSize()) {
        throw bad("--size " + size + ": " + saved.name() + " takes " + saved.imageSize() + "-pixel images");
      }
      size = saved.imageSize() > 0 ? saved.imageSize() : size;
      net = finiteDifference ? saved.finiteDifference() : saved;
      known = saved.probePoints();
      defaults = known;
      weightsLabel = dir.toAbsolutePath().toString();
      sha = directoryHash(dir);
      controls = List.of();
    } else {
      if (finiteDifference) {
        throw bad("--finite-difference applies to --model savedmodel:DIR; torchvision networks are probed exactly");
      }
      TorchvisionNetwork tv;
      try {
        tv = Torchvision.byName(model);
      } catch (IllegalArgumentException e) {
        throw bad("--model: " + e.getMessage() + ", or savedmodel:DIR");
      }
      try {
        tv = tv.imageSize(size);
      } catch (IllegalArgumentException e) {
        throw bad("--size " + size + ": " + e.getMessage());
      }
      if (weights == null || !Files.isRegularFile(weights)) {
        throw bad("--weights " + weights + " is not a file");
      }
      tv = tv.weights(weights);
      known = tv.probePoints();
      defaults = paperLayers(tv);
      // the weights are read and checked against the architecture before any native work
      try {
        sha = tv.stateDict().sha256();
      } catch (IllegalArgumentException e) {
        throw bad("--weights: " + e.getMessage());
      }
      weightsLabel = weights.toAbsolutePath().toString();
      net = tv;
    }
    StimulusFamily family;
    try {
      family = switch (stimulus) {
        case "gabor" -> Stimuli.gabor().size(size).orientations(values == null ? 180 : values).phases(phases);
        case "grating" -> Stimuli.rotatedGrating().size(size).orientations(values == null ? 180 : values).phases(phases);
        case "hue" -> Stimuli.uniformHue().size(size).hues(values == null ? 360 : values);
        default -> throw bad("--stimulus must be gabor, hue or grating, got '" + stimulus + "'");
      };
      if (!stimulus.equals("hue")) {         // the cardinal-bias index needs samples near 0°, 45°, 90° and 135°
        CardinalBias.of(family.values(), new double[family.values().length]);
      }
    } catch (IllegalArgumentException e) {
      throw bad("--size " + size + ", --values " + (values == null ? "(default)" : values) + ", --phases " + phases + ": "
          + e.getMessage());
    }
    if (batch < 1 || batch > 100_000) {
      throw bad("--batch must be in [1, 100000], got " + batch);
    }
    List<String> points = at.equals(List.of("all")) ? known.stream().filter(p -> !p.equals("output") || net instanceof SavedModelNetwork)
        .toList() : at.isEmpty() ? defaults : at;
    for (String p : points) {
      if (!known.contains(p)) {
        throw bad("--at: unknown probe point '" + p + "'; valid probe points: " + String.join(", ", known));
      }
    }
    List<String> chosen = controls.equals(List.of("none")) ? List.of() : controls;
    for (String c : chosen) {
      if (!c.equals("untrained") && !c.equals("shuffled")) {
        throw bad("--controls must be untrained, shuffled or none, got '" + c + "'");
      }
    }
    LayerProbe probe = LayerProbe.of(net).stimulus(family).at(points.toArray(new String[0])).batch(batch);
    if (!chosen.isEmpty()) {
      probe = probe.withControls(seed, chosen);
    }

    Map<String, JsonNode> config = new LinkedHashMap<>();
    config.put("command", Json.describe(spec.commandLine().getParseResult().originalArgs()));
    config.put("model", Json.describe(net.name()));
    config.put("weights", Json.describe(weightsLabel));
    config.put("weightsSha256", Json.describe(sha));
    if (net instanceof SavedModelNetwork saved) {
      config.put("method", Json.describe(saved.method().name().toLowerCase(Locale.ROOT)));
    }
    config.put("stimulus", Json.describe(family.name() + " (" + family.variable() + ", " + family.values().length + " values × "
        + family.nuisanceCount() + " nuisance images, " + size + " px)"));
    config.put("points", Json.describe(points));
    config.put("controls", Json.describe(chosen));
    Provenance record = new Provenance("gradsense-probe", seed, config, DeviceReport.of(RuntimeConfig.defaults()),
        GitInfo.commit(Path.of("")).orElse(null), Instant.now().toString(), null, "running", List.of(), Map.of());
    try (OutputLock lock = OutputLock.acquire(out, "probe --model " + model)) {
      try (RunWriter w = RunWriter.open(out)) {
        w.writeRunJson(record);
        LayerProbe.Results r = probe.run();
        List<Plot.Figure> figures = new ArrayList<>();
        HtmlReport html = HtmlReport.titled("gradsense probe " + net.name() + " (" + family.variable() + ")");
        writeCurves(w, r);
        boolean orientation = family.variable().equals("orientation");
        if (orientation) {
          figures.add(cardinalBias(w, r, html, net.name()));
        } else if (family.variable().equals("hue")) {
          ImageSource source = images != null ? ImageSource.folder(images) : NaturalImages.configured();
          figures.add(hue(w, r, html, HueHistogram.of(source), net.name()));
        }
        figures.add(curves(w, r, "trained", family));
        html.section(net.name() + " layer by layer", out, out, figures);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("seconds", r.seconds());
        Provenance done = record.finished("complete", Instant.now().toString(), summary);
        w.writeRunJson(done);
        done.config().forEach((k, v) -> html.provenance(k, v.isTextual() ? v.asText() : v.toString()));
        html.provenance("device report", done.device().toString());
        html.provenance("git commit", done.gitCommit() == null ? "not in a git checkout" : done.gitCommit());
        html.provenance("started", done.startedAt());
        html.provenance("finished", String.valueOf(done.finishedAt()));
        html.writeTo(w);
      } catch (RuntimeException e) {
        try (RunWriter w = RunWriter.open(out)) {
          w.writeRunJson(record.finished("failed: " + e.getMessage(), Instant.now().toString(), Map.of()));
        }
        throw e;
      }
    }
    System.out.printf("report: %s%n", out.resolve("report.html").toAbsolutePath());
    return 0;
  }

  /** {@code sensitivity-<network>.csv} (point, depth, θ, D, normalised √D) and {@code .npy} ([point][θ]), {@code theta.npy}. */
  private static void writeCurves(RunWriter w, LayerProbe.Results r) {
    w.writeNpy("theta", new double[][] {r.theta()});
    for (Map.Entry<String, double[][]> e : r.sensitivity().entrySet()) {
      StringBuilder csv = new StringBuilder("point,depth,theta,D,sqrtD_normalised\n");
      for (int p = 0; p < r.points().size(); p++) {
        double[] norm = LayerProbe.Results.normalisedRoot(e.getValue()[p]);
        for (int i = 0; i < r.theta().length; i++) {
          csv.append(String.format(Locale.ROOT, "%s,%d,%.9g,%.9g,%.9g%n", r.points().get(p), p + 1, r.theta()[i], e.getValue()[p][i],
              norm[i]));
        }
      }
      w.writeAtomically("sensitivity-" + e.getKey() + ".csv", csv.toString());
      w.writeNpy("sensitivity-" + e.getKey(), e.getValue());
    }
  }

  private static Plot.Figure cardinalBias(RunWriter w, LayerProbe.Results r, HtmlReport html, String model) {
    double[] depth = new double[r.points().size()];
    for (int i = 0; i < depth.length; i++) {
      depth[i] = i + 1;
    }
    StringBuilder csv = new StringBuilder("point,depth");
    r.sensitivity().keySet().forEach(k -> csv.append(',').append(k));
    csv.append('\n');
    Map<String, double[]> cbi = new LinkedHashMap<>();
    for (String k : r.sensitivity().keySet()) {
      Map<String, CardinalBias> b = r.cardinalBias(k);
      cbi.put(k, r.points().stream().mapToDouble(p -> b.get(p).index()).toArray());
    }
    for (int i = 0; i < depth.length; i++) {
      csv.append(r.points().get(i)).append(',').append(i + 1);
      for (double[] v : cbi.values()) {
        csv.append(String.format(Locale.ROOT, ",%.6f", v[i]));
      }
      csv.append('\n');
    }
    w.writeAtomically("cardinal-bias.csv", csv.toString());
    Plot plot = Plot.titled(model + ": cardinal-bias index by layer (√D, ±5° windows; 1 = no preference)", "layer (depth)", "CBI");
    cbi.forEach((k, v) -> plot.points(k, depth, v));
    plot.theory("no preference", new double[] {1, depth.length}, new double[] {1, 1});
    for (Map.Entry<String, double[]> e : cbi.entrySet()) {
      double[] v = e.getValue();
      Verdict verdict = Verdict.of(model + " " + e.getKey(), "cardinal-bias index of the deepest probed layer ("
          + r.points().get(v.length - 1) + ") above 1", v[v.length - 1] > 1);
      for (int i = 0; i < v.length; i++) {
        verdict = verdict.with(r.points().get(i), v[i]);
      }
      html.verdict(verdict);
    }
    return plot.writeTo(w, "cardinal-bias-by-depth");
  }

  private static Plot.Figure hue(RunWriter w, LayerProbe.Results r, HtmlReport html, HueHistogram histogram, String model) {
    StringBuilder csv = new StringBuilder("point,depth");
    r.sensitivity().keySet().forEach(k -> csv.append(',').append(k));
    csv.append('\n');
    Map<String, Map<String, Double>> corr = new LinkedHashMap<>();
    for (String k : r.sensitivity().keySet()) {
      corr.put(k, r.hueCorrelation(k, histogram));
    }
    for (int i = 0; i < r.points().size(); i++) {
      String p = r.points().get(i);
      csv.append(p).append(',').append(i + 1);
      for (Map<String, Double> c : corr.values()) {
        csv.append(String.format(Locale.ROOT, ",%.6f", c.get(p)));
      }
      csv.append('\n');
    }
    w.writeAtomically("hue-correlation.csv", csv.toString());
    for (Map.Entry<String, Map<String, Double>> e : corr.entrySet()) {
      String deepest = r.points().get(r.points().size() - 1);
      Verdict v = Verdict.of(model + " " + e.getKey(), "√D of the deepest probed layer (" + deepest
          + ") correlates positively with the hue histogram (Pearson r, circular)", e.getValue().get(deepest) > 0);
      for (Map.Entry<String, Double> c : e.getValue().entrySet()) {
        v = v.with(c.getKey(), c.getValue());
      }
      html.verdict(v);
    }
    String deepest = r.points().get(r.points().size() - 1);
    double[] density = histogram.density();
    double[] hues = HueHistogram.centres();
    Plot plot = Plot.titled(model + " " + deepest + ": normalised √D against the hue histogram", "hue (deg)", "share");
    for (String k : r.sensitivity().keySet()) {
      double[] n = LayerProbe.Results.normalisedRoot(r.curve(k, deepest));
      double scale = (double) r.theta().length / hues.length;
      plot.line(k, r.theta(), Arrays.stream(n).map(x -> x * scale).toArray());
    }
    plot.theory("hue histogram (per degree)", hues, density);
    return plot.writeTo(w, "hue-vs-histogram");
  }

  private static Plot.Figure curves(RunWriter w, LayerProbe.Results r, String network, StimulusFamily family) {
    boolean orientation = family.variable().equals("orientation");
    Plot plot = Plot.titled(network + ": normalised √D by layer (" + family.variable() + ")",
        family.variable() + (orientation ? " (deg)" : " (" + family.unit() + ")"), "√D (normalised)");
    int n = r.points().size();
    int shown = Math.min(6, n);
    for (int j = 0; j < shown; j++) {
      int i = shown == 1 ? 0 : Math.round((float) j * (n - 1) / (shown - 1));
      double[] x = orientation ? Arrays.stream(r.theta()).map(Math::toDegrees).toArray() : r.theta();
      plot.line(r.points().get(i), x, LayerProbe.Results.normalisedRoot(r.curve(network, r.points().get(i))));
    }
    return plot.writeTo(w, "curves-" + network);
  }
}
