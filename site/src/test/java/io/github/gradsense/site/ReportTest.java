package io.github.gradsense.site;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The report that {@code gradsense reproduce} writes (report.html), as a reader meets it on a
 * 1280-px desktop screen in headless Chromium: every figure has loaded and carries a caption, nothing
 * runs off the right edge, and the verdict table says, for every claim, which statistic was
 * compared with which threshold and where that threshold came from.
 *
 * <p>Checked are the site's gallery (made by this module's build) and, when present, the main job's
 * {@code out/report.html}; a full-page screenshot of each lands in {@code out/} for a person to look
 * at. The checks themselves are shown to fail on small pages that each break one rule. Without
 * chromium the class is skipped, unless {@code GRADSENSE_REQUIRE_BROWSER=1} or
 * {@code -Dgradsense.requireBrowser=true} (CI), where a missing browser fails.
 */
class ReportTest {
  /** The reader's screen: a common laptop's width. */
  static final int WIDTH = 1280;
  static final int HEIGHT = 900;

  /** The verdict table's header row, cell by cell. */
  static final List<String> VERDICT_HEADER =
      List.of("claim", "statement", "statistic", "threshold", "threshold from", "verdict", "numbers");

  private static final Path SITE = Path.of(System.getProperty("gradsense.site", "target/site")).toAbsolutePath();
  /** The repository root: the parent of this module's directory (surefire's {@code basedir}). */
  private static final Path REPO =
      Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath().normalize().getParent();
  private static final Path OUT = REPO.resolve("out");

  /**
   * Waits for every image (lazy ones are made eager), then returns each broken rule as a sentence.
   * {@code %WIDTH%} and {@code %HEADER%} are filled in below.
   */
  private static final String CHECKS = """
      (async () => {
        const problems = [];
        const imgs = Array.from(document.images);
        imgs.forEach(i => { if (i.loading === 'lazy') i.loading = 'eager'; });
        const settled = Promise.all(imgs.map(i => i.complete ? null
            : new Promise(r => { i.addEventListener('load', r); i.addEventListener('error', r); })));
        await Promise.race([settled, new Promise(r => setTimeout(r, 30000))]);
        await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
        const name = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
            + (typeof e.className === 'string' && e.className.trim() ? '.' + e.className.trim().split(/\\s+/).join('.') : '');

        if (window.innerWidth !== %WIDTH%) problems.push(`the viewport is ${window.innerWidth} px wide, not %WIDTH%`);
        if (document.body.innerText.trim().length < 100) problems.push('the page shows (almost) no text');

        if (imgs.length === 0) problems.push('the page has no images; a report has at least one figure');
        imgs.forEach((i, n) => {
          if (!(i.complete && i.naturalWidth > 0)) {
            problems.push(`image ${n + 1} of ${imgs.length} did not load (alt "${i.alt}", src ${i.getAttribute('src').slice(0, 60)})`);
          }
        });

        const room = document.documentElement.clientWidth;
        if (document.documentElement.scrollWidth > room) {
          problems.push(`the page scrolls sideways: ${document.documentElement.scrollWidth} px of content in a ${room}-px viewport`);
        }
        const over = new Set(Array.from(document.body.querySelectorAll('*')).filter(e => {
          const r = e.getBoundingClientRect();
          return r.width > 0 && (r.right > room + 0.5 || r.left < -0.5);
        }));
        over.forEach(e => {
          if (!over.has(e.parentElement)) {
            const r = e.getBoundingClientRect();
            problems.push(`${name(e)} spans x = ${Math.round(r.left)}..${Math.round(r.right)} px, beyond the ${room}-px viewport`);
          }
        });

        const want = %HEADER%;
        const table = document.querySelector('table#verdicts');
        if (!table) {
          problems.push('there is no verdict table (table#verdicts)');
        } else {
          const rows = Array.from(table.rows);
          const head = rows.length ? Array.from(rows[0].cells) : [];
          const header = head.map(c => c.textContent.trim());
          if (JSON.stringify(header) !== JSON.stringify(want) || head.some(c => c.tagName !== 'TH')) {
            problems.push(`the verdict table's header row is [${header.join(' | ')}], not <th> cells [${want.join(' | ')}]`);
          }
          const body = rows.slice(1);
          if (body.length === 0) problems.push('the verdict table has no rows');
          body.forEach((row, n) => {
            const cells = Array.from(row.cells).map(c => c.textContent.trim());
            const which = `verdict row ${n + 1} (${cells[0] || 'no claim'})`;
            if (cells.length !== want.length) {
              problems.push(`${which} has ${cells.length} cells, not ${want.length}`);
            } else {
              ['statistic', 'threshold', 'threshold from'].forEach(col => {
                if (!cells[want.indexOf(col)]) problems.push(`${which} has an empty "${col}" cell`);
              });
            }
          });
        }

        Array.from(document.querySelectorAll('figure')).forEach((f, n) => {
          const img = f.querySelector('img');
          const which = `figure ${n + 1}` + (img && img.alt ? ` ("${img.alt}")` : '');
          if (!img) problems.push(`${which} holds no image`);
          const caption = f.querySelector('figcaption');
          if (!caption) problems.push(`${which} has no <figcaption>`);
          else if (!caption.textContent.trim()) problems.push(`${which} has an empty <figcaption>`);
        });

        return { problems, images: imgs.length,
                 width: document.documentElement.clientWidth, height: document.documentElement.scrollHeight };
      })()
      """
      .replace("%WIDTH%", Integer.toString(WIDTH))
      .replace("%HEADER%", VERDICT_HEADER.stream().map(h -> "'" + h + "'").toList().toString());

