package dev.switchboard.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.mapping.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The simulated providers behave as the providers' documentation, cited in each simulator, says the real ones do. */
class SimulatorFidelityTest {

    static Sandbox sandbox;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void ashbyChecksBasicAuth() throws Exception {
        var none = call("POST", sandbox.ashbyUrl() + "/candidate.createNote", null, "{}");
        assertEquals(401, none.statusCode());
        var wrong = call("POST", sandbox.ashbyUrl() + "/candidate.createNote", basic("wrong"), "{}");
        assertEquals(403, wrong.statusCode());
        assertEquals(false, json(wrong).get("success"));
    }

    @Test
    void ashbyFailsInsideA200() throws Exception {
        var missing = call("POST", sandbox.ashbyUrl() + "/candidate.createNote", basic(AshbySimulator.API_KEY),
                "{\"note\": \"x\"}");
        assertEquals(200, missing.statusCode());
        assertEquals("invalid_input", errorCode(missing));
        var unknown = call("POST", sandbox.ashbyUrl() + "/candidate.createNote", basic(AshbySimulator.API_KEY),
                "{\"candidateId\": \"nope\", \"note\": \"x\"}");
        assertEquals("candidate_not_found", errorCode(unknown));
        var garbage = call("POST", sandbox.ashbyUrl() + "/candidate.createNote", basic(AshbySimulator.API_KEY), "{");
        assertEquals("invalid_input", errorCode(garbage));
    }

    @Test
    void ashbyKeepsOnlyItsHtmlTagsAndListsWhatItHolds() throws Exception {
        var created = call("POST", sandbox.ashbyUrl() + "/candidate.createNote", basic(AshbySimulator.API_KEY), """
                {"candidateId": "%s", "note": {"type": "text/html",
                 "value": "<p>Hi <b>there</b><script>x()</script> <a href=\\"u\\">l</a></p>"}}"""
                .formatted(AshbySimulator.OTHER_CANDIDATE_ID));
        var note = (Map<?, ?>) json(created).get("results");
        assertEquals("Hi <b>there</b>x() <a href=\"u\">l</a>", note.get("content"));
        var listed = call("POST", sandbox.ashbyUrl() + "/candidate.listNotes", basic(AshbySimulator.API_KEY),
                "{\"candidateId\": \"" + AshbySimulator.OTHER_CANDIDATE_ID + "\"}");
        assertEquals(true, json(listed).get("success"));
        assertTrue(((List<?>) json(listed).get("results")).stream()
                .anyMatch(n -> ((Map<?, ?>) n).get("id").equals(note.get("id"))));
    }

    @Test
    void leverChecksAuthBodyAndOpportunity() throws Exception {
        String notes = sandbox.leverUrl() + "/opportunities/" + LeverSimulator.OTHER_OPPORTUNITY_ID + "/notes";
        var unauthorized = call("POST", notes, basic("wrong"), "{\"value\": \"x\"}");
        assertEquals(401, unauthorized.statusCode());
        assertEquals("UnauthorizedError", json(unauthorized).get("code"));
        var badBody = call("POST", notes, basic(LeverSimulator.API_KEY), "{\"value\": \"x\", \"secret\": \"yes\"}");
        assertEquals(400, badBody.statusCode());
        assertEquals("BadRequestError", json(badBody).get("code"));
        var missing = call("POST", sandbox.leverUrl() + "/opportunities/nope/notes", basic(LeverSimulator.API_KEY),
                "{\"value\": \"x\"}");
        assertEquals(404, missing.statusCode());
        // hire.lever.co/developer/documentation#errors: the documented not-found code.
        assertEquals(Map.of("code", "ResourceNotFound", "message", "Opportunity not found"), json(missing));
    }

    @Test
    void leverNotesCanBeCreatedReadListedAndDeleted() throws Exception {
        String notes = sandbox.leverUrl() + "/opportunities/" + LeverSimulator.OTHER_OPPORTUNITY_ID + "/notes";
        String accessToken = (String) sandbox.lever().issueTokens().get("access_token");
        var created = call("POST", notes, "Bearer " + accessToken, "{\"value\": \"hello\", \"score\": 3}");
        assertEquals(201, created.statusCode());
        // "Create a note" documents {"data": {"noteId"}} and nothing else.
        var data = (Map<?, ?>) json(created).get("data");
        assertEquals(List.of("noteId"), List.copyOf(data.keySet()));
        String id = (String) data.get("noteId");
        var read = (Map<?, ?>) json(call("GET", notes + "/" + id, basic(LeverSimulator.API_KEY), null)).get("data");
        assertEquals("hello", ((Map<?, ?>) ((List<?>) read.get("fields")).get(0)).get("value"));
        var listed = json(call("GET", notes + "?limit=100", basic(LeverSimulator.API_KEY), null));
        assertTrue(((List<?>) listed.get("data")).stream().anyMatch(n -> ((Map<?, ?>) n).get("id").equals(id)));
        assertEquals(204, call("DELETE", notes + "/" + id, basic(LeverSimulator.API_KEY), null).statusCode());
        // "List all notes": a deleted note still lists, with deletedAt set.
        var afterDelete = json(call("GET", notes + "?limit=100", basic(LeverSimulator.API_KEY), null));
        assertTrue(((List<?>) afterDelete.get("data")).stream().map(n -> (Map<?, ?>) n)
                .anyMatch(n -> n.get("id").equals(id) && n.get("deletedAt") instanceof Number));
    }

