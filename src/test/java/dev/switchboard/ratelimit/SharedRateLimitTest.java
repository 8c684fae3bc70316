package dev.switchboard.ratelimit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.switchboard.Concurrently;
import dev.switchboard.Fixtures;
import dev.switchboard.Harness;
import dev.switchboard.config.ServerConfig;
import dev.switchboard.store.TestDatabases;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two processes sharing PostgreSQL keep one rate per account between them, not one each. */
class SharedRateLimitTest {

    static final String NOTES = "/v1/opportunities/.*/notes";
    static final String NOTE = "{\"candidate_id\": \"opp-1\", \"body\": \"at the shared rate\"}";
    static final String KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

    @RegisterExtension
    static WireMockExtension provider = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().containerThreads(40)).build();

    private String url;

    @BeforeEach
    void providerAcceptsNotes() {
        provider.stubFor(post(urlPathMatching(NOTES)).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(Fixtures.LEVER_NOTE_CREATED)));
        url = TestDatabases.postgres();
    }

    @AfterEach
    void dropSchema() {
        TestDatabases.dropPostgres(url);
    }

    /** Both processes of a test: one database, Lever at {@code rate}, waiting at most {@code budget}. */
    private ServerConfig shared(String rate, Duration budget) {
        return ServerConfig.of(0, url, Harness.TOKEN).withSecretKey(KEY).withRetryBudget(budget)
                .withEnvironment(Map.of("SWITCHBOARD_LEVER_RATE_LIMIT", rate));
    }

    @Test
    void twoProcessesSendAtTheAccountsRateBetweenThem() throws Exception {
        // 5 calls a second, no burst: ten calls take 1.8 s however they are spread. Each
        // process keeping its own rate would send them in 0.8 s.
        ServerConfig config = shared("5/1", Duration.ofSeconds(5));
        try (var first = Harness.start(config); var second = Harness.start(config)) {
            String account = first.account("lever", Map.of("api_key", "k", "base_url", provider.baseUrl() + "/v1"));
            // A first call through each process, so no cold start stretches the measured ones.
            assertEquals(201, first.post(Harness.activities(account, ""), NOTE).statusCode());
            assertEquals(201, second.post(Harness.activities(account, ""), NOTE).statusCode());
            provider.resetRequests();

            var responses = Concurrently.run(10, i -> (i % 2 == 0 ? first : second)
                    .post(Harness.activities(account, ""), distinct(i)));
            responses.forEach(response -> assertEquals(201, response.statusCode(), response.body()));

            var arrivals = provider.getAllServeEvents().stream()
                    .map(ServeEvent::getRequest).map(request -> request.getLoggedDate().getTime()).sorted().toList();
            assertEquals(10, arrivals.size());
            long span = arrivals.get(9) - arrivals.get(0);
            assertTrue(span >= 1_500, "ten calls at 5 a second span 1.8 s; these spanned " + span + " ms");
        }
    }

    @Test
    void aCallThatWouldWaitPastItsBudgetIsTurnedAwayWithRetryAfter() throws Exception {
        ServerConfig config = shared("0.5/1", Duration.ofMillis(100));
        try (var first = Harness.start(config); var second = Harness.start(config)) {
            String account = first.account("lever", Map.of("api_key", "k", "base_url", provider.baseUrl() + "/v1"));
            assertEquals(201, first.post(Harness.activities(account, ""), NOTE).statusCode());
            var refused = second.post(Harness.activities(account, ""), NOTE);
            assertEquals(429, refused.statusCode(), refused.body());
            long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
            assertTrue(retryAfter >= 1 && retryAfter <= 2, "the next slot is about 2 s away: " + retryAfter);
            assertEquals(1, provider.getAllServeEvents().size(), "the refused call never reached the provider");
        }
    }

    /** Concurrent creates of distinct notes: identical keyless creates wait for each other by design. */
    private static String distinct(int i) {
        return "{\"candidate_id\": \"opp-1\", \"body\": \"note " + i + "\"}";
    }
}
