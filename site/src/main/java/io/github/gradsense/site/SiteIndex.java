package io.github.gradsense.site;

import com.google.common.html.HtmlEscapers;
import io.github.gradsense.report.RunWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Writes the site's front page, {@code index.html}: links to the API documentation (Dokka, over the
 * Java SDK, the Kotlin DSL and the AssertJ kit), the gallery (the report the build's
 * {@code gradsense reproduce} run wrote, with every figure) and the benchmarks page
 * ({@code benchmarks.html}, from the committed benchmark table: {@link BenchmarksPage}), and a
 * thumbnail of each gallery figure.
 *
 * <pre>
 * java io.github.gradsense.site.SiteIndex target/site sdk/benchmarks/results/latest.md
 * </pre>
 */
public final class SiteIndex {
  private SiteIndex() {}

  public static void main(String[] args) throws IOException {
    Path site = Path.of(args.length > 0 ? args[0] : "target/site");
    Path table = Path.of(args.length > 1 ? args[1] : "../sdk/benchmarks/results/latest.md");
    List<Path> figures;
    try (Stream<Path> s = Files.walk(site.resolve("gallery"))) {
      figures = s.filter(p -> p.toString().endsWith(".svg")).sorted().toList();
    }
    var html = HtmlEscapers.htmlEscaper();
    StringBuilder b = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>gradsense</title>"
        + "<style>body{font-family:sans-serif;max-width:980px;margin:2em auto}figure{display:inline-block;width:300px;margin:8px}"
        + "img{width:100%}figcaption{font-size:85%;color:#555}</style></head><body>\n<h1>gradsense</h1>\n"
        + "<p>Exact stimulus sensitivities, learning dynamics and pinned theoretical claims for networks trained by "
        + "gradient descent, on TensorFlow Java.</p>\n<ul>\n<li><a href=\"api/index.html\">API documentation</a> "
        + "(the Java SDK, the Kotlin DSL, the AssertJ kit)</li>\n<li><a href=\"gallery/report.html\">Gallery</a>: the report of "
        + "<code>gradsense reproduce all --quick</code>, run by this build (smoke-test sizes; the main job writes the same "
        + "figures at full size under <code>out/</code>)</li>\n<li><a href=\"benchmarks.html\">Benchmarks</a>: gradsense "
        + "against PyTorch/numpy and the machine's GEMM, and cost against size (<code>sdk/benchmarks/run</code>)</li>\n"
        + "</ul>\n<h2>Figures</h2>\n");
    for (Path f : figures) {
      String rel = site.relativize(f).toString().replace('\\', '/');
      b.append("<figure><a href=\"").append(html.escape(rel)).append("\"><img src=\"").append(html.escape(rel))
          .append("\" alt=\"").append(html.escape(f.getFileName().toString())).append("\"></a><figcaption>")
          .append(html.escape(site.relativize(f).toString())).append("</figcaption></figure>\n");
    }
    b.append("</body></html>\n");
    try (RunWriter w = RunWriter.open(site)) {
      w.writeAtomically("index.html", b.toString());
      w.writeAtomically("benchmarks.html", BenchmarksPage.html(Files.readString(table)));
    }
    System.out.println("site: " + site.resolve("index.html").toAbsolutePath() + " (" + figures.size() + " figures)");
  }
}
