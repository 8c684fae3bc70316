package dev.switchboard.api;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.switchboard.Harness;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The per-integration coverage endpoint and switchboard_dry_run: answers without a provider call. */
class CoverageAndDryRunTest {

    @RegisterExtension
    static WireMockExtension provider = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @RegisterExtension
    static final Harness harness = Harness.perClass();

    @AfterEach
    void nothingWasSent() {
        provider.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    @SuppressWarnings("unchecked")
    void coverageSaysWhatEachIntegrationRequiresTakesAndFills() {
        var lever = Harness.json(harness.get("/unified/ats/activities/lever/meta/create"));
        var schema = (Map<String, Object>) lever.get("request_body_schema");
        assertEquals(List.of("candidate_id", "body"), schema.get("required"), "Lever's value is required");
        assertEquals(List.of("candidate_id", "body", "visibility", "created_at", "remote_data"),
                List.copyOf(((Map<String, Object>) schema.get("properties")).keySet()));
        assertEquals(List.of("private", "public", "admin_only"),
                ((Map<String, Object>) ((Map<String, Object>) schema.get("properties")).get("visibility")).get("enum"));
        assertEquals(List.of(), lever.get("ignored_fields"));
        // From Lever's documented answer, {"data": {"noteId"}}: the rest is what was written.
        assertEquals(List.of("id", "candidate", "activity_type", "body", "visibility", "created_at",
                "remote_data"), lever.get("response_fields"));

        var ashby = Harness.json(harness.get("/unified/ats/activities/ashby/meta/create"));
        assertEquals(List.of("candidate_id", "body"), ((Map<String, Object>) ashby.get("request_body_schema")).get("required"));
        assertEquals(List.of(), ashby.get("ignored_fields"));

        var recruitee = Harness.json(harness.get("/unified/ats/activities/recruitee/meta/create"));
        var recruiteeFields = (Map<String, Object>) ((Map<String, Object>) recruitee.get("request_body_schema"))
                .get("properties");
        assertEquals(List.of("public", "private"), ((Map<String, Object>) recruiteeFields.get("visibility")).get("enum"),
                "Recruitee has no admin_only note, so its schema does not offer one");
        assertEquals(List.of("created_at"), recruitee.get("ignored_fields"));
        assertEquals("object", ((Map<String, Object>) ashby.get("query_schema")).get("type"));

        assertEquals(404, harness.get("/unified/ats/activities/workday/meta/create").statusCode());

        var list = Harness.json(harness.get("/unified/ats/activities/recruitee/meta/list"));
        var listQuery = (Map<String, Object>) list.get("query_schema");
        assertEquals(List.of("integrated_account_id", "candidate_id"), listQuery.get("required"));
        assertTrue(((Map<String, Object>) listQuery.get("properties")).keySet().containsAll(List.of("limit", "next_cursor")));
        assertEquals(List.of("id", "candidate", "actor", "activity_type", "body", "visibility", "created_at",
                "updated_at", "remote_data"), list.get("response_fields"), "from Recruitee's documented note list");
        assertEquals(200, harness.get("/unified/ats/activities/lever/meta/get").statusCode());
        var noGet = harness.get("/unified/ats/activities/ashby/meta/get");
        assertEquals(400, noGet.statusCode());
        assertTrue(Harness.json(noGet).get("message").toString().contains("Ashby does not support get"));
        assertEquals(401, harness.send("GET", "/unified/ats/activities/lever/meta/create", null, Map.of()).statusCode());
    }

    @Test
    @SuppressWarnings("unchecked")
    void aDryRunShowsTheExactProviderRequestWithTheCredentialMasked() {
        String account = harness.account("lever", Map.of("api_key", "dry-run-secret", "base_url", provider.baseUrl() + "/v1"));
        var response = harness.post(Harness.activities(account,
                "&switchboard_dry_run=true&remote_query[perform_as]=u-1"), """
                {"candidate_id": "opp-1", "body": "Just looking", "visibility": "private",
                 "created_at": "2026-07-02T06:36:29.118Z", "remote_data": {"notifyFollowers": true}}""");
        assertEquals(200, response.statusCode(), response.body());
        var request = (Map<String, Object>) Harness.json(response).get("request");
        assertEquals("POST", request.get("method"));
        assertEquals(provider.baseUrl() + "/v1/opportunities/opp-1/notes?perform_as=u-1", request.get("url"));
        assertEquals("Basic ********", ((Map<String, Object>) request.get("headers")).get("Authorization"));
        assertEquals(Map.of("value", "Just looking", "secret", true, "createdAt", 1782974189118L,
                "notifyFollowers", true), request.get("body"));
        assertFalse(response.body().contains("dry-run-secret"));
    }

    @Test
    void aDryRunStillValidates() {
        String account = harness.account("ashby", Map.of("api_key", "k", "base_url", provider.baseUrl()));
        assertEquals(400, harness.post(Harness.activities(account, "&switchboard_dry_run=true"),
                "{\"candidate_id\": \"c\"}").statusCode());
        assertEquals(400, harness.post(Harness.activities(account, "&switchboard_dry_run=maybe"),
                "{\"candidate_id\": \"c\", \"body\": \"x\"}").statusCode());
    }
}