    @Test
    void leverCanAnswerCreatesWithTheWholeNoteAsNangosTemplateReadsIt() throws Exception {
        String notes = sandbox.leverUrl() + "/opportunities/" + LeverSimulator.OTHER_OPPORTUNITY_ID + "/notes";
        sandbox.lever().answerCreatesWithWholeNote(true);
        try {
            var data = (Map<?, ?>) json(call("POST", notes, basic(LeverSimulator.API_KEY), "{\"value\": \"whole\"}"))
                    .get("data");
            assertEquals("whole", ((Map<?, ?>) ((List<?>) data.get("fields")).get(0)).get("value"));
            assertEquals(data.get("id"), data.get("noteId"));
        } finally {
            sandbox.lever().answerCreatesWithWholeNote(false);
        }
    }

    @Test
    void ashbyTakesPrivateAndBackdatedNotesOnlyFromKeysAllowedPrivateFields() throws Exception {
        String create = sandbox.ashbyUrl() + "/candidate.createNote";
        var made = json(call("POST", create, basic(AshbySimulator.API_KEY), """
                {"candidateId": "%s", "note": "private one", "isPrivate": true, "createdAt": "2026-01-15T09:30:00Z"}"""
                .formatted(AshbySimulator.OTHER_CANDIDATE_ID)));
        var note = (Map<?, ?>) made.get("results");
        assertEquals(true, note.get("isPrivate"));
        assertEquals("2026-01-15T09:30:00Z", note.get("createdAt"));
        var refused = call("POST", create, basic(AshbySimulator.PUBLIC_ONLY_KEY), """
                {"candidateId": "%s", "note": "x", "isPrivate": true}""".formatted(AshbySimulator.OTHER_CANDIDATE_ID));
        assertEquals(false, json(refused).get("success"));
        var hidden = json(call("POST", sandbox.ashbyUrl() + "/candidate.listNotes", basic(AshbySimulator.PUBLIC_ONLY_KEY),
                "{\"candidateId\": \"" + AshbySimulator.OTHER_CANDIDATE_ID + "\"}"));
        assertTrue(((List<?>) hidden.get("results")).stream().noneMatch(n -> ((Map<?, ?>) n).get("id").equals(note.get("id"))),
                "a key without the private-fields permission does not see private notes");
    }

    @Test
    void recruiteeChecksTokenCompanyAndBody() throws Exception {
        String notes = sandbox.recruiteeUrl() + "/c/" + RecruiteeSimulator.COMPANY_ID + "/candidates/"
                + RecruiteeSimulator.OTHER_CANDIDATE_ID + "/notes";
        String bearer = "Bearer " + RecruiteeSimulator.API_TOKEN;
        assertEquals(401, call("POST", notes, "Bearer wrong", "{\"note\": {\"body\": \"x\"}}").statusCode());
        assertEquals(404, call("POST", sandbox.recruiteeUrl() + "/c/999/candidates/"
                + RecruiteeSimulator.OTHER_CANDIDATE_ID + "/notes", bearer, "{\"note\": {\"body\": \"x\"}}").statusCode());
        var blank = call("POST", notes, bearer, "{\"note\": {\"body\": \"\"}}");
        assertEquals(422, blank.statusCode());
        assertEquals(List.of("Body can't be blank"), json(blank).get("errors"));
        var created = call("POST", notes, bearer, "{\"note\": {\"body\": \"hi\", \"visibility\": {\"level\": \"private\"}}}");
        assertEquals(201, created.statusCode());
        var note = (Map<?, ?>) json(created).get("note");
        assertTrue(note.get("id") instanceof Number);
        assertTrue(note.get("created_at").toString().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z"));
        var listed = (List<?>) json(call("GET", notes, bearer, null)).get("notes");
        assertTrue(listed.stream().anyMatch(n -> ((Map<?, ?>) n).get("id").equals(note.get("id"))));
    }

    @Test
    void greenhouseTakesACursorAloneAndOnlyOneItMade() throws Exception {
        var token = HTTP.send(HttpRequest.newBuilder(URI.create(sandbox.greenhouseTokenUrl()))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (GreenhouseSimulator.CLIENT_ID + ":" + GreenhouseSimulator.CLIENT_SECRET)
                                .getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&sub="
                        + GreenhouseSimulator.USER_ID)).build(), HttpResponse.BodyHandlers.ofString());
        String bearer = "Bearer " + json(token).get("access_token");
        for (String list : List.of("/candidates?per_page=1", "/notes?per_page=1&candidate_ids="
                + GreenhouseSimulator.CANDIDATE_ID)) {
            var first = call("GET", sandbox.greenhouseUrl() + list, bearer, null);
            assertEquals(200, first.statusCode(), first.body());
            String next = first.headers().firstValue("Link").orElseThrow().replaceAll("^<([^>]+)>.*", "$1");
            assertEquals(200, call("GET", next, bearer, null).statusCode(), next);
            var notAlone = call("GET", next + "&per_page=1", bearer, null);
            assertEquals(400, notAlone.statusCode(), notAlone.body());
            assertEquals("cursor must be the only parameter", json(notAlone).get("message"));
            var foreign = call("GET", next.replaceAll("cursor=.*", "cursor=bm90LW91cnM"), bearer, null);
            assertEquals(400, foreign.statusCode(), foreign.body());
            assertEquals("Invalid cursor", json(foreign).get("message"));
        }
    }

    private static String basic(String key) {
        return "Basic " + Base64.getEncoder().encodeToString((key + ":").getBytes(StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> call(String method, String url, String authorization, String body)
            throws Exception {
        var builder = HttpRequest.newBuilder(URI.create(url));
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        builder.header("Content-Type", "application/json");
        builder.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, Object> json(HttpResponse<String> response) throws Exception {
        return Json.asObject(Json.parse(response.body().getBytes(StandardCharsets.UTF_8))).orElseThrow();
    }

    private static Object errorCode(HttpResponse<String> response) throws Exception {
        return ((Map<?, ?>) json(response).get("errorInfo")).get("code");
    }
}
