package dev.switchboard.observability;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.switchboard.ChildServer;
import dev.switchboard.Engine;
import dev.switchboard.Fixtures;
import dev.switchboard.Harness;
import dev.switchboard.Server;
import dev.switchboard.api.SwitchboardApp;
import dev.switchboard.mapping.Json;
import dev.switchboard.tokens.TokenAuthority;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Metrics, request ids, the access log line and readiness. */
class ObservabilityTest {

    @RegisterExtension
    static WireMockExtension provider = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @Test
    void metricsCountRequestsProviderLatencyRetriesAndRateLimitWaits() {
        provider.stubFor(post(urlPathMatching("/v1/.*")).inScenario("429").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "0")).willSetStateTo("ok"));
        provider.stubFor(post(urlPathMatching("/v1/.*")).inScenario("429").whenScenarioStateIs("ok")
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody(Fixtures.LEVER_NOTE_CREATED)));
        try (var harness = Harness.start()) {
            String account = harness.account("lever", Map.of("api_key", "k", "base_url", provider.baseUrl() + "/v1"));
            assertEquals(201, harness.post(Harness.activities(account, ""),
                    "{\"candidate_id\": \"opp-1\", \"body\": \"x\"}").statusCode());
            assertEquals(400, harness.post(Harness.activities(account, ""), "{}").statusCode());

            assertEquals(401, harness.send("GET", "/metrics", null, Map.of()).statusCode(), "metrics need a token");
            String metrics = harness.get("/metrics").body();
            for (String expected : List.of(
                    "switchboard_requests_total{integration=\"lever\",method=\"create\",resource=\"ats/activities\",status=\"201\"} 1.0",
                    "switchboard_requests_total{integration=\"lever\",method=\"create\",resource=\"ats/activities\",status=\"400\"} 1.0",
                    "switchboard_provider_latency_seconds_bucket{integration=\"lever\",outcome=\"201\"",
                    "switchboard_provider_latency_seconds_count{integration=\"lever\",outcome=\"429\"} 1",
                    "switchboard_retries_total{integration=\"lever\",reason=\"rate_limited\"} 1.0",
                    "switchboard_ratelimit_wait_seconds_count{integration=\"lever\"}",
                    // The JVM, the process, the web server and the store's pool.
                    "jvm_memory_used_bytes{area=\"heap\"", "jvm_gc_", "jvm_threads_live_threads", "process_cpu_usage",
                    "process_uptime_seconds", "jetty_threads_current", "hikaricp_connections_active")) {
                assertTrue(metrics.contains(expected), "missing " + expected + " in\n" + metrics);
            }
            // Fixed latency buckets: a dozen per series, not a percentile histogram's seventy.
            long buckets = metrics.lines().filter(line -> line.startsWith(
                    "switchboard_provider_latency_seconds_bucket{integration=\"lever\",outcome=\"201\"")).count();
            assertTrue(buckets > 5 && buckets <= 12, buckets + " buckets");
        }
    }

    @Test
    void everyAnswerCarriesARequestId() {
        try (var harness = Harness.start()) {
            var given = harness.send("GET", "/health", null, Map.of("x-request-id", "trace-abc.123"));
            assertEquals("trace-abc.123", given.headers().firstValue("x-request-id").orElse(""));
            var generated = harness.send("GET", "/integrated-accounts", null, Map.of());
            assertEquals(401, generated.statusCode());
            var id = java.util.UUID.fromString(generated.headers().firstValue("x-request-id").orElse(""));
            assertEquals(4, id.version());
            assertEquals(2, id.variant());
            var another = harness.send("GET", "/integrated-accounts", null, Map.of());
            assertFalse(id.toString().equals(another.headers().firstValue("x-request-id").orElse("")));
            var hostile = harness.send("GET", "/health", null, Map.of("x-request-id", "a b<script>"));
            assertFalse(hostile.headers().firstValue("x-request-id").orElse("").contains("<"));
        }
    }

    @Test
    void readinessFollowsTheStore() {
        var config = Harness.sqliteConfig();
        try (var stores = Server.Stores.open(config)) {
            Engine engine = Engine.build(config, stores);
            var parts = new SwitchboardApp.Parts(stores.catalog(), stores.accounts(), engine.credentials(), engine.writes(), engine.listing(), engine.downloads(), engine.proxy(),
                    new TokenAuthority(Optional.of(Harness.TOKEN), stores.tokens()), engine.metrics(),
                    () -> false, 1024, line -> { },
                    SwitchboardApp.SlowBodies.DEFAULT, null);
            var app = SwitchboardApp.create(parts).start("127.0.0.1", 0);
            try {
                var response = get("http://127.0.0.1:" + app.port() + "/ready");
                assertEquals(503, response.statusCode());
                assertEquals("unreachable", Harness.json(response).get("store"));
            } finally {
                app.stop();
            }
        }
        try (var harness = Harness.start()) {
            var ready = harness.send("GET", "/ready", null, Map.of());
            assertEquals(200, ready.statusCode());
            assertEquals("ok", Harness.json(ready).get("store"));
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void oneJsonLinePerRequestWithItsIdIntegrationStatusesAndDurations() throws Exception {
        provider.stubFor(post(urlPathMatching("/v1/.*")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(Fixtures.LEVER_NOTE_CREATED)));
        try (var switchboard = ChildServer.start(List.of(), List.of("serve"), Map.of(
                "SWITCHBOARD_API_TOKEN", Harness.TOKEN, "SWITCHBOARD_ALLOWED_HOSTS", "http://127.0.0.1,http://localhost"))) {
            var http = HttpClient.newHttpClient();
            var account = http.send(HttpRequest.newBuilder(URI.create(switchboard.baseUrl() + "/integrated-accounts?connect_check=skip"))
                    .header("Authorization", "Bearer " + Harness.TOKEN)
                    .POST(HttpRequest.BodyPublishers.ofString(Json.writeString(Map.of("integration", "lever",
                            "tenant_id", "t", "context", Map.of("api_key", "log-secret-key",
                                    "base_url", provider.baseUrl() + "/v1"))))).build(),
                    HttpResponse.BodyHandlers.ofString());
            String id = (String) Harness.json(account).get("id");
            http.send(HttpRequest.newBuilder(URI.create(switchboard.baseUrl()
                            + "/unified/ats/activities?integrated_account_id=" + id))
                    .header("Authorization", "Bearer " + Harness.TOKEN).header("x-request-id", "log-line-1")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"candidate_id\": \"opp-1\", \"body\": \"logged\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());

            String line = switchboard.linesUntil("log-line-1", Duration.ofSeconds(10)).stream()
                    .filter(l -> l.contains("log-line-1")).findFirst().orElseThrow();
            var entry = Json.asObject(Json.parse(line.getBytes(StandardCharsets.UTF_8))).orElseThrow();
            assertEquals("log-line-1", entry.get("request_id"));
            assertEquals("POST", entry.get("http_method"));
            assertEquals("/unified/ats/activities", entry.get("path"));
            assertEquals(201, entry.get("status"), line);
            assertEquals("lever", entry.get("integration"));
            assertEquals(201, entry.get("provider_status"));
            assertTrue(entry.get("duration_ms") instanceof Number && entry.get("provider_ms") instanceof Number);
            assertFalse(line.contains("log-secret-key") || line.contains(Harness.TOKEN) || line.contains("logged"));

            // A provider nothing listens at: the line says which network failure it was.
            var refused = http.send(HttpRequest.newBuilder(URI.create(switchboard.baseUrl() + "/integrated-accounts?connect_check=skip"))
                    .header("Authorization", "Bearer " + Harness.TOKEN)
                    .POST(HttpRequest.BodyPublishers.ofString(Json.writeString(Map.of("integration", "lever",
                            "tenant_id", "t", "context", Map.of("api_key", "log-secret-key",
                                    "base_url", "http://127.0.0.1:1/v1"))))).build(),
                    HttpResponse.BodyHandlers.ofString());
            http.send(HttpRequest.newBuilder(URI.create(switchboard.baseUrl() + "/unified/ats/activities?integrated_account_id="
                            + Harness.json(refused).get("id") + "&candidate_id=opp-1"))
                    .header("Authorization", "Bearer " + Harness.TOKEN).header("x-request-id", "log-line-2").build(),
                    HttpResponse.BodyHandlers.ofString());
            String failed = switchboard.linesUntil("log-line-2", Duration.ofSeconds(10)).stream()
                    .filter(l -> l.contains("log-line-2")).findFirst().orElseThrow();
            var failure = Json.asObject(Json.parse(failed.getBytes(StandardCharsets.UTF_8))).orElseThrow();
            assertEquals("refused", failure.get("provider_error"), failed);
            assertEquals(502, failure.get("status"), failed);
        }
    }

    @Test
    void testsWriteNoAccessLines() {
        // src/test/resources/logback-test.xml: a contributor's test output is not flooded by one line per request.
        assertFalse(org.slf4j.LoggerFactory.getLogger("switchboard.access").isInfoEnabled());
        // Switchboard's warnings in tests come from provoked faults: errors only (LogCapture takes the ones tested).
        assertFalse(org.slf4j.LoggerFactory.getLogger("dev.switchboard.Server").isWarnEnabled(), "errors only");
        assertTrue(org.slf4j.LoggerFactory.getLogger("dev.switchboard.Server").isErrorEnabled());
        assertTrue(org.slf4j.LoggerFactory.getLogger("org.flywaydb").isWarnEnabled(), "libraries' warnings print");
    }

    @Test
    void everyLineIsJsonAndApplicationLinesCarryTheRequestId() throws Exception {
        // An expired Lever token is refreshed inside the request, which logs a line of its own. The
        // token answer is RFC 6749 §5.1's, as Lever's token endpoint gives it (hire.lever.co/developer/documentation#authentication).
        provider.stubFor(post(urlPathMatching("/oauth/token")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"access_token\": \"fresh\", \"refresh_token\": \"rt2\", \"expires_in\": 3600}")));
        provider.stubFor(post(urlPathMatching("/v1/.*")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(Fixtures.LEVER_NOTE_CREATED)));
        try (var switchboard = ChildServer.start(List.of(), List.of("serve"), Map.of(
                "SWITCHBOARD_API_TOKEN", Harness.TOKEN, "SWITCHBOARD_ALLOWED_HOSTS", "http://127.0.0.1,http://localhost",
                "SWITCHBOARD_LEVER_TOKEN_URL", provider.baseUrl() + "/oauth/token",
                "SWITCHBOARD_LEVER_CLIENT_ID", "client", "SWITCHBOARD_LEVER_CLIENT_SECRET", "client-secret"))) {
            var http = HttpClient.newHttpClient();
            var account = http.send(HttpRequest.newBuilder(URI.create(switchboard.baseUrl() + "/integrated-account?connect_check=skip"))
                    .header("Authorization", "Bearer " + Harness.TOKEN)
                    .POST(HttpRequest.BodyPublishers.ofString(Json.writeString(Map.of("integration", "lever",
                            "tenant_id", "t", "context", Map.of("base_url", provider.baseUrl() + "/v1", "oauth",
                                    Map.of("access_token", "old", "refresh_token", "rt",
                                            "expires_at", "2020-01-01T00:00:00Z")))))).build(),
                    HttpResponse.BodyHandlers.ofString());
            String id = (String) Harness.json(account).get("id");
            var created = http.send(HttpRequest.newBuilder(URI.create(switchboard.baseUrl()
                            + "/unified/ats/activities?integrated_account_id=" + id))
                    .header("Authorization", "Bearer " + Harness.TOKEN).header("x-request-id", "refresh-request-7")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"candidate_id\": \"opp-1\", \"body\": \"x\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(201, created.statusCode(), created.body());

            List<String> lines = switchboard.linesUntil("\"request_id\":\"refresh-request-7\"", Duration.ofSeconds(10));
            var refreshed = lines.stream().filter(line -> line.contains("OAuth token refreshed")).findFirst()
                    .orElseThrow(() -> new AssertionError(String.join("\n", lines)));
            var entry = Json.asObject(Json.parse(refreshed.getBytes(StandardCharsets.UTF_8))).orElseThrow();
            assertEquals("INFO", entry.get("level"));
            assertEquals("refresh-request-7", entry.get("request_id"), refreshed);
            for (String line : lines) {
                if (line.startsWith("WARNING:") || line.isBlank()) {
                    continue; // the JVM's own notices about native access, not the application's
                }
                assertTrue(Json.tryParse(line.getBytes(StandardCharsets.UTF_8)).flatMap(Json::asObject).isPresent(),
                        "not a JSON line: " + line);
                assertFalse(line.contains("client-secret") || line.contains("\"fresh\""), line);
            }
        }
    }

    private static HttpResponse<String> get(String url) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
