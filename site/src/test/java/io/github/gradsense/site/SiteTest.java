package io.github.gradsense.site;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The built site, as a reader's browser sees it: the front page, the API docs and the gallery
 * (a `gradsense reproduce` report) render in headless Chromium with every image loaded, and no link
 * inside the site is broken. CI installs Debian's chromium and sets {@code GRADSENSE_REQUIRE_BROWSER=1}
 * (or {@code -Dgradsense.requireBrowser=true}), so there a missing browser fails the build; elsewhere
 * the browser half is skipped on a machine without one.
 */
class SiteTest {
  private static final Path SITE = Path.of(System.getProperty("gradsense.site", "target/site"));
  private static final Pattern LINK = Pattern.compile("(?:href|src)=\"([^\"#?]*)[^\"]*\"");

  private static final String CHECK = "(async () => {"
      + " await Promise.all(Array.from(document.images).map(i => i.complete ? 0 : new Promise(r => { i.onload = r; i.onerror = r; })));"
      + " return { title: document.title, text: document.body.innerText.length,"
      + "   images: document.images.length,"
      + "   broken: Array.from(document.images).filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.src.slice(0, 120)),"
      + "   links: Array.from(document.querySelectorAll('a[href]')).map(a => a.href) }; })()";

  @Test
  void no_link_or_image_inside_the_site_is_broken() throws IOException {
    List<Path> pages;
    try (Stream<Path> s = Files.walk(SITE)) {
      pages = s.filter(p -> p.toString().endsWith(".html")).toList();
    }
    // Dokka writes a page per package, type and member: over a thousand for this API
    assertThat(pages).hasSizeGreaterThan(100);
    List<String> broken = new ArrayList<>();
    for (Path page : pages) {
      Matcher m = LINK.matcher(Files.readString(page));
      while (m.find()) {
        String target = m.group(1);
        if (target.isEmpty() || target.contains(":") || target.startsWith("//")) {
          continue;   // data:, https:, javascript:, mailto: and same-page anchors are not files of the site
        }
        Path resolved = page.getParent().resolve(URLDecoder.decode(target, StandardCharsets.UTF_8)).normalize();
        if (!resolved.startsWith(SITE.toAbsolutePath().normalize()) && !resolved.startsWith(SITE.normalize())) {
          broken.add(SITE.relativize(page) + " -> " + target + " (outside the site)");
        } else if (!Files.exists(resolved)) {
          broken.add(SITE.relativize(page) + " -> " + target);
        }
      }
    }
    assertThat(broken).as("links and images that point at no file of the site").isEmpty();
  }

  @Test
  void the_pages_render_in_headless_chromium_with_every_image_loaded() throws Exception {
    Optional<Path> chromium = HeadlessChromium.executable();
    if (Boolean.getBoolean("gradsense.requireBrowser") || "1".equals(System.getenv("GRADSENSE_REQUIRE_BROWSER"))) {
      assertThat(chromium).as("chromium (CI installs Debian's package)").isPresent();
    }
    Assumptions.assumeTrue(chromium.isPresent(), "no chromium on this machine");
    try (HeadlessChromium browser = HeadlessChromium.start(chromium.get())) {
      for (String page : List.of("index.html", "benchmarks.html", "gallery/report.html", "api/index.html",
          "api/gradsense/io.github.gradsense.experiment/-experiment/index.html",
          "api/gradsense/io.github.gradsense.kotlin/experiment.html",
          "api/gradsense/io.github.gradsense.assertj/-sensitivity-curve-assert/index.html")) {
        Path file = SITE.resolve(page).toAbsolutePath();
        assertThat(file).as(page).exists();
        JsonNode r = browser.evaluate(file.toUri(), CHECK);
        // a page that failed to render (a script error, a missing file) shows nothing or one line;
        // each of these has at least a title and a paragraph
        assertThat(r.path("text").asInt()).as("%s renders text", page).isGreaterThan(100);
        assertThat(r.path("broken")).as("%s: images that did not load", page).isEmpty();
        for (JsonNode link : r.path("links")) {
          URI u = URI.create(link.asText());
          if ("file".equals(u.getScheme())) {
            assertThat(Path.of(u.getPath())).as("%s links to %s", page, u).exists();
          }
        }
        if (page.equals("gallery/report.html")) {
          // `reproduce all --quick`: C1 1, C2 2, C2CNN 4, C3 3, C4 2, C5 3, C6 2 (ReportTest reads them as a reader does)
          assertThat(r.path("images").asInt()).as("the gallery's figures").isEqualTo(17);
        }
      }
    }
  }
}
