package dev.switchboard.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.switchboard.Harness;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AshbyCreateTest {

    @RegisterExtension
    static WireMockExtension ashby = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    /** developers.ashbyhq.com/reference/candidatecreatenote: 200 {success, results: {id, createdAt, isPrivate, content, author}}. */
    static final String RESPONSE = """
            {"success": true,
             "results": {"id": "0c6a1e9e-1b7b-4c61-9f57-2b0f7b8e1a01", "createdAt": "2026-05-28T21:07:04.042Z",
                         "isPrivate": false, "content": "Strong system design round",
                         "author": {"id": "a1d3c5e7-0000-4000-8000-000000000001", "firstName": "Ada",
                                    "lastName": "Lovelace", "email": "ada@example.com"}}}""";

    @RegisterExtension
    static final Harness harness = Harness.perClass();

    @Test
    void fullFieldCreateSendsAshbysRequestAndMapsItsAnswer() {
        ashby.stubFor(post("/candidate.createNote").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(RESPONSE)));
        String account = harness.account("ashby", Map.of("api_key", "ashby-secret-key", "base_url", ashby.baseUrl()));

        var response = harness.post(Harness.activities(account, ""), """
                {"candidate_id": "cand-42", "body": "Strong system design round",
                 "visibility": "private", "created_at": "2026-05-28T21:07:04Z"}""");

        assertEquals(201, response.statusCode(), response.body());
        ashby.verify(1, postRequestedFor(urlEqualTo("/candidate.createNote"))
                .withHeader("Authorization", equalTo("Basic "
                        + Base64.getEncoder().encodeToString("ashby-secret-key:".getBytes())))
                .withHeader("Accept", equalTo("application/json; version=1"))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("""
                        {"candidateId": "cand-42", "note": "Strong system design round", "sendNotifications": false,
                         "isPrivate": true, "createdAt": "2026-05-28T21:07:04.000Z"}""",
                        false, false)));
        var body = Harness.json(response);
        assertEquals("0c6a1e9e-1b7b-4c61-9f57-2b0f7b8e1a01", body.get("id"));
        assertEquals(Map.of("id", "cand-42"), body.get("candidate"));
        assertEquals(Map.of("id", "a1d3c5e7-0000-4000-8000-000000000001", "type", "user"), body.get("actor"));
        assertEquals("note", body.get("activity_type"));
        assertEquals("Strong system design round", body.get("body"));
        assertEquals("public", body.get("visibility"));
        assertEquals("2026-05-28T21:07:04.042Z", body.get("created_at"));
        assertFalse(body.containsKey("updated_at"), "Ashby gives no update time, so the field is absent");
        assertEquals(true, ((Map<?, ?>) body.get("remote_data")).get("success"));
        assertTrue(response.headers().firstValue("x-switchboard-ignored-fields").isEmpty(),
                "Ashby takes both visibility (isPrivate) and created_at (createdAt)");
    }

    @Test
    void aPrivateAshbyNoteReadsBackAsPrivate() {
        ashby.stubFor(post("/candidate.createNote").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody(RESPONSE.replace("\"isPrivate\": false", "\"isPrivate\": true"))));
        String account = harness.account("ashby", Map.of("api_key", "k", "base_url", ashby.baseUrl()));

        var response = harness.post(Harness.activities(account, ""), """
                {"candidate_id": "cand-42", "body": "x"}""");

        assertEquals("private", Harness.json(response).get("visibility"));
        assertEquals(List.of(), response.headers().allValues("x-switchboard-ignored-fields"));
    }
}
