package dev.switchboard.api;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.switchboard.Harness;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every refusal of docs/api.md §2 and §5 happens before any remote call. */
class ValidationTest {

    @RegisterExtension
    static WireMockExtension provider = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @RegisterExtension
    static final Harness harness = Harness.perClass();
    static String ashby;
    static String lever;
    static String recruitee;

    @BeforeAll
    static void start() {
        ashby = harness.account("ashby", Map.of("api_key", "k", "base_url", provider.baseUrl()));
        lever = harness.account("lever", Map.of("api_key", "k", "base_url", provider.baseUrl() + "/v1"));
        recruitee = harness.account("recruitee", Map.of("api_token", "t", "company_id", "1",
                "base_url", provider.baseUrl()));
    }

    @AfterEach
    void nothingReachedTheProvider() {
        provider.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void ashbyRequiresCandidateAndBody() {
        var response = harness.post(Harness.activities(ashby, ""), "{\"visibility\": \"public\"}");
        assertInsight(response, Map.of("missing_required_body_fields", List.of("candidate_id", "body")));
    }

    @Test
    void recruiteeRequiresCandidateAndBody() {
        var response = harness.post(Harness.activities(recruitee, ""), "{\"candidate_id\": \"1\"}");
        assertInsight(response, Map.of("missing_required_body_fields", List.of("body")));
    }

    @Test
    void leverRequiresCandidateAndBody() {
        // "Create a note": value is required; without it Lever answers 400, so the call never goes out.
        var response = harness.post(Harness.activities(lever, ""), "{\"visibility\": \"private\"}");
        assertInsight(response, Map.of("missing_required_body_fields", List.of("candidate_id", "body")));
    }

    @Test
    void anAdminOnlyNoteIsRefusedWhereItWouldBeWidened() {
        // Recruitee has public and private notes only: an admin-only note is refused, never written wider.
        var response = harness.post(Harness.activities(recruitee, ""),
                "{\"candidate_id\": \"1\", \"body\": \"x\", \"visibility\": \"admin_only\"}");
        assertInsight(response, Map.of("invalid_body_fields",
                Map.of("visibility", "'admin_only' cannot be expressed by Recruitee; it takes public, private")));
    }

    @Test
    void everyOffendingFieldIsNamedAtOnce() {
        var response = harness.post(Harness.activities(lever, ""), """
                {"candidate_id": 42, "body": ["x"], "visibility": "team", "created_at": "yesterday",
                 "remote_data": "not an object"}""");
        assertInsight(response, Map.of("invalid_body_fields", Map.of(
                "candidate_id", "must be a string",
                "body", "must be a string",
                "visibility", "must be one of private, public, admin_only",
                "created_at", "must be an ISO-8601 date-time with a time zone, e.g. 2026-11-29T10:15:30Z",
                "remote_data", "must be an object")));
    }

    @Test
    void aBlankRequiredFieldIsInvalid() {
        var response = harness.post(Harness.activities(ashby, ""), "{\"candidate_id\": \"c\", \"body\": \"  \"}");
        assertInsight(response, Map.of("invalid_body_fields", Map.of("body", "must not be empty")));
    }

    @Test
    void malformedJsonIsRefused() {
        assertRefused(harness.post(Harness.activities(ashby, ""), "{\"candidate_id\": "), 400, "not valid JSON");
        assertRefused(harness.post(Harness.activities(ashby, ""), "{} trailing"), 400, "not valid JSON");
    }

    @Test
    void aBodyThatIsNotAnObjectIsRefused() {
        assertRefused(harness.post(Harness.activities(ashby, ""), "[1, 2]"), 400, "must be a JSON object");
        assertRefused(harness.post(Harness.activities(ashby, ""), ""), 400, "empty");
    }

    @Test
    void anUnknownTrutoParameterIsRefused() {
        assertRefused(harness.post(Harness.activities(ashby, "&truto_respnse_format=raw"),
                "{\"candidate_id\": \"c\", \"body\": \"x\"}"), 400, "truto_respnse_format");
    }

    @Test
    void badTrutoValuesAreRefused() {
        String note = "{\"candidate_id\": \"c\", \"body\": \"x\"}";
        assertRefused(harness.post(Harness.activities(ashby, "&truto_ignore_remote_data=yes"), note), 400,
                "true or false");
        assertRefused(harness.post(Harness.activities(ashby, "&truto_response_format=raw&truto_response_format=unified"),
                note), 400, "once");
        assertRefused(harness.post(Harness.activities(ashby, "&remote_query=x"), note), 400, "remote_query[name]");
        assertRefused(harness.post(Harness.activities(ashby, "&a[b=c"), note), 400, "malformed brackets");
    }

    @Test
    void anUnknownAccountIs404AndAMissingOneIs400() {
        String note = "{\"candidate_id\": \"c\", \"body\": \"x\"}";
        assertRefused(harness.post(Harness.activities("00000000-0000-0000-0000-000000000000", ""), note), 404,
                "no integrated account");
        assertRefused(harness.post("/unified/ats/activities", note), 400, "integrated_account_id");
    }

    @Test
    void aMissingOrWrongTokenIs401() {
        String note = "{\"candidate_id\": \"c\", \"body\": \"x\"}";
        assertRefused(harness.send("POST", Harness.activities(ashby, ""), note, Map.of()), 401, "missing API token");
        assertRefused(harness.send("POST", Harness.activities(ashby, ""), note,
                Map.of("Authorization", "Bearer wrong")), 401, "invalid API token");
        assertRefused(harness.send("GET", "/integrated-accounts", null, Map.of()), 401, "missing API token");
        assertEquals(200, harness.send("GET", "/health", null, Map.of()).statusCode());
    }

    @Test
    void anOversizedBodyIsRefused() {
        String huge = "{\"candidate_id\": \"c\", \"body\": \"" + "x".repeat(2 * 1024 * 1024) + "\"}";
        var response = harness.post(Harness.activities(ashby, ""), huge);
        assertEquals(413, response.statusCode());
        assertEquals(413, Harness.json(response).get("statusCode"));
    }

    @Test
    void anUnknownRouteIsAJson404() {
        assertRefused(harness.get("/unified/ats/widgets"), 404, "not found");
    }

    private static void assertInsight(HttpResponse<String> response, Map<String, Object> insight) {
        assertEquals(400, response.statusCode(), response.body());
        var body = Harness.json(response);
        assertEquals(400, body.get("statusCode"));
        assertEquals("Bad Request", body.get("error"));
        assertEquals(insight, body.get("truto_error_insight"));
    }

    private static void assertRefused(HttpResponse<String> response, int status, String messagePart) {
        assertEquals(status, response.statusCode(), response.body());
        var body = Harness.json(response);
        assertEquals(status, body.get("statusCode"));
        assertTrue(body.get("message").toString().contains(messagePart), body.get("message").toString());
    }
}
