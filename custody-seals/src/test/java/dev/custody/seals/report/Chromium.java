package dev.custody.seals.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Headless Debian chromium driven over the DevTools protocol with the JDK's own WebSocket: enough
 * to open a page, read element boxes, click and take screenshots, without npm or Playwright.
 */
final class Chromium implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Process process;
    private final Path profile;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private WebSocket socket;
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();

    private Chromium(Process process, Path profile) {
        this.process = process;
        this.profile = profile;
    }

    static boolean installed() {
        return Files.isExecutable(Path.of("/usr/bin/chromium"));
    }

    static Chromium start(int width, int height) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("custody-chromium-");
        Process process = new ProcessBuilder("/usr/bin/chromium", "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--hide-scrollbars", "--user-data-dir=" + profile, "--remote-debugging-port=0",
                "--window-size=" + width + "," + height, "about:blank")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            Chromium chromium = new Chromium(process, profile);
            String pageUrl = chromium.pageWebSocket(URI.create(devToolsUrl(process)));
            chromium.socket = chromium.http.newWebSocketBuilder()
                    .buildAsync(URI.create(pageUrl), chromium.new Listener()).get(30, TimeUnit.SECONDS);
            return chromium;
        } catch (Exception e) {
            stop(process, profile);
            throw new IOException("cannot start chromium: " + e.getMessage(), e);
        }
    }

    private static String devToolsUrl(Process process) throws IOException {
        BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String line;
        while (System.nanoTime() < deadline && (line = err.readLine()) != null) {
            Matcher m = LISTENING.matcher(line);
            if (m.find()) {
                // Keep draining stderr so chromium never blocks on a full pipe.
                Thread.ofVirtual().start(() -> {
                    try {
                        err.transferTo(java.io.Writer.nullWriter());
                    } catch (IOException ignored) {
                        // chromium exited
                    }
                });
                return m.group(1);
            }
        }
        throw new IOException("chromium did not print its DevTools address");
    }

    private String pageWebSocket(URI browser) throws IOException, InterruptedException {
        URI list = URI.create("http://" + browser.getHost() + ":" + browser.getPort() + "/json/list");
        for (int attempt = 0; attempt < 50; attempt++) {
            String body = http.send(HttpRequest.newBuilder(list).build(), HttpResponse.BodyHandlers.ofString()).body();
            for (JsonNode target : MAPPER.readTree(body)) {
                if ("page".equals(target.path("type").asText())) {
                    return target.path("webSocketDebuggerUrl").asText();
                }
            }
            Thread.sleep(100);
        }
        throw new IOException("chromium has no page to drive");
    }

    JsonNode send(String method, ObjectNode params) throws Exception {
        int id = ids.incrementAndGet();
        ObjectNode message = MAPPER.createObjectNode().put("id", id).put("method", method);
        message.set("params", params == null ? MAPPER.createObjectNode() : params);
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, reply);
        socket.sendText(MAPPER.writeValueAsString(message), true).get(30, TimeUnit.SECONDS);
        JsonNode answer = reply.get(60, TimeUnit.SECONDS);
        if (answer.has("error")) {
            throw new IllegalStateException(method + " failed: " + answer.get("error"));
        }
        return answer.path("result");
    }

    static ObjectNode params() {
        return MAPPER.createObjectNode();
    }

    void open(Path file) throws Exception {
        send("Page.enable", null);
        send("Page.navigate", params().put("url", file.toUri().toString()));
        for (int i = 0; i < 300; i++) {
            if ("complete".equals(evaluate("document.readyState").asText())
                    && evaluate("Array.from(document.images).every(i => i.complete)").asBoolean()) {
                return;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("the page did not finish loading");
    }

    JsonNode evaluate(String expression) throws Exception {
        JsonNode result = send("Runtime.evaluate", params().put("expression", expression).put("returnByValue", true));
        if (result.has("exceptionDetails")) {
            throw new IllegalStateException("script failed: " + result.get("exceptionDetails"));
        }
        return result.path("result").path("value");
    }

    /** The element's box in CSS pixels: x, y, width, height. */
    double[] box(String selector) throws Exception {
        JsonNode r = evaluate("(() => { const b = document.querySelector('" + selector
                + "').getBoundingClientRect(); return [b.x, b.y, b.width, b.height]; })()");
        return new double[] {r.get(0).asDouble(), r.get(1).asDouble(), r.get(2).asDouble(), r.get(3).asDouble()};
    }

    void click(double x, double y) throws Exception {
        for (String type : List.of("mousePressed", "mouseReleased")) {
            send("Input.dispatchMouseEvent", params().put("type", type).put("x", x).put("y", y)
                    .put("button", "left").put("clickCount", 1));
        }
    }

    BufferedImage screenshot() throws Exception {
        String data = send("Page.captureScreenshot", params().put("format", "png")).path("data").asText();
        return ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(data)));
    }

    @Override
    public void close() {
        socket.abort();
        http.close();
        stop(process, profile);
    }

    private static void stop(Process process, Path profile) {
        List<ProcessHandle> children = new ArrayList<>(process.descendants().toList());
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        children.forEach(ProcessHandle::destroyForcibly);
        try (Stream<Path> paths = Files.walk(profile)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover empty profile in /tmp holds nothing of value
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                try {
                    JsonNode message = MAPPER.readTree(text);
                    if (message.has("id")) {
                        CompletableFuture<JsonNode> reply = pending.remove(message.get("id").asInt());
                        if (reply != null) {
                            reply.complete(message);
                        }
                    }
                } catch (IOException e) {
                    throw new IllegalStateException("chromium sent bad JSON", e);
                }
            }
            webSocket.request(1);
            return null;
        }
    }
}
