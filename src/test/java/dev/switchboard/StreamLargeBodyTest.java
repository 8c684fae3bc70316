package dev.switchboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.switchboard.mapping.Json;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code truto_response_format=stream} holds constant memory: a 200 MB provider answer
 * passes through a Switchboard whose whole heap is 64 MB.
 */
class StreamLargeBodyTest {

    static final long SIZE = 200L * 1024 * 1024;
    static final int CHUNK = 64 * 1024;

    @Test
    void a200MegabyteAnswerStreamsThroughA64MegabyteHeap() throws Exception {
        HttpServer provider = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        provider.createContext("/v1/opportunities/big/notes", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Content-Type", "application/octet-stream");
            exchange.sendResponseHeaders(201, 0); // chunked: the size is not announced
            byte[] chunk = pattern();
            try (OutputStream out = exchange.getResponseBody()) {
                for (long sent = 0; sent < SIZE; sent += CHUNK) {
                    out.write(chunk);
                }
            }
        });
        provider.start();
        try (var switchboard = ChildServer.start(List.of("-Xmx64m"), List.of("serve"), Map.of(
                "SWITCHBOARD_API_TOKEN", Harness.TOKEN, "SWITCHBOARD_ALLOWED_HOSTS", "http://127.0.0.1"))) {
            var http = HttpClient.newHttpClient();
            String account = createAccount(http, switchboard.baseUrl(),
                    "http://127.0.0.1:" + provider.getAddress().getPort() + "/v1");

            var response = http.send(HttpRequest.newBuilder(URI.create(switchboard.baseUrl()
                            + "/unified/ats/activities?integrated_account_id=" + account + "&truto_response_format=stream"))
                    .header("Authorization", "Bearer " + Harness.TOKEN)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"candidate_id\": \"big\", \"body\": \"x\"}")).build(),
                    HttpResponse.BodyHandlers.ofInputStream());

            assertEquals(201, response.statusCode());
            assertEquals("application/octet-stream", response.headers().firstValue("Content-Type").orElse(""));
            long received = 0;
            long checksum = 0;
            byte[] buffer = new byte[CHUNK];
            try (InputStream body = response.body()) {
                for (int read; (read = body.read(buffer)) > 0; ) {
                    for (int i = 0; i < read; i++) {
                        checksum += buffer[i] & 0xff;
                    }
                    received += read;
                }
            }
            assertEquals(SIZE, received);
            assertEquals(expectedChecksum(), checksum, "every byte arrived as sent");
            assertTrue(switchboard.isAlive());
        } finally {
            provider.stop(0);
        }
    }

    private static String createAccount(HttpClient http, String switchboard, String baseUrl) throws Exception {
        var response = http.send(HttpRequest.newBuilder(URI.create(switchboard + "/integrated-accounts?connect_check=skip"))
                .header("Authorization", "Bearer " + Harness.TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString(Json.writeString(Map.of("integration", "lever",
                        "tenant_id", "t", "context", Map.of("api_key", "k", "base_url", baseUrl))))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, response.statusCode(), response.body());
        return (String) Harness.json(response).get("id");
    }

    private static byte[] pattern() {
        byte[] chunk = new byte[CHUNK];
        for (int i = 0; i < CHUNK; i++) {
            chunk[i] = (byte) (i * 31);
        }
        return chunk;
    }

    private static long expectedChecksum() {
        long perChunk = 0;
        for (byte b : pattern()) {
            perChunk += b & 0xff;
        }
        return perChunk * (SIZE / CHUNK);
    }
}
