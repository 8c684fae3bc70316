package dev.switchboard.integrations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.Harness;
import dev.switchboard.mapping.Json;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What a Recruitee hiring workflow names (departments, locations, tags, disqualify reasons, each
 * offer's stages) and its two placement actions, move-stage and reject, through the unified API
 * against the simulated Recruitee. Each test acts on placements of its own candidates, so the
 * tests do not depend on one another's moves.
 */
class RecruiteeHiringTest {

    @RegisterExtension
    static final SandboxAccount account = SandboxAccount.perClass("recruitee");

    @ParameterizedTest
    @CsvSource({"departments, departments", "offices, locations", "tags, tags", "reject_reasons, disqualify_reasons"})
    void eachLookupListsEveryRecordOnceAcrossPages(String resource, String recruiteeKey) {
        List<String> simulated = account.sandbox().recruitee().settingIds().get(recruiteeKey);
        assertTrue(simulated.size() > 2, "more than one page of 2");
        var listed = account.walk(resource, "", 2);
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
        var office = account.walk("offices", "", 10).get(2);
        assertEquals("New York office", office.get("name"));
        assertEquals("1 Broadway, New York, NY 10004, United States", office.get("location"));
    }

    @Test
    void aJobsStagesAreItsOffersPipelineAndAJobIsRequired() {
        String job = "1200002";
        var stages = account.walk("job_interview_stages", "&job_id=" + job, 3);
        var expected = account.sandbox().recruitee().stagesOf(job);
        assertEquals(new ArrayList<>(expected.keySet()), stages.stream().map(stage -> stage.get("id")).toList());
        for (var stage : stages) {
            assertEquals(expected.get(stage.get("id")), stage.get("name"));
            assertEquals(Map.of("id", job), stage.get("job"));
        }
        var positions = stages.stream().map(stage -> ((Number) stage.get("position")).intValue()).toList();
        assertEquals(positions.stream().sorted().toList(), positions, "first stage lowest");

        var unscoped = account.get("job_interview_stages", "");
        assertEquals(400, unscoped.statusCode(), unscoped.body());
        assertTrue(unscoped.body().contains("job_id"), unscoped.body());
        var unknown = account.get("job_interview_stages", "&job_id=42");
        assertEquals(404, unknown.statusCode(), unknown.body());
    }

    @Test
    void aMovedApplicationShowsItsNewStageWhenReadBack() {
        String candidate = candidate(0);
        var placement = account.sandbox().recruitee().placementsOf(candidate).get(0);
        String job = String.valueOf(placement.get("offer_id"));
        String target = otherStage(job, String.valueOf(placement.get("stage_id")));
        int before = account.sandbox().recruitee().placementMoves();

        var moved = action("move-stage", Map.of("application_id", String.valueOf(placement.get("id")),
                "stage_id", target, "candidate_id", candidate), null);
        assertEquals(200, moved.statusCode(), moved.body());
        var answer = Harness.json(moved);
        assertEquals(String.valueOf(placement.get("id")), answer.get("id"));
        assertEquals(target, ((Map<?, ?>) answer.get("current_stage")).get("id"));
        assertEquals(Map.of("id", job), answer.get("job"));
        assertEquals(before + 1, account.sandbox().recruitee().placementMoves());

        var read = get(placement.get("id"), candidate);
        assertEquals(target, ((Map<?, ?>) read.get("current_stage")).get("id"));
        assertEquals(account.sandbox().recruitee().stagesOf(job).get(target), ((Map<?, ?>) read.get("current_stage")).get("name"));
        var listed = account.walk("applications", "&candidate_id=" + candidate, 10).stream()
                .filter(a -> a.get("id").equals(String.valueOf(placement.get("id")))).findFirst().orElseThrow();
        assertEquals(read.get("current_stage"), listed.get("current_stage"), "the list shows it too");
    }

    @Test
    void theSameMoveSentTwiceWithOneKeyMovesOnce() {
        String candidate = candidate(1);
        var placement = account.sandbox().recruitee().placementsOf(candidate).get(0);
        String target = otherStage(String.valueOf(placement.get("offer_id")), String.valueOf(placement.get("stage_id")));
        var body = Map.<String, Object>of("application_id", String.valueOf(placement.get("id")), "stage_id", target);
        String key = UUID.randomUUID().toString();
        int before = account.sandbox().recruitee().placementMoves();
        var first = action("move-stage", body, key);
        var second = action("move-stage", body, key);
        assertEquals(200, first.statusCode(), first.body());
        assertEquals(200, second.statusCode(), second.body());
        assertEquals("true", second.headers().firstValue("idempotent-replayed").orElse(""));
        assertEquals(first.body(), second.body());
        assertEquals(before + 1, account.sandbox().recruitee().placementMoves(), "one change_stage for one key");
    }

    @Test
    void aStageOfAnotherJobIsRefusedNamingItAndNothingMoves() {
        String candidate = candidate(2);
        var placement = account.sandbox().recruitee().placementsOf(candidate).get(0);
        String job = String.valueOf(placement.get("offer_id"));
        String foreign = account.sandbox().recruitee().stagesOf(job.equals("1200001") ? "1200002" : "1200001").keySet().iterator().next();
        int before = account.sandbox().recruitee().placementMoves();
        var refused = action("move-stage", Map.of("application_id", String.valueOf(placement.get("id")),
                "stage_id", foreign), UUID.randomUUID().toString());
        assertEquals(422, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains(foreign), refused.body());
        assertEquals(before, account.sandbox().recruitee().placementMoves(), "not retried into a move");
        assertEquals(placement.get("stage_id"), account.sandbox().recruitee().placementsOf(candidate).get(0).get("stage_id"));

        var missing = action("move-stage", Map.of("stage_id", foreign), null);
        assertEquals(400, missing.statusCode(), missing.body());
        assertTrue(missing.body().contains("application_id"), missing.body());
    }

    @Test
    void aRejectionWithAListedReasonShowsWhenReadBack() {
        String candidate = candidate(3);
        var placement = account.sandbox().recruitee().placementsOf(candidate).get(0);
        var reason = account.walk("reject_reasons", "", 10).get(1);
        int before = account.sandbox().recruitee().placementDisqualifications();

        var rejected = action("reject", Map.of("application_id", String.valueOf(placement.get("id")),
                "reject_reason_id", reason.get("id"), "candidate_id", candidate), UUID.randomUUID().toString());
        assertEquals(200, rejected.statusCode(), rejected.body());
        var answer = Harness.json(rejected);
        assertEquals(Map.of("id", reason.get("id"), "name", reason.get("name")), answer.get("reject_reason"));
        assertNotNull(answer.get("rejected_at"));
        assertEquals(before + 1, account.sandbox().recruitee().placementDisqualifications());

        var read = get(placement.get("id"), candidate);
        assertNotNull(read.get("rejected_at"), read.toString());
        // Recruitee's placement names its reason, not the reason's id.
        assertEquals(Map.of("name", reason.get("name")), read.get("reject_reason"));
    }

    @Test
    void anUnknownReasonIsRefusedNamingItAndNothingIsRejected() {
        String candidate = candidate(4);
        var placement = account.sandbox().recruitee().placementsOf(candidate).get(0);
        int before = account.sandbox().recruitee().placementDisqualifications();
        var refused = action("reject", Map.of("application_id", String.valueOf(placement.get("id")),
                "reject_reason_id", "999999"), null);
        assertEquals(422, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("999999"), refused.body());
        assertEquals(before, account.sandbox().recruitee().placementDisqualifications());
        assertTrue(!account.sandbox().recruitee().placementsOf(candidate).get(0).containsKey("disqualified_at"));
        assertTrue(!get(placement.get("id"), candidate).containsKey("reject_reason"));
    }

    @Test
    void aMoveWhoseAnswerWasLostIsSettledByReadingTheApplicationThroughItsCandidate() {
        String candidate = candidate(5);
        var placement = account.sandbox().recruitee().placementsOf(candidate).get(0);
        String target = otherStage(String.valueOf(placement.get("offer_id")), String.valueOf(placement.get("stage_id")));
        int before = account.sandbox().recruitee().placementMoves();
        account.sandbox().recruitee().failNextPlacementActionAfterWriting();
        var moved = action("move-stage", Map.of("application_id", String.valueOf(placement.get("id")),
                "stage_id", target, "candidate_id", candidate), UUID.randomUUID().toString());
        assertEquals(200, moved.statusCode(), moved.body());
        assertEquals("true", moved.headers().firstValue("x-switchboard-recovered").orElse(""));
        assertEquals(target, ((Map<?, ?>) Harness.json(moved).get("current_stage")).get("id"));
        assertEquals(before + 1, account.sandbox().recruitee().placementMoves(), "moved once, not sent again");
    }

    @Test
    void aRejectionWhoseAnswerWasLostStaysUnknownAsThePlacementShowsNoReasonId() {
        String candidate = candidate(6);
        var placement = account.sandbox().recruitee().placementsOf(candidate).get(0);
        var reason = account.walk("reject_reasons", "", 10).get(0);
        int before = account.sandbox().recruitee().placementDisqualifications();
        account.sandbox().recruitee().failNextPlacementActionAfterWriting();
        var rejected = action("reject", Map.of("application_id", String.valueOf(placement.get("id")),
                "reject_reason_id", reason.get("id"), "candidate_id", candidate), UUID.randomUUID().toString());
        assertEquals(502, rejected.statusCode(), rejected.body());
        assertTrue(rejected.body().contains("\"outcome\":\"unknown\""), rejected.body());
        assertEquals(before + 1, account.sandbox().recruitee().placementDisqualifications(), "sent once, never again");
    }

    @Test
    void whatRecruiteeDoesNotDocumentIsRefusedWithTheReason() {
        for (String path : List.of("interviews", "offers", "scorecards", "departments/288442", "offices/51001")) {
            var refused = account.get(path, "");
            assertEquals(400, refused.statusCode(), path + ": " + refused.body());
            assertTrue(refused.body().toLowerCase().contains("recruitee"), path + ": " + refused.body());
        }
        assertTrue(account.get("offers", "").body().contains("jobs"));
    }

    private static String candidate(int index) {
        return account.sandbox().recruitee().candidateIds().reversed().get(10 + index);
    }

    private static String otherStage(String job, String current) {
        return account.sandbox().recruitee().stagesOf(job).keySet().stream().filter(id -> !id.equals(current)).findFirst().orElseThrow();
    }

    private static Map<String, Object> get(Object applicationId, String candidate) {
        var got = account.get("applications/" + applicationId, "&candidate_id=" + candidate);
        assertEquals(200, got.statusCode(), got.body());
        return Harness.json(got);
    }

    private static HttpResponse<String> action(String name, Map<String, Object> body, String key) {
        return account.post("applications/" + name, Json.writeString(body), key);
    }
}
