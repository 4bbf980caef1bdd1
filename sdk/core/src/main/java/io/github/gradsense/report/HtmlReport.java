package io.github.gradsense.report;

import com.google.common.escape.Escaper;
import com.google.common.html.HtmlEscapers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One self-contained {@code report.html}: the claim verdicts with their numbers, every figure
 * (PNG embedded as a data URI, with a link to its SVG beside the page), and the run's provenance.
 * Every string that reaches the page — titles, names, configuration values, file names — is
 * HTML-escaped.
 *
 * <pre>{@code
 * HtmlReport.titled("gradsense reproduce all")
 *     .provenance("seed", "1").provenance("TensorFlow", "1.1.0")
 *     .verdict(Verdict.of("C1", "PCs learned in variance order", true).with("Spearman", 1.0))
 *     .section("C1 ordered learning", "ordered-learning", List.of(figure), pngBytes)
 *     .writeTo(writer);
 * }</pre>
 */
public final class HtmlReport {
  private static final Escaper HTML = HtmlEscapers.htmlEscaper();

  private final String title;
  private final Map<String, String> provenance = new LinkedHashMap<>();
  private final List<Verdict> verdicts = new ArrayList<>();
  private final StringBuilder sections = new StringBuilder();

  private HtmlReport(String title) {
    this.title = title;
  }

  /** A new report. */
  public static HtmlReport titled(String title) {
    return new HtmlReport(title);
  }

  /** One line of provenance (configuration, seed, versions, commit). */
  public HtmlReport provenance(String key, String value) {
    provenance.put(key, value);
    return this;
  }

  /** A claim's verdict. */
  public HtmlReport verdict(Verdict v) {
    verdicts.add(v);
    return this;
  }

  /**
   * A section of figures: each {@code figure} is embedded from {@code png.get(i)} and links to
   * {@code <folder>/<file>.svg} relative to the page.
   */
  public HtmlReport section(String heading, String folder, List<Plot.Figure> figures, List<byte[]> png) {
    if (figures.size() != png.size()) {
      throw new IllegalArgumentException(figures.size() + " figures but " + png.size() + " images");
    }
    sections.append("<section><h2>").append(HTML.escape(heading)).append("</h2>\n");
    for (int i = 0; i < figures.size(); i++) {
      Plot.Figure f = figures.get(i);
      String svg = folder.isEmpty() ? f.file() + ".svg" : folder + "/" + f.file() + ".svg";
      sections.append("<figure><img alt=\"").append(HTML.escape(f.caption())).append("\" src=\"data:image/png;base64,")
          .append(Base64.getEncoder().encodeToString(png.get(i))).append("\">")
          .append("<figcaption>").append(HTML.escape(f.caption())).append(" (<a href=\"")
          .append(HTML.escape(svg)).append("\">SVG</a>)</figcaption></figure>\n");
    }
    sections.append("</section>\n");
    return this;
  }

  /**
   * A section of figures written under {@code figureFolder}: each PNG is read and embedded, and its
   * SVG linked relative to {@code pageFolder}, where the page will be written.
   */
  public HtmlReport section(String heading, Path pageFolder, Path figureFolder, List<Plot.Figure> figures) {
    List<byte[]> png = new ArrayList<>();
    for (Plot.Figure f : figures) {
      Path file = figureFolder.resolve(f.file() + ".png");
      try {
        png.add(java.nio.file.Files.readAllBytes(file));
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException("cannot read figure " + file.toAbsolutePath() + ": " + e.getMessage(), e);
      }
    }
    String folder = pageFolder.toAbsolutePath().normalize().relativize(figureFolder.toAbsolutePath().normalize()).toString()
        .replace(java.io.File.separatorChar, '/');
    return section(heading, folder, figures, png);
  }

  /** The page. */
  public String html() {
    StringBuilder h = new StringBuilder();
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>").append(HTML.escape(title))
        .append("</title>\n<style>body{font-family:sans-serif;max-width:1180px;margin:2em auto;padding:0 1em;color:#222}"
            + "table{border-collapse:collapse;margin:1em 0;width:100%}td,th{border-bottom:1px solid #ddd;padding:4px 8px;text-align:left;"
            + "vertical-align:top;overflow-wrap:break-word;font-size:92%}#verdicts td:first-child,#verdicts td:nth-child(6)"
            + "{white-space:nowrap}#verdicts td:last-child{min-width:11em}.upheld{color:#0a6e31;font-weight:bold}"
            + ".failed{color:#b00020;font-weight:bold}figure{margin:1.5em 0}img{max-width:100%;height:auto}"
            + "figcaption{font-size:92%;color:#333;max-width:820px}</style></head><body>\n");
    h.append("<h1>").append(HTML.escape(title)).append("</h1>\n<h2>Verdicts</h2>\n<table id=\"verdicts\">"
        + "<tr><th>claim</th><th>statement</th><th>statistic</th><th>threshold</th><th>threshold from</th><th>verdict</th>"
        + "<th>numbers</th></tr>\n");
    for (Verdict v : verdicts) {
      StringBuilder numbers = new StringBuilder();
      v.numbers().forEach((k, x) -> numbers.append(numbers.length() == 0 ? "" : "<br>").append(HTML.escape(k)).append(" = ")
          .append(String.format(Locale.ROOT, "%.4g", x)));
      Verdict.Rule rule = v.rule();
      h.append("<tr><td>").append(HTML.escape(v.claim())).append("</td><td>").append(HTML.escape(v.statement()))
          .append("</td><td>").append(rule == null ? "" : HTML.escape(rule.statistic()))
          .append("</td><td>").append(rule == null ? "" : HTML.escape(rule.threshold()))
          .append("</td><td>").append(rule == null ? "(not stated)" : HTML.escape(rule.source()))
          .append("</td><td class=\"").append(v.upheld() ? "upheld\">upheld" : "failed\">not upheld").append("</td><td>")
          .append(numbers).append("</td></tr>\n");
    }
    h.append("</table>\n").append(sections).append("<h2>Provenance</h2>\n<table id=\"provenance\">\n");
    provenance.forEach((k, v) -> h.append("<tr><th>").append(HTML.escape(k)).append("</th><td>").append(HTML.escape(v))
        .append("</td></tr>\n"));
    h.append("</table>\n</body></html>\n");
    return h.toString();
  }

  /** Writes {@code report.html} under the writer's folder, atomically. */
  public Path writeTo(RunWriter writer) {
    return writer.writeAtomically("report.html", html());
  }
}
