package dev.switchboard.connect;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.switchboard.Harness;
import dev.switchboard.config.ServerConfig;
import dev.switchboard.mapping.Json;
import dev.switchboard.store.TestDatabases;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.sql.DriverManager;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The connect page is no credential oracle: checks through one link reach the provider at
 * most at the throttle's rate, a link is spent after a few failed checks, checks from one
 * client address are throttled across links, and no check leaves a row behind. On
 * PostgreSQL, where the rate limiter keeps rows. The provider refuses every key as Ashby
 * does (developers.ashbyhq.com/docs/authentication: 401 for an unknown key).
 */
class ConnectAbuseTest {

    static WireMockServer ashby;
    static String url;

    @BeforeAll
    static void start() {
        ashby = new WireMockServer(wireMockConfig().dynamicPort());
        ashby.start();
        ashby.stubFor(post("/apiKey.info").willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"success\": false, \"errorInfo\": {\"code\": \"invalid_api_key\", \"message\": \"no\"}}")));
        url = TestDatabases.postgres();
    }

    @AfterAll
    static void stop() {
        ashby.stop();
        TestDatabases.dropPostgres(url);
    }

    private static Harness server(Map<String, String> settings) {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        var environment = new java.util.HashMap<>(settings);
        environment.put("SWITCHBOARD_ASHBY_BASE_URL", ashby.baseUrl());
        return Harness.start(ServerConfig.of(0, url, Harness.TOKEN)
                .withSecretKey(Base64.getEncoder().encodeToString(key)).withEnvironment(environment));
    }

    @Test
    void aThousandChecksThroughOneLinkReachTheProviderAtTheThrottlesRateAndLeaveNoRows() throws Exception {
        // Failures would spend the link first; here they may not, to show the rate alone.
        try (var harness = server(Map.of("SWITCHBOARD_CONNECT_FAILED_CHECKS", "100000",
                "SWITCHBOARD_CONNECT_CHECKS_PER_ADDRESS", "100000"))) {
            ashby.resetRequests();
            String link = link(harness);
            long rowsBefore = rows();
            long started = System.nanoTime();
            var statuses = checks(harness, link, 1_000);
            double seconds = (System.nanoTime() - started) / 1e9;
            int reached = ashby.getAllServeEvents().size();
            // A burst of 3, then one every 2 s.
            long allowed = 3 + (long) Math.ceil(seconds / 2);
            assertTrue(reached <= allowed, reached + " checks reached the provider in " + seconds + " s; at most "
                    + allowed + " may");
            assertEquals(1_000, statuses.values().stream().mapToInt(Integer::intValue).sum());
            assertTrue(statuses.getOrDefault(429, 0) >= 1_000 - allowed, statuses.toString());
            assertTrue(rows() <= rowsBefore + 1, "rows before " + rowsBefore + ", after " + rows()
                    + ": one rate slot at most, for every check of the environment and integration");
        }
    }

    @Test
    void aLinkIsSpentAfterFiveFailedChecks() throws Exception {
        try (var harness = server(Map.of("SWITCHBOARD_CONNECT_CHECK_INTERVAL_MS", "1"))) {
            ashby.resetRequests();
            String link = link(harness);
            for (int i = 0; i < 5; i++) {
                assertEquals(401, check(harness, link).statusCode());
            }
            var spent = check(harness, link);
            assertEquals(410, spent.statusCode(), spent.body());
            assertEquals(5, ashby.getAllServeEvents().size());
            assertEquals(410, harness.send("GET", "/connect?link_token=" + link, null, Map.of()).statusCode());
        }
    }

    @Test
    void checksFromOneAddressAreThrottledAcrossLinks() throws Exception {
        try (var harness = server(Map.of())) {
            ashby.resetRequests();
            var statuses = new java.util.ArrayList<Integer>();
            for (int i = 0; i < 25; i++) {
                statuses.add(check(harness, link(harness)).statusCode());
            }
            assertEquals(20, statuses.stream().filter(status -> status == 401).count(), statuses.toString());
            assertEquals(5, statuses.stream().filter(status -> status == 429).count(), statuses.toString());
            var throttled = check(harness, link(harness));
            assertEquals("connect_throttled", Harness.json(throttled).get("code"));
            assertTrue(throttled.headers().firstValue("Retry-After").isPresent());
        }
    }

    private static String link(Harness harness) {
        var issued = harness.post("/link-token", Json.writeString(Map.of("tenant_id", "t", "integrations",
                List.of("ashby"))));
        assertEquals(201, issued.statusCode(), issued.body());
        return (String) Harness.json(issued).get("link_token");
    }

    private static HttpResponse<String> check(Harness harness, String link) {
        return harness.send("POST", "/connect/accounts", Json.writeString(Map.of("link_token", link,
                "integration", "ashby", "context", Map.of("api_key", "guess"))), Map.of());
    }

    private static Map<Integer, Integer> checks(Harness harness, String link, int count) throws Exception {
        var http = HttpClient.newHttpClient();
        var pool = Executors.newFixedThreadPool(8);
        var statuses = new ConcurrentHashMap<Integer, Integer>();
        byte[] body = Json.write(Map.of("link_token", link, "integration", "ashby", "context",
                Map.of("api_key", "guess")));
        for (int i = 0; i < count; i++) {
            pool.submit(() -> {
                var request = HttpRequest.newBuilder(URI.create(harness.baseUrl() + "/connect/accounts"))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build();
                try {
                    statuses.merge(http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode(), 1,
                            Integer::sum);
                } catch (Exception e) {
                    statuses.merge(-1, 1, Integer::sum);
                }
            });
        }
        pool.shutdown();
        assertTrue(pool.awaitTermination(120, TimeUnit.SECONDS));
        return statuses;
    }

    /** Rows in every table a check could leave one in. */
    private static long rows() throws Exception {
        long total = 0;
        try (var connection = DriverManager.getConnection(url); var statement = connection.createStatement()) {
            for (String table : List.of("rate_slots", "oauth_states", "link_tokens", "integrated_accounts",
                    "idempotency_keys")) {
                try (var result = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
                    result.next();
                    total += result.getLong(1);
                }
            }
        }
        return total;
    }
}
