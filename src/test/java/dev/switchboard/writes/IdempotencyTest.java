package dev.switchboard.writes;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.switchboard.Concurrently;
import dev.switchboard.Harness;
import dev.switchboard.Fixtures;
import dev.switchboard.config.ServerConfig;
import dev.switchboard.store.TestDatabases;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Idempotency-Key: one execution per key and account, its answer replayed to retries.
 * Lever answers: {@link dev.switchboard.Fixtures}; its errors per hire.lever.co/developer/documentation#errors.
 */
class IdempotencyTest {

    @RegisterExtension
    static WireMockExtension provider = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    static final String NOTE = "{\"candidate_id\": \"opp-1\", \"body\": \"once only\"}";
    @RegisterExtension
    static final Harness harness = Harness.perClass();

    @BeforeEach
    void leverAnswers() {
        provider.stubFor(post(urlPathMatching("/v1/opportunities/.*/notes")).willReturn(created()));
    }

    @Test
    void aRetryWithTheSameKeyAndBodyReplaysTheAnswerWithoutACall() {
        String account = leverAccount();
        var first = create(account, "key-1", NOTE);
        var second = create(account, "key-1", NOTE);

        assertEquals(201, first.statusCode(), first.body());
        assertEquals(201, second.statusCode());
        assertEquals(first.body(), second.body());
        assertFalse(first.headers().firstValue("idempotent-replayed").isPresent());
        assertEquals("true", second.headers().firstValue("idempotent-replayed").orElse(""));
        assertEquals("application/json", second.headers().firstValue("Content-Type").orElse(""));
        provider.verify(1, postRequestedFor(urlPathEqualTo("/v1/opportunities/opp-1/notes")));
    }

    @Test
    void theSameKeyWithAnotherBodyIs422() {
        String account = leverAccount();
        assertEquals(201, create(account, "key-2", NOTE).statusCode());
        var other = create(account, "key-2", "{\"candidate_id\": \"opp-1\", \"body\": \"something else\"}");
        assertEquals(422, other.statusCode(), other.body());
        provider.verify(1, postRequestedFor(urlPathMatching("/v1/opportunities/.*/notes")));
    }

    @Test
    void theSameKeyWithAnotherQueryIs422() {
        String account = leverAccount();
        assertEquals(201, create(account, "key-q", NOTE).statusCode());
        var other = harness.send("POST", Harness.activities(account, "&truto_response_format=normalized"), NOTE,
                Map.of("Authorization", "Bearer " + Harness.TOKEN, "Idempotency-Key", "key-q"));
        assertEquals(422, other.statusCode());
    }

    @Test
    void keysBelongToOneAccount() {
        String first = leverAccount();
        String second = leverAccount();
        assertEquals(201, create(first, "shared-key", NOTE).statusCode());
        var other = create(second, "shared-key", NOTE);
        assertEquals(201, other.statusCode());
        assertFalse(other.headers().firstValue("idempotent-replayed").isPresent());
        provider.verify(2, postRequestedFor(urlPathMatching("/v1/opportunities/.*/notes")));
    }

    @Test
    void concurrentRequestsWithOneKeyMakeOneCall() throws Exception {
        provider.stubFor(post(urlPathMatching("/v1/opportunities/.*/notes")).willReturn(created().withFixedDelay(600)));
        String account = leverAccount();
        var responses = Concurrently.run(6, i -> create(account, "key-concurrent", NOTE));
        responses.forEach(response -> assertEquals(201, response.statusCode(), response.body()));
        assertEquals(5, responses.stream().filter(r -> r.headers().firstValue("idempotent-replayed").isPresent()).count());
        provider.verify(1, postRequestedFor(urlPathMatching("/v1/opportunities/.*/notes")));
    }

    @Test
    void twoProcessesSharingPostgresMakeOneCall() throws Exception {
        String url = TestDatabases.postgres();
        ServerConfig config = ServerConfig.of(0, url, Harness.TOKEN).withSecretKey(
                "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=");
        provider.stubFor(post(urlPathMatching("/v1/opportunities/.*/notes")).willReturn(created().withFixedDelay(400)));
        try (var first = Harness.start(config); var second = Harness.start(config)) {
            String account = first.account("lever", Map.of("api_key", "k", "base_url", provider.baseUrl() + "/v1"));
            var responses = Concurrently.run(8, i -> (i % 2 == 0 ? first : second).send("POST",
                    Harness.activities(account, ""), NOTE,
                    Map.of("Authorization", "Bearer " + Harness.TOKEN, "Idempotency-Key", "key-shared")));
            responses.forEach(response -> assertEquals(201, response.statusCode(), response.body()));
            provider.verify(1, postRequestedFor(urlPathMatching("/v1/opportunities/.*/notes")));
        } finally {
            TestDatabases.dropPostgres(url);
        }
    }