  private static HeadlessChromium browser;

  @BeforeAll
  static void startBrowser() throws IOException {
    Optional<Path> chromium = HeadlessChromium.executable();
    if (Boolean.getBoolean("gradsense.requireBrowser") || "1".equals(System.getenv("GRADSENSE_REQUIRE_BROWSER"))) {
      assertThat(chromium).as("chromium (CI installs Debian's package)").isPresent();
    }
    Assumptions.assumeTrue(chromium.isPresent(), "no chromium on this machine");
    browser = HeadlessChromium.start(chromium.get());
  }

  @AfterAll
  static void stopBrowser() throws IOException {
    if (browser != null) {
      browser.close();
    }
  }

  @Test
  void the_gallery_report_reads_well_at_1280_px() throws Exception {
    Path report = SITE.resolve("gallery/report.html");
    assertThat(report).as("the gallery this module's build reproduces").exists();
    readsWell(report, OUT.resolve("report-screenshot.png"));
  }

  @Test
  void the_main_jobs_report_reads_well_at_1280_px() throws Exception {
    Path report = OUT.resolve("report.html");
    Assumptions.assumeTrue(Files.exists(report), "no " + report + " (the main job writes it)");
    readsWell(report, OUT.resolve("main-report-screenshot.png"));
  }

  /** A page that keeps every rule passes; one that breaks a rule is caught, and the problem named. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("pages")
  void each_check_reports_the_fault_it_is_there_for(String fault, String html, String named, @TempDir Path dir)
      throws Exception {
    Path page = dir.resolve("report.html");
    Files.writeString(page, html);
    List<String> problems = problems(page);
    if (named == null) {
      assertThat(problems).as("problems found on a page that keeps every rule").isEmpty();
    } else {
      assertThat(problems).as("problems found on a page with %s", fault).isNotEmpty()
          .anySatisfy(p -> assertThat(p).contains(named));
    }
  }

  static Stream<Arguments> pages() {
    String good = page(FIGURE, ROW);
    return Stream.of(
        Arguments.of("no fault", good, null),
        Arguments.of("a broken image", good.replace(PNG, "data:image/png;base64,bm90IGEgcG5n"), "did not load"),
        Arguments.of("no figure at all", page("", ROW), "no images"),
        Arguments.of("a 2000-px-wide table", good.replace("</body>",
            "<table style=\"width:2000px\" id=\"wide\"><tr><td>wide</td></tr></table></body>"), "table#wide spans"),
        Arguments.of("a verdict row without a threshold cell", page(FIGURE, ROW.replace("<td>0.05</td>", "")),
            "has 6 cells, not 7"),
        Arguments.of("a verdict row with a blank threshold-from cell",
            page(FIGURE, ROW.replace("<td>preregistered</td>", "<td> </td>")), "empty \"threshold from\" cell"),
        Arguments.of("an empty figcaption", page(FIGURE.replaceAll("<figcaption>[^<]*", "<figcaption> "), ROW),
            "has an empty <figcaption>"));
  }

  /** A 1×1 PNG. */
  private static final String PNG = "data:image/png;base64,"
      + "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";
  private static final String FIGURE = "<figure><img alt=\"A dot\" src=\"" + PNG + "\" width=\"320\" height=\"200\">"
      + "<figcaption>A dot, scaled up (seed 1)</figcaption></figure>";
  private static final String ROW = "<tr><td>C1</td><td>the statistic clears the threshold</td><td>0.01</td>"
      + "<td>0.05</td><td>preregistered</td><td>upheld</td><td>p = 0.01</td></tr>";

