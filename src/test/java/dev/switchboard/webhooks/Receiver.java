package dev.switchboard.webhooks;

import com.sun.net.httpserver.HttpServer;
import dev.switchboard.mapping.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A webhook receiver as a product would run one: it checks each message's Standard
 * Webhooks signature with the secret it was given, and keeps what it received. It can be
 * told to fail or to redirect, and serves a small page that opens the connect page and
 * keeps the messages it hears from it.
 */
public final class Receiver implements AutoCloseable {

    /** One delivery: its headers' id, whether its signature held, and the message. */
    public record Received(String id, boolean verified, Map<String, Object> message) {
        public String event() {
            return (String) message.get("event");
        }

        @SuppressWarnings("unchecked")
        public Map<String, Object> account() {
            return (Map<String, Object>) message.get("payload");
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile String secret = "whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    private volatile int answer = 200;
    private volatile String redirectTo;

    private Receiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hooks", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            String timestamp = exchange.getRequestHeaders().getFirst("webhook-timestamp");
            String signature = exchange.getRequestHeaders().getFirst("webhook-signature");
            boolean verified = id != null && timestamp != null && signature != null
                    && Math.abs(Instant.now().getEpochSecond() - Long.parseLong(timestamp)) < 300
                    && Signature.verify(secret, id, Long.parseLong(timestamp), body, signature);
            if (answer == 200) {
                received.add(new Received(id, verified, Json.asObject(Json.parse(body)).orElseThrow()));
            }
            if (redirectTo != null) {
                exchange.getResponseHeaders().add("Location", redirectTo);
            }
            exchange.sendResponseHeaders(answer, -1);
            exchange.close();
        });
        // Opens the connect page as a product's web app would, and shows what it was told.
        server.createContext("/opener", exchange -> {
            String query = exchange.getRequestURI().getRawQuery();
            String target = java.net.URLDecoder.decode(query.substring("url=".length()), StandardCharsets.UTF_8);
            byte[] page = ("<!doctype html><html><head><title>opener</title></head><body>"
                    + "<button id=\"open\">Connect</button><pre id=\"heard\"></pre><script>"
                    + "document.getElementById('open').onclick = function () { window.open("
                    + Json.writeString(target) + ", 'connect'); };"
                    + "window.addEventListener('message', function (m) { document.getElementById('heard').textContent += "
                    + "m.origin + ' ' + JSON.stringify(m.data) + '\\n'; });</script></body></html>")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(page);
            }
        });
        server.start();
    }

    public static Receiver start() throws IOException {
        return new Receiver();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks";
    }

    public String origin() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void secret(String webhookSecret) {
        this.secret = webhookSecret;
    }

    /** Answer every delivery with this status (and a Location, for a redirect). */
    public void answer(int status, String location) {
        this.answer = status;
        this.redirectTo = location;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    /** Waits for a delivery that matches, up to the timeout. */
    public Received await(Predicate<Received> wanted, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            for (Received message : received) {
                if (wanted.test(message)) {
                    return message;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no such delivery within " + timeout + "; received " + received);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
