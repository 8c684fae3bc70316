package dev.switchboard.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.switchboard.Fixtures;
import dev.switchboard.Harness;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Lever creates over HTTP. The answer is the whole note Nango's template reads ({@link dev.switchboard.Fixtures});
 * Lever's documented {"data": {"noteId"}} answer is in src/test/resources/fidelity/lever.
 */
class LeverCreateTest {

    @RegisterExtension
    static WireMockExtension lever = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    static final String RESPONSE = Fixtures.LEVER_NOTE_CREATED;

    @RegisterExtension
    static final Harness harness = Harness.perClass();

    @Test
    void fullFieldCreateSendsLeversRequestAndMapsItsAnswer() {
        lever.stubFor(post(urlPathEqualTo("/v1/opportunities/opp-7/notes")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(RESPONSE)));
        String account = harness.account("lever", Map.of("api_key", "lever-secret-key",
                "base_url", lever.baseUrl() + "/v1"));

        var response = harness.post(Harness.activities(account, "&remote_query[perform_as]=user-5"), """
                {"candidate_id": "opp-7", "body": "Moving to onsite", "visibility": "admin_only",
                 "created_at": "2026-07-02T08:36:29.118+02:00"}""");

        assertEquals(201, response.statusCode(), response.body());
        lever.verify(1, postRequestedFor(urlEqualTo("/v1/opportunities/opp-7/notes?perform_as=user-5"))
                .withHeader("Authorization", equalTo("Basic "
                        + Base64.getEncoder().encodeToString("lever-secret-key:".getBytes())))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("""
                        {"value": "Moving to onsite", "secret": true, "createdAt": 1782974189118}""", false, false)));
        var body = Harness.json(response);
        assertEquals("9b7d3c0e-5a1f-4e2b-8c6d-7f0a1b2c3d4e", body.get("id"));
        assertEquals(Map.of("id", "opp-7"), body.get("candidate"));
        assertEquals(Map.of("id", "8d49b010-cc6a-4f40-ace5-e86061c677ed", "type", "user"), body.get("actor"));
        assertEquals("note", body.get("activity_type"));
        assertEquals("Moving to onsite", body.get("body"));
        assertEquals("private", body.get("visibility"), "a secret Lever note reads back as private");
        assertEquals("2026-07-02T06:36:29.118Z", body.get("created_at"), "epoch ms become ISO-8601 UTC");
        assertFalse(body.containsKey("updated_at"));
        assertFalse(response.headers().firstValue("x-switchboard-ignored-fields").isPresent());
    }

    @Test
    void publicVisibilityIsNotSecretAndAnAbsentOneIsNotSent() {
        lever.stubFor(post(urlPathEqualTo("/v1/opportunities/opp-8/notes")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(RESPONSE)));
        String account = harness.account("lever", Map.of("api_key", "k", "base_url", lever.baseUrl() + "/v1"));

        harness.post(Harness.activities(account, ""), """
                {"candidate_id": "opp-8", "body": "a", "visibility": "public"}""");
        harness.post(Harness.activities(account, ""), """
                {"candidate_id": "opp-8", "body": "b"}""");

        lever.verify(1, postRequestedFor(urlEqualTo("/v1/opportunities/opp-8/notes"))
                .withRequestBody(equalToJson("{\"value\": \"a\", \"secret\": false}", false, false)));
        lever.verify(1, postRequestedFor(urlEqualTo("/v1/opportunities/opp-8/notes"))
                .withRequestBody(equalToJson("{\"value\": \"b\"}", false, false)));
    }

    @Test
    void anOAuthAccountSendsItsAccessTokenAsBearer() {
        lever.stubFor(post(urlPathEqualTo("/v1/opportunities/opp-9/notes")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(RESPONSE)));
        String account = harness.account("lever", Map.of("base_url", lever.baseUrl() + "/v1",
                "oauth", Map.of("access_token", "at-123", "refresh_token", "rt-456",
                        "expires_at", "2030-01-01T00:00:00Z")));

        var response = harness.post(Harness.activities(account, ""), "{\"candidate_id\": \"opp-9\", \"body\": \"x\"}");

        assertEquals(201, response.statusCode(), response.body());
        lever.verify(1, postRequestedFor(urlEqualTo("/v1/opportunities/opp-9/notes"))
                .withHeader("Authorization", equalTo("Bearer at-123")));
    }

    @Test
    void aCandidateIdIsOnePathSegmentWhateverItHolds() {
        lever.stubFor(post(urlPathEqualTo("/v1/opportunities/a%20b%3Fc%23d/notes")).willReturn(aResponse()
                .withStatus(201).withHeader("Content-Type", "application/json").withBody(RESPONSE)));
        String account = harness.account("lever", Map.of("api_key", "k", "base_url", lever.baseUrl() + "/v1"));

        var response = harness.post(Harness.activities(account, ""), "{\"candidate_id\": \"a b?c#d\", \"body\": \"x\"}");

        assertEquals(201, response.statusCode(), response.body());
    }
}
