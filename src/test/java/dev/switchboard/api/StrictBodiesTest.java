package dev.switchboard.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.switchboard.Harness;
import dev.switchboard.TempDirs;
import dev.switchboard.catalog.TestCatalogs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Bodies are strict: a misspelt field is refused with the field it was meant to be; a
 * restriction is never dropped or overridden into a wider note; what remote_data writes
 * counts as the field it carries; and the answer says what was written.
 */
class StrictBodiesTest {

    @RegisterExtension
    static WireMockExtension lever = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @RegisterExtension
    static final Harness harness = Harness.perClass();

    /** Lever's documented create answer, the note id alone (hire.lever.co/developer/documentation#create-a-note). */
    static final String NOTE_ID_ONLY = "{\"data\": {\"noteId\": \"c6b8d8a8-4a48-4b43-b8c0-5d4b1b5e1e22\"}}";

    String account;

    @BeforeEach
    void stub() {
        lever.stubFor(post(urlPathEqualTo("/v1/opportunities/opp-1/notes")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(NOTE_ID_ONLY)));
        account = harness.account("lever", Map.of("api_key", "k", "base_url", lever.baseUrl() + "/v1"));
    }

    @Test
    void aMisspeltFieldIsRefusedWithTheFieldItWasMeantToBe() {
        var response = harness.post(Harness.activities(account, ""), """
                {"candidate_id": "opp-1", "body": "secret plans", "visiblity": "private"}""");
        assertEquals(400, response.statusCode(), response.body());
        var body = Harness.json(response);
        assertEquals("unknown_field", body.get("code"));
        assertTrue(((String) body.get("message")).contains("visiblity is not a field of this body; did you mean "
                + "`visibility`?"), response.body());
        assertEquals(Map.of("invalid_body_fields", Map.of("visiblity",
                "is not a field of this body; did you mean `visibility`?")), body.get("truto_error_insight"));
        lever.verify(0, anyRequestedFor(anyUrl()));

        var nothingNear = harness.post(Harness.activities(account, ""), """
                {"candidate_id": "opp-1", "body": "x", "colour": "red"}""");
        assertEquals(400, nothingNear.statusCode());
        assertTrue(nothingNear.body().contains("it takes candidate_id, body, visibility, created_at, remote_data"),
                nothingNear.body());
    }

    @Test
    void remoteDataMayNotOverrideARestrictionAskedFor() {
        var response = harness.post(Harness.activities(account, ""), """
                {"candidate_id": "opp-1", "body": "secret plans", "visibility": "private",
                 "remote_data": {"secret": false}}""");
        assertEquals(400, response.statusCode(), response.body());
        assertTrue(response.body().contains("'private' would be overridden by remote_data.secret"), response.body());
        lever.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void whatRemoteDataWritesCountsAndTheAnswerSaysWhatWasWritten() {
        var response = harness.post(Harness.activities(account, ""), """
                {"candidate_id": "opp-1", "remote_data": {"value": "written raw", "secret": true}}""");
        assertEquals(201, response.statusCode(), response.body());
        lever.verify(1, postRequestedFor(urlPathEqualTo("/v1/opportunities/opp-1/notes"))
                .withRequestBody(equalToJson("{\"value\": \"written raw\", \"secret\": true}")));
        var body = Harness.json(response);
        assertEquals("written raw", body.get("body"), "remote_data's value is the body that was written");
        assertEquals("private", body.get("visibility"), "remote_data's secret note is private, as written");
    }

    @Test
    void aRestrictionAnIntegrationCannotKeepIsRefusedNotDropped() throws Exception {
        // A catalog where Lever's create does not take visibility: leaving a private one out would write a public note.
        Path catalog = TestCatalogs.copyInto(TempDirs.create("strict-catalog"));
        Path model = catalog.resolve("models/ats/activities.json");
        Files.writeString(model, Files.readString(model).replace(
                "\"lever\": {\"required\": [\"candidate_id\", \"body\"], \"supported\": [\"visibility\", \"created_at\"]}",
                "\"lever\": {\"required\": [\"candidate_id\", \"body\"], \"supported\": [\"created_at\"]}"));
        try (var narrow = Harness.start(Harness.sqliteConfig().withEnvironment(Map.of("SWITCHBOARD_CATALOG",
                catalog.toString())))) {
            String id = narrow.account("lever", Map.of("api_key", "k", "base_url", lever.baseUrl() + "/v1"));
            var refused = narrow.post(Harness.activities(id, ""), """
                    {"candidate_id": "opp-1", "body": "secret plans", "visibility": "private"}""");
            assertEquals(400, refused.statusCode(), refused.body());
            assertTrue(refused.body().contains("leaving it out would make the write public"), refused.body());
            lever.verify(0, anyRequestedFor(anyUrl()));

            var dropped = narrow.post(Harness.activities(id, ""), """
                    {"candidate_id": "opp-1", "body": "for all", "visibility": "public"}""");
            assertEquals(201, dropped.statusCode(), dropped.body());
            assertEquals("visibility", dropped.headers().firstValue("x-switchboard-ignored-fields").orElseThrow());
        }
    }
}
