package dev.switchboard.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.switchboard.Harness;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RecruiteeCreateTest {

    @RegisterExtension
    static WireMockExtension recruitee = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @RegisterExtension
    static final Harness harness = Harness.perClass();

    @Test
    void fullFieldCreateSendsRecruiteesRequestAndMapsItsAnswer() {
        // api.recruitee.com/docs, section "note": the created note (its level capitalised here to check enums come back lower-case).
        recruitee.stubFor(post("/c/73014/candidates/4107283/notes").willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"note": {"id": 52000123, "body": "Offer accepted", "admin_id": 45,
                                  "created_at": "2022-12-19T13:28:15.341931Z", "updated_at": "2022-12-19T14:00:01.000002Z",
                                  "visibility": {"level": "Private"}}}""")));
        String account = harness.account("recruitee", Map.of("api_token", "recruitee-secret-token",
                "company_id", "73014", "base_url", recruitee.baseUrl()));

        var response = harness.post(Harness.activities(account, ""), """
                {"candidate_id": "4107283", "body": "Offer accepted", "visibility": "private"}""");

        assertEquals(201, response.statusCode(), response.body());
        recruitee.verify(1, postRequestedFor(urlEqualTo("/c/73014/candidates/4107283/notes"))
                .withHeader("Authorization", equalTo("Bearer recruitee-secret-token"))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("""
                        {"note": {"body": "Offer accepted", "visibility": {"level": "private"}}}""", false, false)));
        var body = Harness.json(response);
        assertEquals("52000123", body.get("id"), "integer ids become strings");
        assertEquals(Map.of("id", "4107283"), body.get("candidate"));
        assertEquals(Map.of("id", "45", "type", "user"), body.get("actor"));
        assertEquals("note", body.get("activity_type"));
        assertEquals("Offer accepted", body.get("body"));
        assertEquals("private", body.get("visibility"));
        assertEquals("2022-12-19T13:28:15.341Z", body.get("created_at"), "microseconds become milliseconds");
        assertEquals("2022-12-19T14:00:01.000Z", body.get("updated_at"));
        assertTrue(response.headers().firstValue("x-switchboard-ignored-fields").isEmpty(),
                "Recruitee takes visibility as note.visibility.level");
    }
}
