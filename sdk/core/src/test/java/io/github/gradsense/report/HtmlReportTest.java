package io.github.gradsense.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {
  @TempDir Path dir;

  @Test
  void every_string_that_reaches_the_page_is_escaped() {
    String evil = "<script>alert('x')</script>&\"";
    String html = HtmlReport.titled("run " + evil)
        .provenance("experiment " + evil, "config " + evil)
        .verdict(Verdict.of("C1 " + evil, "statement " + evil, true).with("number " + evil, 1.5))
        .section("heading " + evil, "folder\"><script>", List.of(new Plot.Figure("file" + evil, "caption " + evil)),
            List.of(new byte[] {1, 2}))
        .html();
    assertThat(html).doesNotContain("<script>").doesNotContain("alert('x')")
        .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&quot;")
        .contains("number &lt;script&gt;").contains("= 1.500");
  }

  @Test
  void figures_that_do_not_match_or_do_not_exist_are_named() {
    assertThatThrownBy(() -> HtmlReport.titled("t").section("h", "f", List.of(new Plot.Figure("a", "A")), List.of()))
        .hasMessage("1 figures but 0 images");
    assertThatThrownBy(() -> HtmlReport.titled("t").section("h", dir, dir, List.of(new Plot.Figure("missing", "M"))))
        .hasMessageContaining("cannot read figure").hasMessageContaining("missing.png");
    assertThatThrownBy(() -> Plot.titled("p", "x", "y").line("a", new double[2], new double[3]))
        .hasMessage("series 'a': x has 2 values, y has 3");
    assertThatThrownBy(() -> Plot.titled("p", "x", "y").line("a", new double[2], new double[2]).theory("b", new double[2], new double[2], "c"))
        .hasMessage("no line named 'c' to match; lines: [a]");
  }

  @Test
  void figures_are_embedded_and_their_svg_linked_relative_to_the_page() throws IOException {
    Path claim = Files.createDirectories(dir.resolve("ordered-learning"));
    Plot.Figure f;
    try (RunWriter w = RunWriter.open(claim)) {
      f = Plot.titled("Proportion learned", "step", "u").logX()
          .line("PC1", new double[] {0, 1, 10, 100}, new double[] {0.01, 0.02, 0.5, 0.99})
          .theory("PC1 closed form", new double[] {1, 10, 100}, new double[] {0.02, 0.5, 0.99})
          .writeTo(w, "proportion-learned");
    }
    assertThat(Files.readAllBytes(claim.resolve("proportion-learned.png"))).startsWith(0x89, 'P', 'N', 'G');
    assertThat(Files.readString(claim.resolve("proportion-learned.svg"))).contains("<svg");
    String html;
    try (RunWriter w = RunWriter.open(dir)) {
      HtmlReport r = HtmlReport.titled("t").section("C1", dir, claim, List.of(f))
          .verdict(Verdict.of("C1", "in order", false).with("Spearman", 0.5));
      r.writeTo(w);
      html = Files.readString(dir.resolve("report.html"));
    }
    assertThat(html).contains("src=\"data:image/png;base64,iVBORw0KGgo").contains("href=\"ordered-learning/proportion-learned.svg\"")
        .contains("class=\"failed\">not upheld");
  }

  @Test
  void the_verdict_table_shows_each_claims_statistic_threshold_and_its_source() {
    String html = HtmlReport.titled("t")
        .verdict(Verdict.of("C2", "cardinal", true).decidedBy("CBI", "> 1", "1 is no preference").with("CBI", 1.4))
        .verdict(Verdict.of("C5", "ordered", false))
        .html();
    assertThat(html).contains("<th>statistic</th><th>threshold</th><th>threshold from</th>")
        .contains("<td>CBI</td><td>&gt; 1</td><td>1 is no preference</td><td class=\"upheld\">upheld</td>")
        .contains("<td></td><td></td><td>(not stated)</td><td class=\"failed\">not upheld</td>");
  }

  @Test
  void a_figure_caption_says_what_to_look_for_after_the_title() {
    Plot.Figure f = new Plot.Figure("cbi", "Cardinal bias by layer").explained("Look for the trained line above 1.");
    assertThat(f.caption()).isEqualTo("Cardinal bias by layer. Look for the trained line above 1.");
    String html = HtmlReport.titled("t").section("C2", "c2", List.of(f), List.of(new byte[] {1})).html();
    assertThat(html).contains("<figcaption>Cardinal bias by layer. Look for the trained line above 1. (<a href=\"c2/cbi.svg\">SVG</a>)");
  }
}
