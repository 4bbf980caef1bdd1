package io.github.gradsense.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.gradsense.analysis.LogLogFit;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The benchmark table the project keeps: reads JMH's JSON results ({@code -rf json}, one or more
 * files) and the peers' JSON lines (one line per workload, from {@code src/main/python/*_peer.py})
 * and writes one Markdown document: the workloads against their PyTorch/numpy peers and against the
 * machine's GEMM (the {@code MatMulBenchmark} row, which must be present), then the cost-against-size
 * fits ({@code time ∝ size^k}) with predictions at the papers' full sizes.
 *
 * <pre>
 * java -cp benchmarks.jar io.github.gradsense.benchmarks.BenchmarkTable --meta meta.json \
 *     --jmh main.json --jmh sweep.json --peers peers.jsonl --out target/benchmark-table.md
 * </pre>
 *
 * <p>Ratios: "vs peer" is the peer's median over gradsense's (above 1: gradsense is faster);
 * "× GEMM" is gradsense's median over the GEMM row's, the time of one 16384 × 1024 × 1024 float32
 * product measured in the same run.
 */
public final class BenchmarkTable {
  /** The GEMM row every table needs: the ceiling the other rows are compared with. */
  public static final String GEMM = "MatMulBenchmark.gemm16384x1024x1024";

  private static final double GEMM_GFLOP = 2.0 * 16_384 * 1024 * 1024 / 1e9;
  private static final double MLP_GFLOP_PER_SAMPLE = 6.0 * (4096 * 1024 + 1024 * 256 + 256 * 60) / 1e9;

  /**
   * One JMH result: benchmark {@code Class.method}, its parameters, and its iteration times in ms.
   *
   * @param benchmark simple class name and method, e.g. {@code MatMulBenchmark.gemm16384x1024x1024}
   * @param params JMH parameters
   * @param times one time per measurement iteration (or shot), milliseconds per operation
   */
  public record Result(String benchmark, Map<String, String> params, double[] times) {
    /** Median time, ms. */
    public double median() {
      return BenchmarkTable.median(times);
    }

    boolean matches(String name, Map<String, String> fixed) {
      if (!benchmark.equals(name)) {
        return false;
      }
      for (Map.Entry<String, String> e : fixed.entrySet()) {
        if (!e.getValue().equals(params.get(e.getKey()))) {
          return false;
        }
      }
      return true;
    }
  }

  /**
   * One peer's line: {@code {"id": …, "peer": …, "median_ms": …, "min_ms": …, "max_ms": …, "params": {…}}}.
   *
   * @param id workload id, e.g. {@code numpy/gemm}
   * @param peer who ran it, e.g. {@code numpy 2.3.5}
   * @param median median over repeats, ms
   * @param min fastest repeat, ms
   * @param max slowest repeat, ms
   * @param params the workload's sizes, compared with the JMH row's where both name one
   */
  public record Peer(String id, String peer, double median, double min, double max, Map<String, String> params) {}

  /** A row: a JMH benchmark with these parameters; {@code sizes} names what a parameter 0 stands for. */
  private record Row(String workload, String size, String benchmark, Map<String, String> fixed, double gflop,
      List<String> peers, Map<String, String> sizes) {
    Row(String workload, String size, String benchmark, Map<String, String> fixed, double gflop, List<String> peers) {
      this(workload, size, benchmark, fixed, gflop, peers, Map.of());
    }
  }

  private static Row drawing(String network, String drawing, String workload, String size) {
    return new Row(workload, size, "BatchDrawingBenchmark.step", Map.of("network", network, "drawing", drawing), 0, List.of());
  }

  private record Sweep(String workload, String benchmark, String sizeParam, Map<String, String> fixed, int zeroMeans,
      double ciSize, double fullSize, long fullRepeats, String fullNote) {}