    @Test
    void aProviderRefusalIsReplayedToo() {
        provider.stubFor(post(urlPathMatching("/v1/opportunities/.*/notes")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"code\": \"ResourceNotFound\", \"message\": \"Opportunity not found\"}")));
        String account = leverAccount();
        var first = create(account, "key-404", NOTE);
        var second = create(account, "key-404", NOTE);
        assertEquals(404, first.statusCode());
        assertEquals(404, second.statusCode());
        assertEquals(first.body(), second.body());
        assertEquals("true", second.headers().firstValue("idempotent-replayed").orElse(""));
        provider.verify(1, postRequestedFor(urlPathMatching("/v1/opportunities/.*/notes")));
    }

    @Test
    void aRequestTheProviderTurnedAwayLeavesTheKeyFree() {
        provider.stubFor(post(urlPathMatching("/v1/opportunities/.*/notes")).willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", "120")));
        String account = leverAccount();
        assertEquals(429, create(account, "key-429", NOTE).statusCode());
        provider.stubFor(post(urlPathMatching("/v1/opportunities/.*/notes")).willReturn(created()));
        var retried = create(account, "key-429", NOTE);
        assertEquals(201, retried.statusCode());
        assertFalse(retried.headers().firstValue("idempotent-replayed").isPresent());
    }

    @Test
    void aRawProviderFaultIsPassedOnButNotReplayed() {
        provider.stubFor(post(urlPathMatching("/v1/opportunities/.*/notes")).willReturn(aResponse().withStatus(503)
                .withBody("down for maintenance")));
        String account = leverAccount();
        var first = harness.send("POST", Harness.activities(account, "&truto_response_format=raw"), NOTE,
                Map.of("Authorization", "Bearer " + Harness.TOKEN, "Idempotency-Key", "key-raw"));
        assertEquals(503, first.statusCode());
        assertEquals("down for maintenance", first.body());
        provider.stubFor(post(urlPathMatching("/v1/opportunities/.*/notes")).willReturn(created()));
        // Before it sends again the retry looks for a note the 503 may have hidden: the list answers,
        // and has none (Lever's list shape, hire.lever.co/developer/documentation#list-all-notes).
        provider.stubFor(get(urlPathMatching("/v1/opportunities/.*/notes")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"data\": [], \"hasNext\": false}")));
        var retried = harness.send("POST", Harness.activities(account, "&truto_response_format=raw"), NOTE,
                Map.of("Authorization", "Bearer " + Harness.TOKEN, "Idempotency-Key", "key-raw"));
        assertEquals(201, retried.statusCode(), retried.body());
        assertFalse(retried.headers().firstValue("idempotent-replayed").isPresent());
    }

    @Test
    void anInvalidRequestDoesNotUseTheKey() {
        String account = leverAccount();
        assertEquals(400, create(account, "key-invalid", "{\"body\": \"no candidate\"}").statusCode());
        assertEquals(201, create(account, "key-invalid", NOTE).statusCode());
    }

    @Test
    void aMalformedKeyOrAStreamWithAKeyIs400() {
        String account = leverAccount();
        assertEquals(400, create(account, "has space", NOTE).statusCode());
        assertEquals(400, create(account, "x".repeat(256), NOTE).statusCode());
        var stream = harness.send("POST", Harness.activities(account, "&truto_response_format=stream"), NOTE,
                Map.of("Authorization", "Bearer " + Harness.TOKEN, "Idempotency-Key", "key-stream"));
        assertEquals(400, stream.statusCode());
        assertTrue(stream.body().contains("stream"));
        provider.verify(0, postRequestedFor(urlPathMatching("/v1/opportunities/.*/notes")));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder created() {
        return aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                .withBody(Fixtures.LEVER_NOTE_CREATED);
    }

    private static String leverAccount() {
        return harness.account("lever", Map.of("api_key", "k", "base_url", provider.baseUrl() + "/v1"));
    }

    private static HttpResponse<String> create(String account, String key, String body) {
        return harness.send("POST", Harness.activities(account, ""), body,
                Map.of("Authorization", "Bearer " + Harness.TOKEN, "Idempotency-Key", key));
    }

}
