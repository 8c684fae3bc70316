package dev.switchboard.integrations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.Harness;
import dev.switchboard.sandbox.Sandbox;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What a Recruitee hiring workflow names (departments, locations, tags, disqualify reasons, each
 * offer's stages) and its two placement actions, move-stage and reject, through the unified API
 * against the simulated Recruitee. Each test acts on placements of its own candidates, so the
 * tests do not depend on one another's moves.
 */
class RecruiteeHiringTest {

    static Sandbox sandbox;
    static Harness harness;
    static String account;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start();
        harness = Harness.start();
        account = harness.demoAccounts(sandbox).get("recruitee");
    }

    @AfterAll
    static void stop() {
        harness.close();
        sandbox.close();
    }

    @ParameterizedTest
    @CsvSource({"departments, departments", "offices, locations", "tags, tags", "reject_reasons, disqualify_reasons"})
    void eachLookupListsEveryRecordOnceAcrossPages(String resource, String recruiteeKey) {
        List<String> simulated = sandbox.recruitee().settingIds().get(recruiteeKey);
        assertTrue(simulated.size() > 2, "more than one page of 2");
        var listed = walk(resource, "", 2);
        var ids = listed.stream().map(item -> item.get("id")).toList();
        assertEquals(simulated, ids, "each once, in Recruitee's order");
        assertEquals(ids.size(), new HashSet<>(ids).size());
        for (var item : listed) {
            assertNotNull(item.get("name"), item.toString());
            assertNotNull(item.get("remote_data"), "the Recruitee record as it came");
        }
    }

    @Test
    void anOfficeIsARecruiteeLocationWithItsAddress() {
        var office = walk("offices", "", 10).get(2);
        assertEquals("New York office", office.get("name"));
        assertEquals("1 Broadway, New York, NY 10004, United States", office.get("location"));
    }

    @Test
    void aJobsStagesAreItsOffersPipelineAndAJobIsRequired() {
        String job = "1200002";
        var stages = walk("job_interview_stages", "&job_id=" + job, 3);
        var expected = sandbox.recruitee().stagesOf(job);
        assertEquals(new ArrayList<>(expected.keySet()), stages.stream().map(stage -> stage.get("id")).toList());
        for (var stage : stages) {
            assertEquals(expected.get(stage.get("id")), stage.get("name"));
            assertEquals(Map.of("id", job), stage.get("job"));
        }
        var positions = stages.stream().map(stage -> ((Number) stage.get("position")).intValue()).toList();
        assertEquals(positions.stream().sorted().toList(), positions, "first stage lowest");

        var unscoped = harness.get("/unified/ats/job_interview_stages?integrated_account_id=" + account);
        assertEquals(400, unscoped.statusCode(), unscoped.body());
        assertTrue(unscoped.body().contains("job_id"), unscoped.body());
        var unknown = harness.get("/unified/ats/job_interview_stages?integrated_account_id=" + account + "&job_id=42");
        assertEquals(404, unknown.statusCode(), unknown.body());
    }

    @Test
    void aMovedApplicationShowsItsNewStageWhenReadBack() {
        String candidate = candidate(0);
        var placement = sandbox.recruitee().placementsOf(candidate).get(0);
        String job = String.valueOf(placement.get("offer_id"));
        String target = otherStage(job, String.valueOf(placement.get("stage_id")));
        int before = sandbox.recruitee().placementMoves();

        var moved = action("move-stage", Map.of("application_id", String.valueOf(placement.get("id")),
                "stage_id", target, "candidate_id", candidate), null);
        assertEquals(200, moved.statusCode(), moved.body());
        var answer = Harness.json(moved);
        assertEquals(String.valueOf(placement.get("id")), answer.get("id"));
        assertEquals(target, ((Map<?, ?>) answer.get("current_stage")).get("id"));
        assertEquals(Map.of("id", job), answer.get("job"));
        assertEquals(before + 1, sandbox.recruitee().placementMoves());

        var read = get(placement.get("id"), candidate);
        assertEquals(target, ((Map<?, ?>) read.get("current_stage")).get("id"));
        assertEquals(sandbox.recruitee().stagesOf(job).get(target), ((Map<?, ?>) read.get("current_stage")).get("name"));
        var listed = walk("applications", "&candidate_id=" + candidate, 10).stream()
                .filter(a -> a.get("id").equals(String.valueOf(placement.get("id")))).findFirst().orElseThrow();
        assertEquals(read.get("current_stage"), listed.get("current_stage"), "the list shows it too");
    }

    @Test
    void theSameMoveSentTwiceWithOneKeyMovesOnce() {
        String candidate = candidate(1);
        var placement = sandbox.recruitee().placementsOf(candidate).get(0);
        String target = otherStage(String.valueOf(placement.get("offer_id")), String.valueOf(placement.get("stage_id")));
        var body = Map.<String, Object>of("application_id", String.valueOf(placement.get("id")), "stage_id", target);
        String key = UUID.randomUUID().toString();
        int before = sandbox.recruitee().placementMoves();
        var first = action("move-stage", body, key);
        var second = action("move-stage", body, key);
        assertEquals(200, first.statusCode(), first.body());
        assertEquals(200, second.statusCode(), second.body());
        assertEquals("true", second.headers().firstValue("idempotent-replayed").orElse(""));
        assertEquals(first.body(), second.body());
        assertEquals(before + 1, sandbox.recruitee().placementMoves(), "one change_stage for one key");
    }

    @Test
    void aStageOfAnotherJobIsRefusedNamingItAndNothingMoves() {
        String candidate = candidate(2);
        var placement = sandbox.recruitee().placementsOf(candidate).get(0);
        String job = String.valueOf(placement.get("offer_id"));
        String foreign = sandbox.recruitee().stagesOf(job.equals("1200001") ? "1200002" : "1200001").keySet().iterator().next();
        int before = sandbox.recruitee().placementMoves();
        var refused = action("move-stage", Map.of("application_id", String.valueOf(placement.get("id")),
                "stage_id", foreign), UUID.randomUUID().toString());
        assertEquals(422, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains(foreign), refused.body());
        assertEquals(before, sandbox.recruitee().placementMoves(), "not retried into a move");
        assertEquals(placement.get("stage_id"), sandbox.recruitee().placementsOf(candidate).get(0).get("stage_id"));

        var missing = action("move-stage", Map.of("stage_id", foreign), null);
        assertEquals(400, missing.statusCode(), missing.body());
        assertTrue(missing.body().contains("application_id"), missing.body());
    }

    @Test
    void aRejectionWithAListedReasonShowsWhenReadBack() {
        String candidate = candidate(3);
        var placement = sandbox.recruitee().placementsOf(candidate).get(0);
        var reason = walk("reject_reasons", "", 10).get(1);
        int before = sandbox.recruitee().placementDisqualifications();

        var rejected = action("reject", Map.of("application_id", String.valueOf(placement.get("id")),
                "reject_reason_id", reason.get("id"), "candidate_id", candidate), UUID.randomUUID().toString());
        assertEquals(200, rejected.statusCode(), rejected.body());
        var answer = Harness.json(rejected);
        assertEquals(Map.of("id", reason.get("id"), "name", reason.get("name")), answer.get("reject_reason"));
        assertNotNull(answer.get("rejected_at"));
        assertEquals(before + 1, sandbox.recruitee().placementDisqualifications());

        var read = get(placement.get("id"), candidate);
        assertNotNull(read.get("rejected_at"), read.toString());
        // Recruitee's placement names its reason, not the reason's id.
        assertEquals(Map.of("name", reason.get("name")), read.get("reject_reason"));
    }

    @Test
    void anUnknownReasonIsRefusedNamingItAndNothingIsRejected() {
        String candidate = candidate(4);
        var placement = sandbox.recruitee().placementsOf(candidate).get(0);
        int before = sandbox.recruitee().placementDisqualifications();
        var refused = action("reject", Map.of("application_id", String.valueOf(placement.get("id")),
                "reject_reason_id", "999999"), null);
        assertEquals(422, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("999999"), refused.body());
        assertEquals(before, sandbox.recruitee().placementDisqualifications());
        assertTrue(!sandbox.recruitee().placementsOf(candidate).get(0).containsKey("disqualified_at"));
        assertTrue(!get(placement.get("id"), candidate).containsKey("reject_reason"));
    }

    @Test
    void aMoveWhoseAnswerWasLostIsSettledByReadingTheApplicationThroughItsCandidate() {
        String candidate = candidate(5);
        var placement = sandbox.recruitee().placementsOf(candidate).get(0);
        String target = otherStage(String.valueOf(placement.get("offer_id")), String.valueOf(placement.get("stage_id")));
        int before = sandbox.recruitee().placementMoves();
        sandbox.recruitee().failNextPlacementActionAfterWriting();
        var moved = action("move-stage", Map.of("application_id", String.valueOf(placement.get("id")),
                "stage_id", target, "candidate_id", candidate), UUID.randomUUID().toString());
        assertEquals(200, moved.statusCode(), moved.body());
        assertEquals("true", moved.headers().firstValue("x-switchboard-recovered").orElse(""));
        assertEquals(target, ((Map<?, ?>) Harness.json(moved).get("current_stage")).get("id"));
        assertEquals(before + 1, sandbox.recruitee().placementMoves(), "moved once, not sent again");
    }

    @Test
    void aRejectionWhoseAnswerWasLostStaysUnknownAsThePlacementShowsNoReasonId() {
        String candidate = candidate(6);
        var placement = sandbox.recruitee().placementsOf(candidate).get(0);
        var reason = walk("reject_reasons", "", 10).get(0);
        int before = sandbox.recruitee().placementDisqualifications();
        sandbox.recruitee().failNextPlacementActionAfterWriting();
        var rejected = action("reject", Map.of("application_id", String.valueOf(placement.get("id")),
                "reject_reason_id", reason.get("id"), "candidate_id", candidate), UUID.randomUUID().toString());
        assertEquals(502, rejected.statusCode(), rejected.body());
        assertTrue(rejected.body().contains("\"outcome\":\"unknown\""), rejected.body());
        assertEquals(before + 1, sandbox.recruitee().placementDisqualifications(), "sent once, never again");
    }

    @Test
    void whatRecruiteeDoesNotDocumentIsRefusedWithTheReason() {
        for (String path : List.of("interviews", "offers", "scorecards", "departments/288442", "offices/51001")) {
            var refused = harness.get("/unified/ats/" + path + "?integrated_account_id=" + account);
            assertEquals(400, refused.statusCode(), path + ": " + refused.body());
            assertTrue(refused.body().toLowerCase().contains("recruitee"), path + ": " + refused.body());
        }
        assertTrue(harness.get("/unified/ats/offers?integrated_account_id=" + account).body().contains("jobs"));
    }

    private static String candidate(int index) {
        return sandbox.recruitee().candidateIds().reversed().get(10 + index);
    }

    private static String otherStage(String job, String current) {
        return sandbox.recruitee().stagesOf(job).keySet().stream().filter(id -> !id.equals(current)).findFirst().orElseThrow();
    }

    private static Map<String, Object> get(Object applicationId, String candidate) {
        var got = harness.get("/unified/ats/applications/" + applicationId + "?integrated_account_id=" + account
                + "&candidate_id=" + candidate);
        assertEquals(200, got.statusCode(), got.body());
        return Harness.json(got);
    }

    private static HttpResponse<String> action(String name, Map<String, Object> body, String key) {
        var headers = new LinkedHashMap<String, String>(Map.of("Authorization", "Bearer " + Harness.TOKEN,
                "Content-Type", "application/json"));
        if (key != null) {
            headers.put("Idempotency-Key", key);
        }
        return harness.send("POST", "/unified/ats/applications/" + name + "?integrated_account_id=" + account,
                dev.switchboard.mapping.Json.writeString(body), headers);
    }

    /** Every item of a unified list, following next_cursor to the end. */
    private static List<Map<String, Object>> walk(String resource, String query, int limit) {
        var items = new ArrayList<Map<String, Object>>();
        String cursor = null;
        for (int page = 0; page < 100; page++) {
            var response = harness.get("/unified/ats/" + resource + "?integrated_account_id=" + account + query
                    + "&limit=" + limit + (cursor == null ? "" : "&next_cursor="
                    + URLEncoder.encode(cursor, StandardCharsets.UTF_8)));
            assertEquals(200, response.statusCode(), response.body());
            var body = Harness.json(response);
            @SuppressWarnings("unchecked")
            var result = (List<Map<String, Object>>) body.getOrDefault("result", List.of());
            items.addAll(result);
            cursor = (String) body.get("next_cursor");
            if (cursor == null) {
                return items;
            }
        }
        throw new AssertionError("more than 100 pages");
    }
}
