package io.github.gradsense.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchmarkTableTest {
  private static final String PKG = "io.github.gradsense.benchmarks.";

  /** One JMH result entry as {@code -rf json} writes it (unused fields left out). */
  private static String entry(String benchmark, String params, String unit, double... times) {
    StringBuilder raw = new StringBuilder();
    for (double t : times) {
      raw.append(raw.isEmpty() ? "" : ",").append(t);
    }
    return "{\"jmhVersion\":\"1.37\",\"benchmark\":\"" + PKG + benchmark + "\",\"mode\":\"avgt\",\"forks\":1,"
        + (params.isEmpty() ? "" : "\"params\":{" + params + "},")
        + "\"primaryMetric\":{\"score\":0,\"scoreUnit\":\"" + unit + "\",\"rawData\":[[" + raw + "]]}}";
  }

  private static String jmh(String... entries) {
    return "[" + String.join(",", entries) + "]";
  }

  private static final String GEMM = entry("MatMulBenchmark.gemm16384x1024x1024", "", "ms/op", 110, 90, 100);
  private static final String TIED = entry("LinearAutoencoderBenchmark.miniBatchStep",
      "\"network\":\"tied\",\"noise\":\"CONDITIONAL\"", "ms/op", 190, 200, 230);
  private static final String PEERS = """
      torch 1.13.1, 2 threads
      {"id": "numpy/gemm", "peer": "numpy 2.0", "median_ms": 80.0, "min_ms": 79.0, "max_ms": 85.0, "params": {}}
      {"id": "torch/linear-ae-step/tied", "peer": "torch (collapsed)", "median_ms": 800.0, "min_ms": 790.0, "max_ms": 810.0}
      {"id": "numpy/linear-ae-step/tied", "peer": "numpy layer by layer", "median_ms": 500.0, "min_ms": 490.0, "max_ms": 520.0}
      """;

  private static String render(String jmhJson, String peerLines) throws IOException {
    Map<String, String> meta = new LinkedHashMap<>();
    meta.put("CPU", "Test CPU (family 25)");
    return BenchmarkTable.render(meta, BenchmarkTable.readJmh(jmhJson), BenchmarkTable.readPeers(List.of(peerLines.split("\n"))));
  }

  private static String line(String table, String start) {
    return table.lines().filter(l -> l.startsWith(start)).findFirst().orElseThrow(() -> new AssertionError(start + "\n" + table));
  }

  @Test
  void computes_medians_ratios_to_the_peers_and_to_the_gemm() throws IOException {
    String table = render(jmh(GEMM, TIED), PEERS);
    assertThat(table).contains("- CPU: Test CPU (family 25)");
    // GEMM: median 100 ms of (110, 90, 100); 34.36 GFLOP / 0.1 s; numpy 80 ms → 0.80×; itself 1×
    assertThat(line(table, "| float32 GEMM")).isEqualTo(
        "| float32 GEMM `XᵀX` | 16384×1024×1024 | 100 ms (90.0–110 ms) | 344 | numpy 2.0: 80.0 ms (79.0–85.0 ms) | 0.80× | 1.00× |");
    // tied step: median 200; peers 800 and 500 → 4× and 2.5×; 2× the GEMM
    assertThat(line(table, "| linear AE mini-batch step, tied")).endsWith(
        "| 200 ms (190–230 ms) | — | torch (collapsed): 800 ms (790–810 ms); numpy layer by layer: 500 ms (490–520 ms) | 4.00× / 2.50× | 2.00× |");
    // rows without a result are left out; with no sweep run the section says so
    assertThat(table).doesNotContain("untied-3").contains("No sweep was run");
    // the SGD rows run batch 0, the workload's own size, which the peer names
    String cnn = entry("SgdStepBenchmark.step", "\"network\":\"cnn\",\"batch\":\"0\"", "ms/op", 20, 20);
    String peer = "{\"id\": \"torch/cnn-step\", \"median_ms\": 60, \"min_ms\": 60, \"max_ms\": 60, \"params\": {\"batch\": 128}}";
    assertThat(line(render(jmh(GEMM, cnn), peer), "| small CNN SGD step")).endsWith("| 3.00× | 0.20× |");
  }

  @Test
  void fits_the_exponent_and_predicts_the_full_size() throws IOException {
    List<String> entries = new ArrayList<>(List.of(GEMM));
    // time = 10 ms · (width/256)² at batch 8192, plus a point of the batch sweep that must not enter the width fit
    for (int w : new int[] {256, 512, 2048}) {
      double t = 10.0 * (w / 256.0) * (w / 256.0);
      entries.add(entry("LinearStepScalingBenchmark.step", "\"width\":\"" + w + "\",\"batch\":\"8192\"", "ms/op", t, t));
    }
    entries.add(entry("LinearStepScalingBenchmark.step", "\"width\":\"1024\",\"batch\":\"16384\"", "ms/op", 999, 999));
    // seconds per op are converted; batch 0 is the CNN's own 128: time ∝ batch¹, 10 ms at 128
    entries.add(entry("SgdStepBenchmark.step", "\"network\":\"cnn\",\"batch\":\"0\"", "s/op", 0.010));
    entries.add(entry("SgdStepBenchmark.step", "\"network\":\"cnn\",\"batch\":\"512\"", "s/op", 0.040));
    String table = render(jmh(entries.toArray(new String[0])), "");
    // width 1024: 10 · 4² = 160 ms
    assertThat(line(table, "| linear AE step (untied-2) vs width")).isEqualTo(
        "| linear AE step (untied-2) vs width, batch 8192 | width 256, 512, 2,048 | 2.00 | 1.000 | ±0.0 % | 256: 10.0 ms "
            + "| width 1024 (32×32 patches): 160 ms |");
    // one point only: no fit
    assertThat(line(table, "| linear AE step (untied-2) vs batch")).contains("needs ≥ 2 sizes");
    // 10,000 steps of 10 ms = 100 s
    assertThat(line(table, "| small CNN SGD step vs batch")).contains("| 1.00 |").endsWith("per net: 100 s |");
  }

  @Test
  void a_missing_gemm_row_is_an_error_naming_it() {
    assertThatThrownBy(() -> render(jmh(TIED), PEERS)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("MatMulBenchmark.gemm16384x1024x1024");
  }

  @Test
  void wrong_input_is_refused() {
    assertThatThrownBy(() -> BenchmarkTable.readJmh("{\"benchmark\": 1}")).hasMessageContaining("JSON array");
    assertThatThrownBy(() -> BenchmarkTable.readJmh(jmh(entry("MatMulBenchmark.gemm16384x1024x1024", "", "ops/ms", 1))))
        .hasMessageContaining("ops/ms");
    assertThatThrownBy(() -> BenchmarkTable.readPeers(List.of("{\"id\": \"numpy/gemm\", \"min_ms\": 1, \"max_ms\": 2}")))
        .hasMessageContaining("peer line 1").hasMessageContaining("median_ms");
    String twice = "{\"id\": \"a\", \"median_ms\": 1, \"min_ms\": 1, \"max_ms\": 1}";
    assertThatThrownBy(() -> BenchmarkTable.readPeers(List.of(twice, twice))).hasMessageContaining("appears twice");
    // a peer that ran another size than its row
    String resnet = entry("ResNet18CurveBenchmark.exact", "\"orientations\":\"18\",\"phases\":\"2\"", "s/op", 3, 3, 3);
    String peer = "{\"id\": \"functorch/resnet18-curve\", \"median_ms\": 9000, \"min_ms\": 9000, \"max_ms\": 9000,"
        + " \"params\": {\"orientations\": 180, \"phases\": 2}}";
    assertThatThrownBy(() -> render(jmh(GEMM, resnet), peer)).hasMessageContaining("orientations=180")
        .hasMessageContaining("orientations=18");
  }
}
