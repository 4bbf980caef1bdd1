package io.github.gradsense.site;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BenchmarksPageTest {
  @Test
  void renders_the_benchmark_tables_headings_lists_and_code() {
    String html = BenchmarksPage.html("""
        ## Benchmarks

        - CPU: AMD <EPYC>

        | workload | gradsense |
        |---|---|
        | `XᵀX` GEMM | 90 ms |

        vs peer: a
        ratio.
        """);
    assertThat(html).contains("<h2>Benchmarks</h2>", "<li>CPU: AMD &lt;EPYC&gt;</li>",
        "<tr><th>workload</th><th>gradsense</th></tr>", "<tr><td><code>XᵀX</code> GEMM</td><td>90 ms</td></tr>",
        "<p>vs peer: a ratio.</p>", "href=\"index.html\"").doesNotContain("---");
  }
}
