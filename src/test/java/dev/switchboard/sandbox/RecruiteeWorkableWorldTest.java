package dev.switchboard.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.mapping.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The simulated Recruitee and Workable page, create and refuse as their documentation (cited in
 * RecruiteeCandidates and WorkableCandidates) says the real ones do.
 */
class RecruiteeWorkableWorldTest {

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
    void recruiteeAnswersEveryCandidateWithoutLimitAndOffsetAndPagesWithThem() throws Exception {
        String candidates = sandbox.recruiteeUrl() + "/c/" + RecruiteeSimulator.COMPANY_ID + "/candidates";
        // docs.recruitee.com/reference/candidates-get: with neither limit nor offset, all of them.
        assertEquals(sandbox.recruitee().candidateIds().size(), list(recruitee("GET", candidates, null), "candidates").size());
        var tail = list(recruitee("GET", candidates + "?limit=100&offset=100", null), "candidates");
        assertEquals(sandbox.recruitee().candidateIds().size() - 100, tail.size());
        assertEquals(sandbox.recruitee().candidateIds().get(100), String.valueOf(tail.get(0).get("id")));
        assertEquals(404, recruitee("GET", sandbox.recruiteeUrl() + "/c/999/candidates", null).statusCode());
        var noToken = HTTP.send(HttpRequest.newBuilder(URI.create(candidates)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, noToken.statusCode());
    }

    @Test
    void recruiteePlacesACreatedCandidateOnItsOffersAndRefusesANameless() throws Exception {
        String candidates = sandbox.recruiteeUrl() + "/c/" + RecruiteeSimulator.COMPANY_ID + "/candidates";
        var nameless = recruitee("POST", candidates, "{\"candidate\": {\"emails\": [\"a@b.example\"]}}");
        assertEquals(422, nameless.statusCode());
        assertEquals(List.of("Name can't be blank"), json(nameless).get("errors"));
        var unknownOffer = recruitee("POST", candidates, "{\"candidate\": {\"name\": \"X\"}, \"offers\": [1]}");
        assertEquals(422, unknownOffer.statusCode());

        var created = recruitee("POST", candidates, "{\"candidate\": {\"name\": \"Ana Lima\"}, \"offer_id\": 1200003}");
        assertEquals(201, created.statusCode(), created.body());
        String id = String.valueOf(((Map<?, ?>) json(created).get("candidate")).get("id"));
        assertEquals(List.of("1200003"), sandbox.recruitee().offersOf(id));
        assertEquals(id, sandbox.recruitee().candidateIds().get(0), "the newest comes first");
        var got = recruitee("GET", candidates + "/" + id, null);
        assertEquals("Ana Lima", ((Map<?, ?>) json(got).get("candidate")).get("name"));
        assertTrue(((List<?>) json(got).get("references")).stream().anyMatch(r -> "Offer".equals(((Map<?, ?>) r).get("type"))));
        // A created candidate can take notes at once.
        assertEquals(201, recruitee("POST", candidates + "/" + id + "/notes", "{\"note\": {\"body\": \"hi\"}}").statusCode());
    }

    @Test
    void workablePagesByNextUrlUpToOneHundredAndFiltersByEmail() throws Exception {
        String candidates = sandbox.workableUrl() + "/candidates";
        assertEquals(422, workable("GET", candidates + "?limit=101", null).statusCode());
        var first = json(workable("GET", candidates, null));
        assertEquals(50, ((List<?>) first.get("candidates")).size(), "50 unless a limit is given");
        String next = (String) ((Map<?, ?>) first.get("paging")).get("next");
        assertTrue(next.contains("since_id=" + sandbox.workable().candidateIds().get(50)), next);
        var last = json(workable("GET", candidates + "?limit=100&since_id=" + sandbox.workable().candidateIds().get(100), null));
        assertFalse(last.containsKey("paging"), "no paging on the last page");

        String one = sandbox.workable().candidateIds().get(7);
        var exact = list(workable("GET", candidates + "?since_id=" + one + "&max_id=" + one, null), "candidates");
        assertEquals(List.of(one), exact.stream().map(c -> c.get("id")).toList());
        var byEmail = list(workable("GET", candidates + "?email=" + exact.get(0).get("email"), null), "candidates");
        assertEquals(List.of(one), byEmail.stream().map(c -> c.get("id")).toList());
    }

    @Test
    void workableCreatesACandidateInOneJobAndWantsANameAndAnEmail() throws Exception {
        String create = sandbox.workableUrl() + "/jobs/SANDB003/candidates";
        assertEquals(404, workable("POST", sandbox.workableUrl() + "/jobs/NOPE/candidates",
                "{\"candidate\": {\"name\": \"A B\", \"email\": \"a@b.example\"}}").statusCode());
        assertEquals(422, workable("POST", create, "{\"candidate\": {\"name\": \"A B\"}}").statusCode());
        var created = workable("POST", create, "{\"candidate\": {\"firstname\": \"Ada\", \"lastname\": \"Berg\","
                + " \"email\": \"ada.berg@example.com\"}}");
        assertEquals(201, created.statusCode(), created.body());
        assertEquals("created", json(created).get("status"));
        String id = (String) ((Map<?, ?>) json(created).get("candidate")).get("id");
        assertEquals("SANDB003", sandbox.workable().jobOf(id));
        assertEquals(id, sandbox.workable().candidateIds().get(sandbox.workable().candidateIds().size() - 1));
        var members = list(workable("GET", sandbox.workableUrl() + "/members", null), "members");
        assertEquals(3, members.size());
    }

    private static HttpResponse<String> recruitee(String method, String url, String body) throws Exception {
        return send(method, url, "Bearer " + RecruiteeSimulator.API_TOKEN, body);
    }

    private static HttpResponse<String> workable(String method, String url, String body) throws Exception {
        return send(method, url, "Bearer " + WorkableSimulator.API_TOKEN, body);
    }

    private static HttpResponse<String> send(String method, String url, String authorization, String body) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", authorization)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, Object> json(HttpResponse<String> response) throws Exception {
        return Json.asObject(Json.parse(response.body().getBytes())).orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(HttpResponse<String> response, String key) throws Exception {
        assertEquals(200, response.statusCode(), response.body());
        return (List<Map<String, Object>>) json(response).get(key);
    }
}