  /** The comparison table's rows, in order; a row without a JMH result is left out (except GEMM). */
  private static final List<Row> ROWS = List.of(
      new Row("float32 GEMM `XᵀX`", "16384×1024×1024", GEMM, Map.of(), GEMM_GFLOP, List.of("numpy/gemm")),
      aeRow("tied"), aeRow("untied-2"), aeRow("untied-3"),
      egRow("tied"), egRow("untied-2"), egRow("untied-3"),
      new Row("small CNN SGD step (C2/C3 net), drawing crops", "batch 128", "SgdStepBenchmark.step",
          Map.of("network", "cnn", "batch", "0"), 0, List.of("torch/cnn-step"), Map.of("batch", "128")),
      new Row("  drawing the batch alone", "batch 128", "SgdStepBenchmark.batchOnly",
          Map.of("network", "cnn", "batch", "0"), 0, List.of("torch/cnn-batch"), Map.of("batch", "128")),
      new Row("Fig. 6 MLP step 4096→1024→256→60, drawing gratings", "batch 256", "SgdStepBenchmark.step",
          Map.of("network", "mlp", "batch", "0"), 256 * MLP_GFLOP_PER_SAMPLE, List.of("torch/mlp-step"),
          Map.of("batch", "256")),
      new Row("  drawing the gratings alone", "batch 256", "SgdStepBenchmark.batchOnly",
          Map.of("network", "mlp", "batch", "0"), 0, List.of("torch/mlp-batch"), Map.of("batch", "256")),
      drawing("cnn", "ahead", "small CNN step, crops drawn ahead (the default)", "batch 128"),
      drawing("cnn", "spot", "  same, drawn on the spot", "batch 128"),
      drawing("cnn", "fixed", "  same, one fixed batch (the step alone)", "batch 128"),
      drawing("mlp", "ahead", "Fig. 6 MLP step, gratings drawn ahead (the default)", "batch 256"),
      drawing("mlp", "spot", "  same, drawn on the spot", "batch 256"),
      drawing("mlp", "fixed", "  same, one fixed batch (the step alone)", "batch 256"),
      new Row("CNN orientation curve, exact, 6 points", "1800 Gabors 32²", "OrientationCurveBenchmark.exact",
          Map.of("network", "cnn", "images", "1800", "points", "6"), 0, List.of("functorch/cnn-curve")),
      new Row("  same, plain forward pass", "1800 Gabors 32²", "OrientationCurveBenchmark.forward",
          Map.of("network", "cnn", "images", "1800", "points", "6"), 0, List.of("torch/cnn-forward")),
      new Row("linear AE orientation curve, exact", "1800 Gabors 32²", "OrientationCurveBenchmark.exact",
          Map.of("network", "linear", "images", "1800"), 0, List.of()),
      new Row("  same, plain forward pass", "1800 Gabors 32²", "OrientationCurveBenchmark.forward",
          Map.of("network", "linear", "images", "1800"), 0, List.of()),
      new Row("ResNet18 orientation curve, exact, 15 points", "", "ResNet18CurveBenchmark.exact", Map.of(), 0,
          List.of("functorch/resnet18-curve")),
      new Row("pathways step, depth 7", "width 1000", "PathwayStepBenchmark.step", Map.of("width", "1000", "depth", "7"),
          0, List.of()),
      new Row("pathways step, depth 7", "width 100", "PathwayStepBenchmark.step", Map.of("width", "100", "depth", "7"),
          0, List.of()));

  /** The cost-against-size sweeps; a sweep with no JMH point is left out. */
  private static final List<Sweep> SWEEPS = List.of(
      new Sweep("linear AE step (untied-2) vs width, batch 8192", "LinearStepScalingBenchmark.step", "width",
          Map.of("batch", "8192"), 0, 256, 1024, 1, "width 1024 (32×32 patches)"),
      new Sweep("linear AE step (untied-2) vs batch, width 1024", "LinearStepScalingBenchmark.step", "batch",
          Map.of("width", "1024"), 0, 4096, 16_384, 1, "batch 16,384"),
      new Sweep("CNN exact curve (6 points) vs stimuli", "OrientationCurveBenchmark.exact", "images",
          Map.of("network", "cnn", "points", "6"), 0, 1800, 1800, 1, "180 orientations × 10 phases"),
      new Sweep("CNN exact curve (1800 stimuli) vs probe points", "OrientationCurveBenchmark.exact", "points",
          Map.of("network", "cnn", "images", "1800"), 0, 6, 6, 1, "all 6 points"),
      new Sweep("small CNN SGD step vs batch", "SgdStepBenchmark.step", "batch", Map.of("network", "cnn"), 128, 128, 128,
          10_000, "10,000 steps at batch 128, per net"),
      new Sweep("Fig. 6 MLP step vs batch", "SgdStepBenchmark.step", "batch", Map.of("network", "mlp"), 256, 512, 2048, 1,
          "batch 2048 (C5)"),
      new Sweep("pathways step (depth 7) vs width", "PathwayStepBenchmark.step", "width", Map.of("depth", "7"), 0, 250,
          1000, 1, "width 1000 (C6)"));

