package dev.switchboard.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.switchboard.Harness;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Input meant to hurt: each is refused with a 4xx, nothing is sent, and the server serves on. */
class HostileInputTest {

    @RegisterExtension
    static WireMockExtension provider = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @RegisterExtension
    static final Harness harness = Harness.perClass();
    static String account;

    @BeforeAll
    static void start() {
        account = harness.account("lever", Map.of("api_key", "k", "base_url", provider.baseUrl() + "/v1"));
    }

    @AfterEach
    void theServerStillServesARealRequest() {
        provider.resetRequests();
        provider.stubFor(post(urlPathMatching("/v1/opportunities/.*/notes")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(LeverCreateTest.RESPONSE)));
        var response = harness.post(Harness.activities(account, ""), "{\"candidate_id\": \"opp-1\", \"body\": \"x\"}");
        assertEquals(201, response.statusCode(), response.body());
    }

    @Test
    void numbersThatOverflowAreRefusedWithTheRightMessage() {
        var infinite = harness.post(Harness.activities(account, ""),
                "{\"candidate_id\": \"c\", \"body\": \"x\", \"remote_data\": {\"score\": 1e309}}");
        assertRefused(infinite, 400);
        assertTrue(Harness.json(infinite).get("message").toString().contains("out of range"), infinite.body());
        var long_ = harness.post(Harness.activities(account, ""),
                "{\"candidate_id\": \"c\", \"body\": \"x\", \"remote_data\": {\"n\": " + "9".repeat(5_000) + "}}");
        assertRefused(long_, 400);
        assertTrue(Harness.json(long_).get("message").toString().contains("1,000 digits"), long_.body());
        provider.verify(0, postRequestedFor(urlPathMatching("/v1/.*")));
    }

    @Test
    void datesOutsideYearsOneToNineThousandNineHundredNinetyNineAreRefused() {
        for (String date : List.of("0000-01-01T00:00:00Z", "+10000-01-01T00:00:00Z", "-0001-01-01T00:00:00Z")) {
            var response = harness.post(Harness.activities(account, ""),
                    "{\"candidate_id\": \"c\", \"body\": \"x\", \"created_at\": \"" + date + "\"}");
            assertRefused(response, 400);
            assertTrue(((Map<?, ?>) ((Map<?, ?>) Harness.json(response).get("truto_error_insight"))
                    .get("invalid_body_fields")).containsKey("created_at"), response.body());
            assertFalse(response.body().contains(date), "the value is not echoed");
        }
    }

    @Test
    void dotAndDotDotAreNeverIds() {
        for (String id : List.of(".", "..")) {
            var response = harness.post(Harness.activities(account, ""),
                    "{\"candidate_id\": \"" + id + "\", \"body\": \"x\"}");
            assertRefused(response, 400);
            assertTrue(((Map<?, ?>) ((Map<?, ?>) Harness.json(response).get("truto_error_insight"))
                    .get("invalid_body_fields")).containsKey("candidate_id"));
        }
        assertRefused(harness.get("/unified/ats/activities?integrated_account_id=" + account + "&candidate_id=.."), 400);
    }

    @Test
    void aQueryNestedAThousandLevelsDeepIsASmall400() {
        String key = "remote_query" + "[a]".repeat(1_500);
        var response = harness.send("POST", Harness.activities(account, "&" + key + "=1"),
                "{\"candidate_id\": \"c\", \"body\": \"x\"}", Map.of("Authorization", "Bearer " + Harness.TOKEN,
                        "Idempotency-Key", "nested-1"));
        assertRefused(response, 400);
        assertTrue(response.body().length() < 500, "a short answer: " + response.body().length());
        var deep = harness.send("POST", Harness.activities(account, "&remote_query" + "[a]".repeat(9) + "=1"),
                "{\"candidate_id\": \"c\", \"body\": \"x\"}", Map.of("Authorization", "Bearer " + Harness.TOKEN));
        assertRefused(deep, 400);
        assertTrue(Harness.json(deep).get("message").toString().contains("deeper than 8"), deep.body());
    }

    @Test
    void anOversizedBodyIs413() {
        String huge = "{\"candidate_id\": \"c\", \"body\": \"" + "x".repeat(2 * 1024 * 1024) + "\"}";
        assertRefused(harness.post(Harness.activities(account, ""), huge), 413);
    }

    @Test
    void deeplyNestedJsonIsRefusedBeforeItIsBuilt() {
        String deep = "[".repeat(50_000) + "]".repeat(50_000);
        var response = harness.post(Harness.activities(account, ""),
                "{\"candidate_id\": \"c\", \"remote_data\": {\"a\": " + deep + "}}");
        assertRefused(response, 400);
        assertTrue(Harness.json(response).get("message").toString().contains("nests deeper"));
    }

    @Test
    void manyKeysInsideTheLimitAreHandled() {
        var body = new StringBuilder("{\"candidate_id\": \"c\", \"body\": \"x\", \"remote_data\": {");
        for (int i = 0; i < 30_000; i++) {
            body.append(i == 0 ? "" : ",").append("\"k").append(i).append("\": ").append(i);
        }
        body.append("}, \"visibility\": \"nope\"}");
        assertRefused(harness.post(Harness.activities(account, ""), body.toString()), 400);
    }

    @Test
    void idsWithPathTricksAreRefused() {
        assertRefused(harness.get("/integrated-accounts/..%2F..%2Fetc"), 400);
        assertRefused(harness.get("/integrated-accounts/" + "a".repeat(65)), 400);
        assertRefused(harness.post("/unified/ats/activities?integrated_account_id=%3Cscript%3E",
                "{\"candidate_id\": \"c\", \"body\": \"x\"}"), 400);
        var slash = harness.post(Harness.activities(account, ""), "{\"candidate_id\": \"../admin\", \"body\": \"x\"}");
        assertRefused(slash, 400);
        assertTrue(slash.body().contains("candidate_id"));
        assertRefused(harness.post(Harness.activities(account, ""),
                "{\"candidate_id\": \"a\\u0000b\", \"body\": \"x\"}"), 400);
        assertRefused(harness.post(Harness.activities(account, ""),
                "{\"candidate_id\": \"" + "9".repeat(300) + "\", \"body\": \"x\"}"), 400);
    }

    @Test
    void numbersWithThousandsOfDigitsAreRefused() {
        assertRefused(harness.post(Harness.activities(account, ""),
                "{\"candidate_id\": \"c\", \"remote_data\": {\"n\": " + "9".repeat(5_000) + "}}"), 400);
    }

    @Test
    void malformedUtf8IsRefused() throws Exception {
        byte[] body = "{\"candidate_id\": \"c\", \"body\": \"\u00ff\u00ff\"}".getBytes(StandardCharsets.ISO_8859_1);
        var request = HttpRequest.newBuilder(URI.create(harness.baseUrl() + Harness.activities(account, "")))
                .header("Authorization", "Bearer " + Harness.TOKEN)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        assertRefused(HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()), 400);
    }

    private static void assertRefused(HttpResponse<String> response, int status) {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals(status, Harness.json(response).get("statusCode"));
        provider.verify(0, anyRequestedFor(anyUrl()));
    }
}
