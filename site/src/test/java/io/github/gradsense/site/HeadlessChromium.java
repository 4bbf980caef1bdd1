package io.github.gradsense.site;

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
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's headless Chromium driven over the DevTools protocol (the JDK's HTTP client and
 * WebSocket; no downloaded browser): opens a page, waits for its load event, and evaluates an
 * expression in it. Closed with the browser process.
 */
final class HeadlessChromium implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
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
    HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(httpBase + "/json/new?about:blank"))
        .PUT(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    JsonNode target = JSON.readTree(created.body());
    Page page = new Page();
    WebSocket ws = http.newWebSocketBuilder().buildAsync(URI.create(target.get("webSocketDebuggerUrl").asText()), page)
        .get(30, TimeUnit.SECONDS);
    try {
      page.call(ws, "Page.enable", JSON.createObjectNode());
      page.events.clear();
      page.call(ws, "Page.navigate", JSON.createObjectNode().put("url", url.toString()));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (true) {
        JsonNode e = page.events.poll(1, TimeUnit.SECONDS);
        if (e != null && "Page.loadEventFired".equals(e.path("method").asText())) {
          break;
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("no load event from " + url + " within 60 s");
        }
      }
      ObjectNode params = JSON.createObjectNode().put("expression", expression).put("returnByValue", true)
          .put("awaitPromise", true);
      JsonNode result = page.call(ws, "Runtime.evaluate", params);
      if (result.has("exceptionDetails")) {
        throw new IllegalStateException("evaluating in " + url + " failed: " + result.get("exceptionDetails"));
      }
      return result.path("result").path("value");
    } finally {
      ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
      http.send(HttpRequest.newBuilder(URI.create(httpBase + "/json/close/" + target.get("id").asText())).build(),
          HttpResponse.BodyHandlers.discarding());
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