  private BenchmarkTable() {}

  private static Row aeRow(String net) {
    List<String> peers = net.equals("tied") ? List.of("torch/linear-ae-step/tied", "numpy/linear-ae-step/tied")
        : List.of("torch/linear-ae-step/" + net, "numpy/linear-ae-step/" + net);
    return new Row("linear AE mini-batch step, " + net, "batch 16,384, width 1024", "LinearAutoencoderBenchmark.miniBatchStep",
        Map.of("network", net, "noise", "CONDITIONAL"), 0, peers);
  }

  private static Row egRow(String net) {
    return new Row("expected-gradient step, " + net, "width 1024", "LinearAutoencoderBenchmark.expectedGradientStep",
        Map.of("network", net, "noise", "CONDITIONAL"), 0, List.of("torch/expected-gradient/" + net));
  }

  /**
   * Reads one JMH JSON result file's content ({@code -rf json}).
   *
   * @throws IllegalArgumentException when it is not JMH's format
   */
  public static List<Result> readJmh(String json) throws IOException {
    JsonNode root = new ObjectMapper().readTree(json);
    if (root == null || !root.isArray()) {
      throw new IllegalArgumentException("JMH results: expected a JSON array (java -jar benchmarks.jar -rf json)");
    }
    List<Result> out = new ArrayList<>();
    for (JsonNode b : root) {
      String full = text(b, "benchmark", "JMH result");
      int cut = full.lastIndexOf('.', full.lastIndexOf('.') - 1);
      String name = full.substring(cut + 1);
      JsonNode metric = b.path("primaryMetric");
      double scale = toMillis(text(metric, "scoreUnit", name));
      List<Double> times = new ArrayList<>();
      for (JsonNode fork : metric.path("rawData")) {
        for (JsonNode v : fork) {
          times.add(v.asDouble() * scale);
        }
      }
      if (times.isEmpty()) {
        throw new IllegalArgumentException(name + ": no primaryMetric.rawData (did the benchmark fail?)");
      }
      Map<String, String> params = new TreeMap<>();
      b.path("params").fields().forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
      out.add(new Result(name, params, times.stream().mapToDouble(Double::doubleValue).toArray()));
    }
    return out;
  }

