package dev.switchboard.writes;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.switchboard.Fixtures;
import dev.switchboard.Concurrently;
import dev.switchboard.Harness;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What is retried (only the provably safe), rate limits per account, and timeouts. Lever's
 * 429 {code, message} and its rate (10/s, bursts of 20) per hire.lever.co/developer/documentation
 * ("Rate limits", "Errors"); answers from {@link dev.switchboard.Fixtures}.
 */
class SafeRetryTest {

    static final String NOTES = "/v1/opportunities/.*/notes";
    static final String NOTE = "{\"candidate_id\": \"opp-1\", \"body\": \"retry me\"}";

    @RegisterExtension
    static WireMockExtension provider = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().containerThreads(60)).build();

    @RegisterExtension
    static final Harness harness = Harness.perClass(() -> Harness.sqliteConfig().withRetryBudget(Duration.ofSeconds(3)));

    @Test
    void aProviderThatWasNotListeningYetIsTriedAgain() throws Exception {
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        var late = new WireMockServer(wireMockConfig().port(port));
        late.stubFor(post(urlPathMatching(NOTES)).willReturn(created()));
        String account = harness.account("lever", Map.of("api_key", "k", "base_url", "http://127.0.0.1:" + port + "/v1"));
        var starter = new Thread(() -> {
            sleep(150);
            late.start();
        });
        starter.start();
        try {
            var response = create(account);
            assertEquals(201, response.statusCode(), response.body());
            late.verify(1, postRequestedFor(urlPathMatching(NOTES)));
        } finally {
            starter.join();
            late.stop();
        }
    }

    @Test
    void a429WithRetryAfterIsWaitedOutAndSentAgain() {
        provider.stubFor(post(urlPathMatching(NOTES)).inScenario("429").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("ok"));
        provider.stubFor(post(urlPathMatching(NOTES)).inScenario("429").whenScenarioStateIs("ok").willReturn(created()));
        long started = System.nanoTime();
        var response = create(leverAccount());
        assertEquals(201, response.statusCode(), response.body());
        assertTrue((System.nanoTime() - started) / 1_000_000 >= 950, "waited as asked");
        provider.verify(2, postRequestedFor(urlPathMatching(NOTES)));
    }

    @Test
    void aResetHeaderInEpochSecondsCountsAsTheWait() {
        provider.stubFor(post(urlPathMatching(NOTES)).inScenario("reset").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429)
                        .withHeader("X-RateLimit-Reset", String.valueOf(Instant.now().getEpochSecond() + 1)))
                .willSetStateTo("ok"));
        provider.stubFor(post(urlPathMatching(NOTES)).inScenario("reset").whenScenarioStateIs("ok").willReturn(created()));
        assertEquals(201, create(leverAccount()).statusCode());
        provider.verify(2, postRequestedFor(urlPathMatching(NOTES)));
    }

    @Test
    void a429WhoseWaitExceedsTheBudgetGoesBackWithRetryAfter() {
        provider.stubFor(post(urlPathMatching(NOTES)).willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", "120").withHeader("Content-Type", "application/json")
                .withBody("{\"code\": \"TooManyRequests\", \"message\": \"slow down\"}")));
        var response = create(leverAccount());
        assertEquals(429, response.statusCode());
        assertEquals("120", response.headers().firstValue("Retry-After").orElse(""));
        assertEquals(true, Harness.json(response).get("truto_is_remote_error"));
        provider.verify(1, postRequestedFor(urlPathMatching(NOTES)));
    }

    @Test
    void a5xxIsNotSentAgain() {
        provider.stubFor(post(urlPathMatching(NOTES)).willReturn(aResponse().withStatus(503)));
        assertEquals(502, create(leverAccount()).statusCode());
        provider.verify(1, postRequestedFor(urlPathMatching(NOTES)));
    }

    @Test
    void providerRateLimitHeadersReachTheCallerNormalised() {
        long reset = Instant.now().getEpochSecond() + 30;
        provider.stubFor(post(urlPathMatching(NOTES)).willReturn(created()
                .withHeader("X-RateLimit-Limit", "100").withHeader("X-RateLimit-Remaining", "42")
                .withHeader("X-RateLimit-Reset", String.valueOf(reset))));
        var response = create(leverAccount());
        assertEquals(201, response.statusCode());
        assertEquals("100", response.headers().firstValue("ratelimit-limit").orElse(""));
        assertEquals("42", response.headers().firstValue("ratelimit-remaining").orElse(""));
        long seconds = Long.parseLong(response.headers().firstValue("ratelimit-reset").orElse("-1"));
        assertTrue(seconds >= 28 && seconds <= 30, "seconds until the reset: " + seconds);
    }

    @Test
    void leverCallsPerAccountStayUnderTenPerSecondAfterABurstOfTwenty() throws Exception {
        provider.stubFor(post(urlPathMatching(NOTES)).willReturn(created()));
        String account = leverAccount();
        long started = System.nanoTime();
        var responses = Concurrently.run(30, i -> harness.post(Harness.activities(account, ""), distinct(i)));
        long elapsedMs = (System.nanoTime() - started) / 1_000_000;
        responses.forEach(response -> assertEquals(201, response.statusCode(), response.body()));
        // 20 go at once; the other 10 at 10 per second: about one second in all.
        assertTrue(elapsedMs >= 850, "30 calls took " + elapsedMs + " ms");
        provider.verify(30, postRequestedFor(urlPathMatching(NOTES)));
    }

    @Test
    void whenTheQueueIsLongerThanTheBudgetTheCallerIsToldToWait() throws Exception {
        provider.stubFor(post(urlPathMatching(NOTES)).willReturn(created()));
        try (var tight = Harness.start(Harness.sqliteConfig().withRetryBudget(Duration.ofMillis(200)))) {
            String account = tight.account("lever", Map.of("api_key", "k", "base_url", provider.baseUrl() + "/v1"));
            long started = System.nanoTime();
            var responses = Concurrently.run(40, i -> tight.post(Harness.activities(account, ""), distinct(i)));
            double seconds = (System.nanoTime() - started) / 1e9;
            var refused = responses.stream().filter(r -> r.statusCode() == 429).toList();
            assertFalse(refused.isEmpty());
            for (var response : refused) {
                assertTrue(response.headers().firstValue("Retry-After").isPresent());
                assertFalse(Harness.json(response).containsKey("truto_is_remote_error"), "Switchboard said it, not Lever");
            }
            // A token bucket lets out its burst plus its rate over the time the calls took.
            long allowed = 20 + (long) Math.ceil(10 * seconds) + 1;
            long sent = responses.size() - refused.size();
            assertTrue(sent <= allowed, sent + " went out in " + seconds + " s; the bucket allows " + allowed);
        }
    }

    @Test
    void anOperatorCanLiftOrChangeAnIntegrationsRate() throws Exception {
        provider.stubFor(post(urlPathMatching(NOTES)).willReturn(created()));
        try (var lifted = Harness.start(Harness.sqliteConfig().withRetryBudget(Duration.ofMillis(100))
                .withEnvironment(Map.of("SWITCHBOARD_LEVER_RATE_LIMIT", "off")))) {
            String account = lifted.account("lever", Map.of("api_key", "k", "base_url", provider.baseUrl() + "/v1"));
            var responses = Concurrently.run(40, i -> lifted.post(Harness.activities(account, ""), distinct(i)));
            responses.forEach(response -> assertEquals(201, response.statusCode()));
        }
        try (var strict = Harness.start(Harness.sqliteConfig().withRetryBudget(Duration.ofMillis(100))
                .withEnvironment(Map.of("SWITCHBOARD_LEVER_RATE_LIMIT", "1/2")))) {
            String account = strict.account("lever", Map.of("api_key", "k", "base_url", provider.baseUrl() + "/v1"));
            long started = System.nanoTime();
            var responses = Concurrently.run(5, i -> strict.post(Harness.activities(account, ""), distinct(i)));
            long seconds = (System.nanoTime() - started) / 1_000_000_000L;
            long sent = responses.stream().filter(r -> r.statusCode() == 201).count();
            assertTrue(sent >= 2 && sent <= 2 + seconds, sent + " went out: the burst of 2, then 1 a second");
        }
    }

    @Test
    void eachIntegrationHasItsOwnTimeout() {
        provider.stubFor(post(urlPathMatching(NOTES)).willReturn(created().withFixedDelay(2_000)));
        try (var strict = Harness.start(Harness.sqliteConfig()
                .withEnvironment(Map.of("SWITCHBOARD_LEVER_TIMEOUT_MS", "300")))) {
            String account = strict.account("lever", Map.of("api_key", "k", "base_url", provider.baseUrl() + "/v1"));
            long started = System.nanoTime();
            var response = strict.post(Harness.activities(account, ""), NOTE);
            assertEquals(504, response.statusCode(), response.body());
            assertTrue((System.nanoTime() - started) / 1_000_000 < 1_500, "held no longer than its timeout");
        }
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder created() {
        return aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                .withBody(Fixtures.LEVER_NOTE_CREATED);
    }

    private static String leverAccount() {
        return harness.account("lever", Map.of("api_key", "k", "base_url", provider.baseUrl() + "/v1"));
    }

    private static HttpResponse<String> create(String account) {
        return harness.post(Harness.activities(account, ""), NOTE);
    }


    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Concurrent creates of distinct notes: identical keyless creates wait for each other by design. */
    private static String distinct(int i) {
        return "{\"candidate_id\": \"opp-1\", \"body\": \"note " + i + "\"}";
    }
}
