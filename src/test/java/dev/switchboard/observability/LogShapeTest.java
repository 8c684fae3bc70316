package dev.switchboard.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.ChildServer;
import dev.switchboard.Harness;
import dev.switchboard.mapping.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Application lines and access lines have one shape: ISO-8601 timestamps, the request id and
 * the same keys, as JSON or as text for a person (SWITCHBOARD_LOG_FORMAT).
 */
class LogShapeTest {

    private static final Pattern ISO_MILLIS = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
    private static final List<String> SHARED_KEYS = List.of("ts", "level", "logger", "request_id", "message");

    @Test
    void jsonApplicationAndAccessLinesShareTheirKeys() throws Exception {
        // No API token: the server warns at start-up, an application line; a store token is used instead.
        try (var switchboard = ChildServer.start(List.of(), List.of("serve"), Map.of("SWITCHBOARD_LOG_FORMAT", "json"))) {
            // A request on a path with slashes: its access line.
            send(switchboard, "/integrated-account/nothing/here", "shape-json-1");
            List<String> lines = switchboard.linesUntil("shape-json-1", Duration.ofSeconds(10));
            var warning = object(lines.stream().filter(line -> line.contains("SWITCHBOARD_API_TOKEN is not set"))
                    .findFirst().orElseThrow(() -> new AssertionError(lines)));
            var access = object(lines.get(lines.size() - 1));
            assertEquals("WARN", warning.get("level"));
            assertEquals(List.of("ts", "level", "logger", "message"), List.copyOf(warning.keySet()));
            assertEquals(SHARED_KEYS, List.copyOf(access.keySet()).subList(0, SHARED_KEYS.size()), access.toString());
            assertEquals("shape-json-1", access.get("request_id"));
            assertEquals("/integrated-account/nothing/here", access.get("path"));
            for (var line : List.of(warning, access)) {
                assertTrue(ISO_MILLIS.matcher((String) line.get("ts")).matches(), line.toString());
                Instant.parse((String) line.get("ts"));
            }
            assertFalse(lines.get(lines.size() - 1).contains("\\/"), "slashes are not escaped");
            for (String line : lines) {
                assertTrue(line.startsWith("{"), "every line is JSON: " + line);
            }
        }
    }

    @Test
    void textLinesCarryTheSameKeysForAPerson() throws Exception {
        try (var switchboard = ChildServer.start(List.of(), List.of("serve"), Map.of("SWITCHBOARD_LOG_FORMAT", "text",
                "SWITCHBOARD_API_TOKEN", Harness.TOKEN))) {
            // The server answers a moment before it says it listens: wait for that line first.
            List<String> startUp = switchboard.linesUntil("listening on", Duration.ofSeconds(10));
            String started = startUp.get(startUp.size() - 1);
            send(switchboard, "/health", "shape-text-1");
            List<String> lines = switchboard.linesUntil("shape-text-1", Duration.ofSeconds(10));
            String access = lines.get(lines.size() - 1);
            for (String line : List.of(started, access)) {
                assertTrue(ISO_MILLIS.matcher(line.substring(0, 24)).matches(), line);
                assertFalse(line.startsWith("{"), line);
            }
            assertTrue(started.matches(".{24} INFO +ServeCommand Switchboard .* listening on http://localhost:\\d+"), started);
            assertTrue(access.matches(".{24} INFO +access GET /health 200 request_id=shape-text-1 duration_ms=[0-9.]+"), access);
        }
    }

    @Test
    void theAccessLogCanBeTurnedOff() throws Exception {
        try (var switchboard = ChildServer.start(List.of(), List.of("serve"), Map.of("SWITCHBOARD_ACCESS_LOG", "off",
                "SWITCHBOARD_API_TOKEN", Harness.TOKEN, "SWITCHBOARD_LOG_FORMAT", "json"))) {
            send(switchboard, "/health", "shape-off-1");
            send(switchboard, "/integrated-account", "shape-off-2"); // a 401, still no line
            Thread.sleep(300);
            assertTrue(switchboard.drain().stream().noneMatch(line -> line.contains("shape-off-")));
        }
    }

    private static void send(ChildServer switchboard, String path, String requestId) throws Exception {
        HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(switchboard.baseUrl() + path))
                .header("x-request-id", requestId).build(), HttpResponse.BodyHandlers.discarding());
    }

    private static Map<String, Object> object(String line) throws Exception {
        return Json.asObject(Json.parse(line.getBytes(StandardCharsets.UTF_8)))
                .orElseThrow(() -> new AssertionError("not a JSON object: " + line));
    }
}