  /**
   * Reads the peers' output: every line starting with <code>{</code> is one workload; other lines
   * (progress) are skipped.
   *
   * @throws IllegalArgumentException on a malformed line, a missing field or an id seen twice
   */
  public static List<Peer> readPeers(List<String> lines) throws IOException {
    ObjectMapper json = new ObjectMapper();
    Map<String, Peer> out = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (!line.startsWith("{")) {
        continue;
      }
      String where = "peer line " + (i + 1);
      JsonNode n = json.readTree(line);
      String id = text(n, "id", where);
      Map<String, String> params = new TreeMap<>();
      n.path("params").fields().forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
      Peer p = new Peer(id, n.path("peer").asText(id), number(n, "median_ms", where), number(n, "min_ms", where),
          number(n, "max_ms", where), params);
      if (out.put(id, p) != null) {
        throw new IllegalArgumentException(where + ": peer workload " + id + " appears twice");
      }
    }
    return List.copyOf(out.values());
  }

  /**
   * The whole Markdown document.
   *
   * @param meta header fields (cpu, threads, date, commit, versions, mode), in order
   * @param results every JMH result of the run
   * @param peers every peer workload of the run
   * @throws IllegalArgumentException when the GEMM row is missing, or a peer ran another size than its row
   */
  public static String render(Map<String, String> meta, List<Result> results, List<Peer> peers) {
    Result gemm = results.stream().filter(r -> r.benchmark().equals(GEMM)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no " + GEMM + " result: the GEMM ceiling row is required"
            + " (include MatMulBenchmark in the JMH run)"));
    Map<String, Peer> byId = new LinkedHashMap<>();
    peers.forEach(p -> byId.put(p.id(), p));
    StringBuilder b = new StringBuilder("## Benchmarks\n\n");
    meta.forEach((k, v) -> b.append("- ").append(k).append(": ").append(v).append('\n'));
    b.append("\n| workload | size | gradsense median (min–max) | GFLOP/s | peer median (min–max) | vs peer | × GEMM |\n")
        .append("|---|---|---|---|---|---|---|\n");
    for (Row row : ROWS) {
      for (Result r : results) {
        if (!r.matches(row.benchmark(), row.fixed())) {
          continue;
        }
        double t = r.median();
        String size = row.size().isEmpty() ? paramsLabel(r.params()) : row.size();
        Map<String, String> ran = new TreeMap<>(r.params());
        ran.putAll(row.sizes());
        List<String> peerCells = new ArrayList<>();
        List<String> ratios = new ArrayList<>();
        for (String id : row.peers()) {
          Peer p = byId.get(id);
          if (p == null) {
            continue;
          }
          for (Map.Entry<String, String> e : p.params().entrySet()) {
            String mine = ran.get(e.getKey());
            if (mine != null && !mine.equals(e.getValue())) {
              throw new IllegalArgumentException("peer " + id + " ran " + e.getKey() + "=" + e.getValue() + " but "
                  + r.benchmark() + " ran " + e.getKey() + "=" + mine);
            }
          }
          peerCells.add(p.peer() + ": " + time(p.median()) + " (" + range(p.min(), p.max()) + ")");
          ratios.add(fmt(p.median() / t) + "×");
        }
        b.append("| ").append(row.workload()).append(" | ").append(size).append(" | ").append(time(t)).append(" (")
            .append(range(min(r.times()), max(r.times()))).append(") | ")
            .append(row.gflop() > 0 ? fmt(row.gflop() / (t / 1000)) : "—").append(" | ")
            .append(peerCells.isEmpty() ? "—" : String.join("; ", peerCells)).append(" | ")
            .append(ratios.isEmpty() ? "—" : String.join(" / ", ratios)).append(" | ")
            .append(fmt(t / gemm.median())).append("× |\n");
      }
    }
    b.append("\nvs peer: the peer's median over gradsense's (above 1: gradsense is faster). × GEMM: gradsense's median"
        + " over the GEMM row's (one 16384×1024×1024 float32 product, ").append(time(gemm.median()))
        .append(", in this run). Spread: fastest and slowest JMH measurement iteration, or peer repeat. GFLOP/s only"
            + " where the work has one count: GEMM 2·16384·1024², the MLP step 6·batch·(multiply-adds of a forward pass).\n");
    b.append(scaling(results));
    return b.toString();
  }

  private static String scaling(List<Result> results) {
    StringBuilder b = new StringBuilder("\n### Cost against size\n\n| workload | sizes | exponent k | R² | max residual "
        + "| at CI size | predicted at full size |\n|---|---|---|---|---|---|---|\n");
    int rows = 0;
    for (Sweep s : SWEEPS) {
      Map<Double, Double> points = new TreeMap<>();
      for (Result r : results) {
        String v = r.params().get(s.sizeParam());
        if (v != null && r.matches(s.benchmark(), s.fixed())) {
          double size = Double.parseDouble(v);
          points.putIfAbsent(size == 0 ? s.zeroMeans() : size, r.median());
        }
      }
      if (points.isEmpty()) {
        continue;
      }
      rows++;
      double[] x = points.keySet().stream().mapToDouble(Double::doubleValue).toArray();
      double[] y = points.values().stream().mapToDouble(Double::doubleValue).toArray();
      String sizes = s.sizeParam() + " " + String.join(", ", Arrays.stream(x).mapToObj(BenchmarkTable::integer).toList());
      if (x.length < 2) {
        b.append("| ").append(s.workload()).append(" | ").append(sizes).append(" | needs ≥ 2 sizes | | | | |\n");
        continue;
      }
      LogLogFit fit = LogLogFit.of(x, y);
      double worst = 0;
      for (int i = 0; i < x.length; i++) {
        worst = Math.max(worst, Math.abs(Math.log(y[i] / predict(fit, x[i]))));
      }
      double full = predict(fit, s.fullSize()) * s.fullRepeats();
      b.append("| ").append(s.workload()).append(" | ").append(sizes).append(" | ")
          .append(String.format(Locale.ROOT, "%.2f", fit.slope())).append(" | ")
          .append(String.format(Locale.ROOT, "%.3f", fit.rSquared())).append(" | ±")
          .append(String.format(Locale.ROOT, "%.1f", 100 * (Math.exp(worst) - 1))).append(" % | ").append(integer(s.ciSize())).append(": ")
          .append(time(predict(fit, s.ciSize()))).append(" | ").append(s.fullNote()).append(": ").append(time(full))
          .append(" |\n");
    }
    if (rows == 0) {
      return "\n### Cost against size\n\nNo sweep was run (run without an include pattern).\n";
    }
    return b.append("\nk: least-squares slope of log time against log size (time ∝ size^k); R² and the largest"
        + " residual of that line, in per cent of the fitted time. Predictions: the fitted line at the papers' full sizes"
        + " (`-Dgradsense.full=true`), per step or curve unless stated.\n").toString();
  }

  private static double predict(LogLogFit fit, double x) {
    return fit.prefactor() * Math.pow(x, fit.slope());
  }

  /**
   * Writes the table: {@code --meta FILE} (a JSON object of header fields), {@code --jmh FILE}
   * (repeatable), {@code --peers FILE} (optional), {@code --out FILE}, {@code --copy FILE}
   * (optional, repeatable). Each file is written whole, through a temporary file and a move.
   */
  public static void main(String[] args) throws IOException {
    Map<String, String> meta = new LinkedHashMap<>();
    List<Result> results = new ArrayList<>();
    List<Peer> peers = List.of();
    List<Path> outs = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(args[i] + " needs a value");
      }
      Path p = Path.of(args[++i]);
      switch (args[i - 1]) {
        case "--meta" -> new ObjectMapper().readTree(p.toFile()).fields()
            .forEachRemaining(e -> meta.put(e.getKey(), e.getValue().asText()));
        case "--jmh" -> results.addAll(readJmh(Files.readString(p)));
        case "--peers" -> peers = readPeers(Files.readAllLines(p));
        case "--out", "--copy" -> outs.add(p);
        default -> throw new IllegalArgumentException("unknown option " + args[i - 1]
            + " (--meta F --jmh F... --peers F --out F --copy F...)");
      }
    }
    if (outs.isEmpty()) {
      throw new IllegalArgumentException("--out FILE is required");
    }
    String table = render(meta, results, peers);
    for (Path out : outs) {
      Path dir = out.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, ".table", ".md");
      Files.writeString(tmp, table, StandardCharsets.UTF_8);
      Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      System.out.println("benchmark table: " + out);
    }
  }

  private static String text(JsonNode n, String field, String where) {
    JsonNode v = n.get(field);
    if (v == null || !v.isTextual()) {
      throw new IllegalArgumentException(where + ": missing text field \"" + field + "\"");
    }
    return v.asText();
  }

  private static double number(JsonNode n, String field, String where) {
    JsonNode v = n.get(field);
    if (v == null || !v.isNumber() || !(v.asDouble() > 0)) {
      throw new IllegalArgumentException(where + ": \"" + field + "\" must be a positive number, got " + v);
    }
    return v.asDouble();
  }

  private static double toMillis(String unit) {
    return switch (unit) {
      case "s/op" -> 1000;
      case "ms/op" -> 1;
      case "us/op" -> 1e-3;
      case "ns/op" -> 1e-6;
      default -> throw new IllegalArgumentException("unsupported JMH score unit " + unit + " (use a time per operation)");
    };
  }

  static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }

  private static double min(double[] v) {
    return Arrays.stream(v).min().orElseThrow();
  }

  private static double max(double[] v) {
    return Arrays.stream(v).max().orElseThrow();
  }

  private static String paramsLabel(Map<String, String> params) {
    List<String> parts = new ArrayList<>();
    params.forEach((k, v) -> parts.add(k + " " + v));
    return String.join(", ", parts);
  }

  /** Three significant figures (two below 0.1). */
  static String fmt(double v) {
    if (v >= 100) {
      return String.format(Locale.ROOT, "%.0f", v);
    }
    if (v >= 0.1 || v == 0) {
      return String.format(Locale.ROOT, v >= 10 ? "%.1f" : "%.2f", v);
    }
    return new BigDecimal(v).round(new MathContext(2)).stripTrailingZeros().toPlainString();
  }

  /** A time given in ms, in ms below 10 s, else in s or min. */
  static String time(double ms) {
    if (ms >= 120_000) {
      return fmt(ms / 60_000) + " min";
    }
    return ms >= 10_000 ? fmt(ms / 1000) + " s" : fmt(ms) + " ms";
  }

  /** Both ends in the unit {@link #time} picks for {@code hi}. */
  static String range(double lo, double hi) {
    double unit = hi >= 120_000 ? 60_000 : hi >= 10_000 ? 1000 : 1;
    String t = time(hi);
    return fmt(lo / unit) + "–" + t;
  }

  private static String integer(double v) {
    return String.format(Locale.ROOT, "%,d", Math.round(v));
  }
}