  /** A small report in the shape {@code HtmlReport} writes. */
  private static String page(String figure, String row) {
    return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>synthetic report</title>"
        + "<style>body{font-family:sans-serif;max-width:980px;margin:2em auto}img{max-width:100%}</style></head><body>"
        + "<h1>gradsense reproduce c1</h1><p>A synthetic report: one claim, one verdict and one figure, written"
        + " only to show that each check of the report can fail.</p>"
        + "<table id=\"verdicts\"><tr>" + VERDICT_HEADER.stream().map(h -> "<th>" + h + "</th>").reduce("", String::concat)
        + "</tr>" + row + "</table>" + figure + "</body></html>";
  }

  /**
   * What a reader of {@code report} in a {@value #WIDTH}-px window would meet, one sentence per
   * broken rule: empty for a report that keeps them all.
   */
  static List<String> problems(Path report) throws Exception {
    try (HeadlessChromium.Tab tab = browser.open(report.toUri(), WIDTH, HEIGHT)) {
      return findings(tab.evaluate(CHECKS)).problems();
    }
  }

  /**
   * What {@link #CHECKS} found on one page, and the page's size: its layout width (the window less
   * a scrollbar, where the browser draws one) and its full height.
   */
  private record Findings(List<String> problems, int images, int width, int height) { }

  private static Findings findings(JsonNode r) {
    List<String> problems = new ArrayList<>();
    r.path("problems").forEach(p -> problems.add(p.asText()));
    return new Findings(problems, r.path("images").asInt(), r.path("width").asInt(), r.path("height").asInt());
  }

  /** Checks {@code report} and writes its full-page screenshot to {@code screenshot}, whatever the checks find. */
  private static void readsWell(Path report, Path screenshot) throws Exception {
    Findings found;
    byte[] png;
    try (HeadlessChromium.Tab tab = browser.open(report.toUri(), WIDTH, HEIGHT)) {
      found = findings(tab.evaluate(CHECKS));
      png = tab.screenshot();
    }
    writeAtomically(screenshot, png);
    System.out.println("screenshot of " + report + " at " + WIDTH + " px: " + screenshot.toAbsolutePath());

    assertThat(found.problems()).as("what a reader of %s at %d px would meet", report, WIDTH).isEmpty();
    assertThat(found.images()).as("figures in %s", report).isGreaterThanOrEqualTo(1);
    int[] size = pngSize(png);
    assertThat(size[0]).as("screenshot width: the page's layout width in a %d-px window", WIDTH)
        .isEqualTo(found.width()).isBetween(WIDTH - 20, WIDTH);
    assertThat(size[1]).as("screenshot height: the whole page, not the first screen").isGreaterThanOrEqualTo(found.height());
  }

  /** Width and height from a PNG's header chunk. */
  private static int[] pngSize(byte[] png) {
    assertThat(Arrays.copyOf(png, 8)).as("PNG signature")
        .containsExactly(0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n');
    ByteBuffer b = ByteBuffer.wrap(png, 16, 8);
    return new int[] {b.getInt(), b.getInt()};
  }

  /** Writes a temp file beside {@code target}, then renames it over {@code target}: no half-written PNG. */
  static void writeAtomically(Path target, byte[] bytes) throws IOException {
    Files.createDirectories(target.getParent());
    Path tmp = Files.createTempFile(target.getParent(), target.getFileName() + ".", ".tmp");
    try {
      Files.write(tmp, bytes);
      try {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: the temp file's default permissions stand
      }
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
