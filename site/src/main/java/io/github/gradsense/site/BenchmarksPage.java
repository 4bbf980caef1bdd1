package io.github.gradsense.site;

import com.google.common.html.HtmlEscapers;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The site's "Benchmarks" page: the benchmark table the project keeps
 * ({@code sdk/benchmarks/results/latest.md}, written by {@code sdk/benchmarks/run}) as HTML. Renders
 * the subset of Markdown that file uses: {@code #} headings, {@code - } lists, pipe tables, paragraphs
 * and {@code `code`} spans; everything else is escaped text.
 *
 * <pre>{@code
 * String html = BenchmarksPage.html(Files.readString(Path.of("sdk/benchmarks/results/latest.md")));
 * }</pre>
 */
public final class BenchmarksPage {
  private static final Pattern CODE = Pattern.compile("`([^`]+)`");

  private BenchmarksPage() {}

  /** The whole page for {@code markdown}. */
  public static String html(String markdown) {
    StringBuilder b = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<title>gradsense benchmarks</title><style>body{font-family:sans-serif;max-width:1200px;margin:2em auto}"
        + "table{border-collapse:collapse;font-size:90%}td,th{border:1px solid #ccc;padding:3px 6px;vertical-align:top}"
        + "th{background:#f3f3f3}p,li{max-width:980px}</style></head><body>\n"
        + "<p><a href=\"index.html\">gradsense</a> › Benchmarks</p>\n"
        + "<p>How fast gradsense runs its workloads against PyTorch/numpy peers of the same workloads and against the "
        + "machine's float32 GEMM, and how each workload's time grows with its size. Written by "
        + "<code>sdk/benchmarks/run</code> (not by CI); this is the run committed as "
        + "<code>sdk/benchmarks/results/latest.md</code>.</p>\n");
    List<String> lines = markdown.lines().toList();
    List<String> paragraph = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        flush(b, paragraph);
      } else if (line.startsWith("#")) {
        flush(b, paragraph);
        int level = Math.min(6, line.indexOf(' ') > 0 ? line.indexOf(' ') : 1);
        b.append("<h").append(level).append('>').append(inline(line.substring(level).strip())).append("</h").append(level)
            .append(">\n");
      } else if (line.startsWith("- ")) {
        flush(b, paragraph);
        b.append("<ul>\n");
        for (; i < lines.size() && lines.get(i).startsWith("- "); i++) {
          b.append("<li>").append(inline(lines.get(i).substring(2))).append("</li>\n");
        }
        i--;
        b.append("</ul>\n");
      } else if (line.startsWith("|")) {
        flush(b, paragraph);
        b.append("<table>\n");
        boolean head = true;
        for (; i < lines.size() && lines.get(i).startsWith("|"); i++) {
          List<String> cells = cells(lines.get(i));
          if (cells.stream().allMatch(c -> c.matches(":?-+:?"))) {
            continue;
          }
          String tag = head ? "th" : "td";
          b.append("<tr>");
          cells.forEach(c -> b.append('<').append(tag).append('>').append(inline(c)).append("</").append(tag).append('>'));
          b.append("</tr>\n");
          head = false;
        }
        i--;
        b.append("</table>\n");
      } else {
        paragraph.add(line);
      }
    }
    flush(b, paragraph);
    return b.append("</body></html>\n").toString();
  }

  private static void flush(StringBuilder b, List<String> paragraph) {
    if (!paragraph.isEmpty()) {
      b.append("<p>").append(inline(String.join(" ", paragraph))).append("</p>\n");
      paragraph.clear();
    }
  }

  private static List<String> cells(String row) {
    String r = row.strip();
    r = r.substring(1, r.endsWith("|") && r.length() > 1 ? r.length() - 1 : r.length());
    List<String> out = new ArrayList<>();
    for (String c : r.split("\\|", -1)) {
      out.add(c.strip());
    }
    return out;
  }

  private static String inline(String text) {
    var html = HtmlEscapers.htmlEscaper();
    StringBuilder b = new StringBuilder();
    Matcher m = CODE.matcher(text);
    int at = 0;
    while (m.find()) {
      b.append(html.escape(text.substring(at, m.start()))).append("<code>").append(html.escape(m.group(1))).append("</code>");
      at = m.end();
    }
    return b.append(html.escape(text.substring(at))).toString();
  }
}
