package dev.switchboard.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.switchboard.ChildServer;
import dev.switchboard.Concurrently;
import dev.switchboard.Harness;
import dev.switchboard.mapping.Json;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A provider that answers a valid but huge note list, with its length and without one (chunked):
 * under the documented 128 MB heap, with the launcher's collector, the server refuses answers it
 * would have to hold whole, 30 at once, stays up, and goes on serving.
 */
class LargeAnswersTest {

    /**
     * A valid Lever list page ({@code {"data", "hasNext"}}, hire.lever.co/developer/documentation#list-all-notes)
     * of about 15 MB, as a provider under attack or a huge account could send.
     */
    static final byte[] HUGE = hugeLeverPage(15 * 1024 * 1024);

    @Test
    void fifteenMegabyteAnswersAreRefusedWithoutExhaustingA128MegabyteHeap() throws Exception {
        HttpServer provider = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        // A thread for each of the 30 answers, so they are all sent at once.
        provider.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(30));
        provider.createContext("/v1/opportunities/huge/notes", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, HUGE.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(HUGE);
            }
        });
        // The same page without a length (chunked): read until past the limit, then refused.
        provider.createContext("/v1/opportunities/chunked/notes", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(HUGE);
            } catch (java.io.IOException closedEarly) {
                // Switchboard stops reading past its limit and closes the connection.
            }
        });
        provider.createContext("/v1/opportunities/small/notes", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] page = "{\"data\": [], \"hasNext\": false}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, page.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(page);
            }
        });
        provider.start();
        // The launcher's collector, under the documented small heap.
        var jvm = List.of("-Xmx128m", "-XX:+UseParallelGC", "-XX:GCTimeRatio=9");
        try (var switchboard = ChildServer.start(jvm, List.of("serve"), Map.of(
                "SWITCHBOARD_API_TOKEN", Harness.TOKEN, "SWITCHBOARD_ALLOWED_HOSTS", "http://127.0.0.1"))) {
            var http = HttpClient.newHttpClient();
            String account = account(http, switchboard.baseUrl(),
                    "http://127.0.0.1:" + provider.getAddress().getPort() + "/v1");
            String list = switchboard.baseUrl() + "/unified/ats/activities?integrated_account_id=" + account
                    + "&candidate_id=";

            // 20 that say their length (refused unread) and 10 that do not: each of these is read
            // up to the 4 MB limit before it is refused, so the heap must hold 10 limits at once.
            var answers = Concurrently.run(30, i -> get(http, list + (i < 20 ? "huge" : "chunked")));
            for (var answer : answers) {
                assertEquals(502, answer.statusCode(), answer.body());
                assertTrue(answer.body().contains("SWITCHBOARD_MAX_ANSWER_BYTES"), answer.body());
            }
            assertTrue(switchboard.isAlive(), "no OutOfMemoryError took the server down");
            assertEquals(200, get(http, list + "small").statusCode(), "it goes on serving");
        } finally {
            provider.stop(0);
        }
    }

    private static HttpResponse<String> get(HttpClient http, String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + Harness.TOKEN)
                    .build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String account(HttpClient http, String base, String leverUrl) throws Exception {
        var response = http.send(HttpRequest.newBuilder(URI.create(base + "/integrated-account?connect_check=skip"))
                .header("Authorization", "Bearer " + Harness.TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.writeString(Map.of("integration", "lever",
                        "tenant_id", "t", "context", Map.of("api_key", "k", "base_url", leverUrl))))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, response.statusCode(), response.body());
        return (String) Json.asObject(Json.parse(response.body().getBytes(StandardCharsets.UTF_8))).orElseThrow().get("id");
    }

    private static byte[] hugeLeverPage(int size) {
        var page = new StringBuilder("{\"hasNext\": false, \"data\": [");
        String note = "{\"id\": \"n%d\", \"user\": \"u\", \"secret\": false, \"createdAt\": 1782974189118, "
                + "\"fields\": [{\"type\": \"note\", \"value\": \"" + "x".repeat(900) + "\"}]}";
        for (int i = 0; page.length() < size; i++) {
            page.append(i == 0 ? "" : ",").append(note.formatted(i));
        }
        return page.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }
}
