package io.github.gradsense.site;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's headless Chromium driven over the DevTools protocol (the JDK's HTTP client and
 * WebSocket; no downloaded browser): opens a page (at a desktop viewport width, if asked), waits for
 * its load event, evaluates expressions in it and takes full-page screenshots. Closed with the
 * browser process.
 */
final class HeadlessChromium implements AutoCloseable {
  /** A full-page screenshot arrives as one base64 string, which can exceed Jackson's default 20 M chars. */
  private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build()).build());
  private static final Pattern DEVTOOLS = Pattern.compile("DevTools listening on (ws://[^\\s]+)");

  private final Process process;
  private final Path profile;
  private final String httpBase;
  private final HttpClient http = HttpClient.newHttpClient();

  private HeadlessChromium(Process process, Path profile, String httpBase) {
    this.process = process;
    this.profile = profile;
    this.httpBase = httpBase;
  }

  /** Chromium's executable: {@code $CHROMIUM}, else {@code /usr/bin/chromium}, if present. */
  static Optional<Path> executable() {
    String env = System.getenv("CHROMIUM");
    Path p = Path.of(env != null ? env : "/usr/bin/chromium");
    return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
  }

  static HeadlessChromium start(Path executable) throws IOException {
    Path profile = Files.createTempDirectory("gradsense-chromium");
    Process p = new ProcessBuilder(executable.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--allow-file-access-from-files", "--remote-debugging-port=0", "--user-data-dir=" + profile, "about:blank")
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
    String line;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while ((line = err.readLine()) != null && System.nanoTime() < deadline) {
      Matcher m = DEVTOOLS.matcher(line);
      if (m.find()) {
        URI ws = URI.create(m.group(1));
        Thread drain = new Thread(() -> err.lines().forEach(l -> { }), "chromium-stderr");
        drain.setDaemon(true);
        drain.start();
        return new HeadlessChromium(p, profile, "http://" + ws.getHost() + ":" + ws.getPort());
      }
    }
    p.destroyForcibly();
    throw new IOException("chromium did not report its DevTools endpoint within 60 s");
  }

  /** Opens {@code url}, waits for its load event, and returns the value of {@code expression} (as JSON). */
  JsonNode evaluate(URI url, String expression) throws Exception {
    try (Tab tab = open(url, null)) {
      return tab.evaluate(expression);
    }
  }

  /**
   * Opens {@code url} in a new tab whose viewport is {@code width} × {@code height} CSS pixels at
   * device scale 1 (a desktop, not a phone), and waits for its load event. The viewport is set
   * before navigation, so the page lays out at that width from the start.
   */
  Tab open(URI url, int width, int height) throws Exception {
    return open(url, JSON.createObjectNode().put("width", width).put("height", height)
        .put("deviceScaleFactor", 1).put("mobile", false));
  }

  private Tab open(URI url, ObjectNode metrics) throws Exception {
    HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(httpBase + "/json/new?about:blank"))
        .PUT(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    JsonNode target = JSON.readTree(created.body());
    Page page = new Page();
    WebSocket ws = http.newWebSocketBuilder().buildAsync(URI.create(target.get("webSocketDebuggerUrl").asText()), page)
        .get(30, TimeUnit.SECONDS);
    Tab tab = new Tab(url, target.get("id").asText(), page, ws);
    try {
      if (metrics != null) {
        page.call(ws, "Emulation.setDeviceMetricsOverride", metrics);
      }
      page.call(ws, "Page.enable", JSON.createObjectNode());
      page.events.clear();
      page.call(ws, "Page.navigate", JSON.createObjectNode().put("url", url.toString()));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (true) {
        JsonNode e = page.events.poll(1, TimeUnit.SECONDS);
        if (e != null && "Page.loadEventFired".equals(e.path("method").asText())) {
          return tab;
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("no load event from " + url + " within 60 s");
        }
      }
    } catch (Exception | Error e) {
      try {
        tab.close();
      } catch (Exception suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  /** One open, loaded page; closing it closes the tab. */
  final class Tab implements AutoCloseable {
    private final URI url;
    private final String id;
    private final Page page;
    private final WebSocket ws;

    private Tab(URI url, String id, Page page, WebSocket ws) {
      this.url = url;
      this.id = id;
      this.page = page;
      this.ws = ws;
    }

    /** The value of {@code expression} in the page (as JSON); a promise is awaited. */
    JsonNode evaluate(String expression) throws Exception {
      ObjectNode params = JSON.createObjectNode().put("expression", expression).put("returnByValue", true)
          .put("awaitPromise", true);
      JsonNode result = page.call(ws, "Runtime.evaluate", params);
      if (result.has("exceptionDetails")) {
        throw new IllegalStateException("evaluating in " + url + " failed: " + result.get("exceptionDetails"));
      }
      return result.path("result").path("value");
    }

    /**
     * The whole page as PNG bytes, top to bottom, at the tab's viewport width: the clip is the
     * document's full scroll size, captured beyond the viewport.
     */
    byte[] screenshot() throws Exception {
      JsonNode size = page.call(ws, "Page.getLayoutMetrics", JSON.createObjectNode());
      JsonNode content = size.has("cssContentSize") ? size.get("cssContentSize") : size.get("contentSize");
      ObjectNode clip = JSON.createObjectNode().put("x", 0).put("y", 0)
          .put("width", Math.ceil(content.path("width").asDouble()))
          .put("height", Math.ceil(content.path("height").asDouble())).put("scale", 1);
      ObjectNode params = JSON.createObjectNode().put("format", "png").put("captureBeyondViewport", true)
          .put("fromSurface", true);
      params.set("clip", clip);
      JsonNode shot = page.call(ws, "Page.captureScreenshot", params);
      return Base64.getDecoder().decode(shot.path("data").asText());
    }

    @Override
    public void close() throws IOException {
      try {
        try {
          ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
        } finally {
          http.send(HttpRequest.newBuilder(URI.create(httpBase + "/json/close/" + id)).build(),
              HttpResponse.BodyHandlers.discarding());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while closing the tab of " + url, e);
      } catch (ExecutionException | TimeoutException e) {
        throw new IOException("closing the tab of " + url + " failed", e);
      }
    }
  }

  @Override
  public void close() throws IOException {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try (var files = Files.walk(profile)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
  }

  /** One page's DevTools connection: numbered calls and a queue of events. */
  private static final class Page implements WebSocket.Listener {
    final LinkedBlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final StringBuilder partial = new StringBuilder();

    JsonNode call(WebSocket ws, String method, ObjectNode params) throws Exception {
      int id = ids.incrementAndGet();
      CompletableFuture<JsonNode> f = new CompletableFuture<>();
      pending.put(id, f);
      ObjectNode msg = JSON.createObjectNode().put("id", id).put("method", method);
      msg.set("params", params);
      ws.sendText(JSON.writeValueAsString(msg), true).get(10, TimeUnit.SECONDS);
      JsonNode reply = f.get(60, TimeUnit.SECONDS);
      if (reply.has("error")) {
        throw new IllegalStateException(method + " failed: " + reply.get("error"));
      }
      return reply.path("result");
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        try {
          JsonNode n = JSON.readTree(partial.toString());
          if (n.has("id")) {
            CompletableFuture<JsonNode> f = pending.remove(n.get("id").asInt());
            if (f != null) {
              f.complete(n);
            }
          } else {
            events.add(n);
          }
        } catch (IOException e) {
          events.add(JSON.createObjectNode().put("method", "parse-error").put("text", e.getMessage()));
        }
        partial.setLength(0);
      }
      ws.request(1);
      return null;
    }
  }
}
