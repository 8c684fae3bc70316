package dev.switchboard.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.switchboard.Harness;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * docs/api.md §4 and the response-side query parameters of §2, on Lever and Recruitee answers.
 * Answers: {@link dev.switchboard.Fixtures} (Lever); Recruitee's note from
 * api.recruitee.com/docs, section "note"; Lever's error from its docs' "Errors" section.
 */
class ResponseFormatsTest {

    @RegisterExtension
    static WireMockExtension provider = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    static final String LEVER_BODY = LeverCreateTest.RESPONSE;
    static final String NOTE = "{\"candidate_id\": \"opp-1\", \"body\": \"Moving to onsite\"}";

    @RegisterExtension
    static final Harness harness = Harness.perClass();
    String lever;

    @BeforeEach
    void leverAnswers() {
        provider.stubFor(post(urlPathEqualTo("/v1/opportunities/opp-1/notes")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json; charset=utf-8").withBody(LEVER_BODY)));
        lever = harness.account("lever", Map.of("api_key", "k", "base_url", provider.baseUrl() + "/v1"));
    }

    @Test
    void unifiedIsTheDefaultAndCarriesTheRemoteBody() {
        var body = Harness.json(harness.post(Harness.activities(lever, ""), NOTE));
        var remote = (Map<?, ?>) body.get("remote_data");
        assertEquals("9b7d3c0e-5a1f-4e2b-8c6d-7f0a1b2c3d4e", ((Map<?, ?>) remote.get("data")).get("id"));
        assertEquals(body, Harness.json(harness.post(Harness.activities(lever, "&truto_response_format=unified"), NOTE)));
    }

    @Test
    void ignoreRemoteDataDropsIt() {
        var body = Harness.json(harness.post(Harness.activities(lever, "&truto_ignore_remote_data=true"), NOTE));
        assertFalse(body.containsKey("remote_data"));
        assertEquals("Moving to onsite", body.get("body"));
    }

    @Test
    void excludedFieldsAreDropped() {
        var response = harness.post(Harness.activities(lever,
                "&truto_exclude_fields[]=id&truto_exclude_fields[]=body&truto_exclude_fields[]=remote_data"), NOTE);
        var body = Harness.json(response);
        assertFalse(body.containsKey("id"));
        assertFalse(body.containsKey("body"));
        assertFalse(body.containsKey("remote_data"));
        assertEquals("note", body.get("activity_type"));
    }

    @Test
    void excludingAFieldThatDoesNotExistIsATypoAndRefused() {
        var response = harness.post(Harness.activities(lever, "&truto_exclude_fields[]=bdoy"), NOTE);
        assertEquals(400, response.statusCode());
        assertTrue(Harness.json(response).get("message").toString().contains("bdoy"));
        provider.verify(0, postRequestedFor(urlPathEqualTo("/v1/opportunities/opp-1/notes")));
    }

    @Test
    void rawIsTheRemoteBodyAndStatusByteForByte() {
        var response = harness.post(Harness.activities(lever, "&truto_response_format=raw"), NOTE);
        assertEquals(201, response.statusCode());
        assertEquals(LEVER_BODY, response.body());
        // Jetty writes the provider's content type without the optional space.
        assertEquals("application/json;charset=utf-8",
                response.headers().firstValue("Content-Type").orElse("").replace(" ", ""));
    }

    @Test
    void rawPassesAProviderErrorThroughAsItCame() {
        provider.stubFor(post(urlPathEqualTo("/v1/opportunities/gone/notes")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"code\": \"ResourceNotFound\", \"message\": \"Opportunity not found\"}")));
        var response = harness.post(Harness.activities(lever, "&truto_response_format=raw"),
                "{\"candidate_id\": \"gone\", \"body\": \"x\"}");
        assertEquals(404, response.statusCode());
        assertEquals("{\"code\": \"ResourceNotFound\", \"message\": \"Opportunity not found\"}", response.body());
    }

    @Test
    void streamPassesTheRemoteBodyThrough() {
        var response = harness.post(Harness.activities(lever, "&truto_response_format=stream"), NOTE);
        assertEquals(201, response.statusCode());
        assertEquals(LEVER_BODY, response.body());
    }

    @Test
    void normalizedHasOnlySchemaFieldsNoEmptiesUtcTimesLowerCaseEnums() {
        provider.stubFor(post("/c/73014/candidates/11/notes").willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"note": {"id": 7, "body": "", "admin_id": 45, "created_at": "2022-12-19T13:28:15.341931Z",
                                  "visibility": {"level": "PUBLIC"}, "pinned": true}}""")));
        String recruitee = harness.account("recruitee", Map.of("api_token", "t", "company_id", "73014",
                "base_url", provider.baseUrl()));

        var body = Harness.json(harness.post(Harness.activities(recruitee,
                "&truto_response_format=normalized&truto_exclude_fields[]=actor"),
                "{\"candidate_id\": \"11\", \"body\": \"x\"}"));

        assertEquals(Map.of(
                "id", "7",
                "candidate", Map.of("id", "11"),
                "activity_type", "note",
                "visibility", "public",
                "created_at", "2022-12-19T13:28:15.341Z"), body);
    }

    @Test
    void anUnknownFormatIsRefused() {
        var response = harness.post(Harness.activities(lever, "&truto_response_format=xml"), NOTE);
        assertEquals(400, response.statusCode());
        assertTrue(Harness.json(response).get("message").toString().contains("unified, raw, normalized, stream"));
    }

    @Test
    void remoteQueryReachesTheProviderUntransformed() {
        provider.stubFor(post(urlPathEqualTo("/v1/opportunities/opp-2/notes")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(LEVER_BODY)));
        harness.post(Harness.activities(lever,
                "&remote_query[perform_as]=u%201&remote_query[tags][]=a&remote_query[tags][]=b"),
                "{\"candidate_id\": \"opp-2\", \"body\": \"x\"}");
        provider.verify(1, postRequestedFor(
                urlEqualTo("/v1/opportunities/opp-2/notes?perform_as=u%201&tags%5B%5D=a&tags%5B%5D=b")));
    }

    @Test
    void aFlattenedRemoteQueryParameterIsRefusedNotDropped() {
        // A generated client that flattens remote_query[perform_as] to perform_as would otherwise
        // write the note as the key's owner without a word.
        var response = harness.post(Harness.activities(lever, "&perform_as=u1"),
                "{\"candidate_id\": \"opp-3\", \"body\": \"x\"}");
        assertEquals(400, response.statusCode());
        assertEquals(Map.of("invalid_query_fields", Map.of("perform_as",
                "is not a parameter of this call; provider parameters go in remote_query[perform_as]")),
                Harness.json(response).get("truto_error_insight"));
        provider.verify(0, postRequestedFor(urlPathEqualTo("/v1/opportunities/opp-3/notes")));
    }

    @Test
    void excludedFieldsComeInEveryArrayFormClientsSend() {
        provider.stubFor(post(urlPathEqualTo("/v1/opportunities/opp-4/notes")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(LEVER_BODY)));
        String note = "{\"candidate_id\": \"opp-4\", \"body\": \"x\"}";
        // qs (Truto's SDK) sends indices, encoded; others send [] or Truto's documented comma form.
        for (String query : List.of("&truto_exclude_fields%5B0%5D=remote_data&truto_exclude_fields%5B1%5D=actor",
                "&truto_exclude_fields[]=remote_data&truto_exclude_fields[]=actor",
                "&truto_exclude_fields=remote_data,actor")) {
            var response = harness.post(Harness.activities(lever, query), note);
            assertEquals(201, response.statusCode(), query + ": " + response.body());
            var body = Harness.json(response);
            assertFalse(body.containsKey("remote_data") || body.containsKey("actor"), query + ": " + body);
            assertTrue(body.containsKey("id"));
        }
        assertEquals(400, harness.post(Harness.activities(lever, "&truto_exclude_fields[x]=id"), note).statusCode());
    }

    @Test
    void remoteDataIsDeepMergedIntoTheProviderBodyAndWins() {
        provider.stubFor(post("/c/73014/candidates/12/notes").willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody("{\"note\": {\"id\": 8}}")));
        String recruitee = harness.account("recruitee", Map.of("api_token", "t", "company_id", "73014",
                "base_url", provider.baseUrl()));

        var response = harness.post(Harness.activities(recruitee, ""), """
                {"candidate_id": "12", "body": "unified text",
                 "remote_data": {"note": {"visibility": {"level": "private"}, "body": "remote wins"}, "mentions": [1, 2]}}""");

        assertEquals(201, response.statusCode(), response.body());
        provider.verify(1, postRequestedFor(urlEqualTo("/c/73014/candidates/12/notes")).withRequestBody(equalToJson("""
                {"note": {"body": "remote wins", "visibility": {"level": "private"}}, "mentions": [1, 2]}""")));
        assertEquals(List.of(), response.headers().allValues("x-switchboard-ignored-fields"));
    }
}
