package dev.switchboard.integrations;

import static dev.switchboard.integrations.SandboxAccount.ids;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.Harness;
import dev.switchboard.mapping.Json;
import dev.switchboard.sandbox.TeamtailorSimulator;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Teamtailor's hiring lookups and application actions through the unified API, against the
 * simulated Teamtailor: departments, offices (its locations), reject reasons and each job's
 * stages listed once each across small pages; an application moved to another stage of its job
 * and rejected with a listed reason, each seen by a later read; one Idempotency-Key moves once;
 * a stage of another job or an unknown reason is Teamtailor's refusal, and nothing changes; the
 * lookups Teamtailor does not document are a 400 that says why.
 */
class TeamtailorHiringTest {

    @RegisterExtension
    static final SandboxAccount account = SandboxAccount.perClass("teamtailor");

    private static TeamtailorSimulator teamtailor() {
        return account.sandbox().teamtailor();
    }

    @Test
    void eachLookupListsItsRecordsOnceAcrossPages() {
        assertEquals(teamtailor().departmentIds(), ids(account.walk("departments", "", 2)));
        assertEquals(teamtailor().locationIds(), ids(account.walk("offices", "", 2)));
        assertEquals(teamtailor().rejectReasonIds(), ids(account.walk("reject_reasons", "", 2)));
        for (String job : teamtailor().jobIds()) {
            var stages = account.walk("job_interview_stages", "&job_id=" + job, 3);
            assertEquals(teamtailor().stageIdsOf(job), ids(stages), "job " + job + ": its stages, in row order");
            assertEquals(stages.size(), new HashSet<>(ids(stages)).size());
            for (var stage : stages) {
                assertEquals(Map.of("id", job), stage.get("job"));
                assertTrue(stage.get("position") instanceof Number, stage.toString());
            }
            assertEquals("Inbox", stages.get(0).get("name"));
        }
    }

    @Test
    void lookupsCarryTeamtailorsFieldsAndReadOneById() {
        var offices = account.walk("offices", "", 30);
        // The documented HQ has an empty name: the office is named by its city.
        var stockholm = offices.stream().filter(o -> "667".equals(o.get("id"))).findFirst().orElseThrow();
        assertEquals("Stockholm", stockholm.get("name"));
        assertEquals("Tegnérgatan 34, 113 59 Stockholm, Sweden", stockholm.get("location"));
        var malmo = account.get("offices/2981", "");
        assertEquals(200, malmo.statusCode(), malmo.body());
        assertEquals("Malmö studio", Harness.json(malmo).get("name"));

        var department = account.get("departments/338", "");
        assertEquals(200, department.statusCode(), department.body());
        assertEquals("Sales", Harness.json(department).get("name"));

        var reasons = account.walk("reject_reasons", "", 30);
        assertEquals("Not a fit", reasons.get(0).get("name"));

        String job = teamtailor().jobIds().get(1);
        String stageId = teamtailor().stageIdsOf(job).get(2);
        var stage = account.get("job_interview_stages/" + stageId, "");
        assertEquals(200, stage.statusCode(), stage.body());
        assertEquals(Map.of("id", job), Harness.json(stage).get("job"));
        assertEquals("Interview", Harness.json(stage).get("name"));

        var unknown = account.get("departments/999", "");
        assertEquals(404, unknown.statusCode(), unknown.body());
    }

    @Test
    void stagesNeedAJob() {
        var answer = account.get("job_interview_stages", "");
        assertEquals(400, answer.statusCode(), answer.body());
        assertTrue(answer.body().contains("job_id"), answer.body());
    }

    @Test
    void aMoveIsSeenByALaterReadAndOneKeyMovesOnce() {
        String application = openApplication();
        String job = teamtailor().jobOfApplication(application);
        String from = teamtailor().stageOfApplication(application);
        String to = teamtailor().stageIdsOf(job).stream().filter(s -> !s.equals(from)).reduce((a, b) -> b).orElseThrow();
        int before = teamtailor().applicationUpdates();
        String key = UUID.randomUUID().toString();

        var moved = action("move-stage", Map.of("application_id", application, "stage_id", to), key);
        assertEquals(200, moved.statusCode(), moved.body());
        assertEquals(application, Harness.json(moved).get("id"));
        assertEquals(to, ((Map<?, ?>) Harness.json(moved).get("current_stage")).get("id"));
        var again = action("move-stage", Map.of("application_id", application, "stage_id", to), key);
        assertEquals(200, again.statusCode(), again.body());
        assertEquals("true", again.headers().firstValue("idempotent-replayed").orElse(""));
        assertEquals(before + 1, teamtailor().applicationUpdates(), "one key, one move");
        assertEquals(to, teamtailor().stageOfApplication(application));

        var read = account.get("applications/" + application, "");
        assertEquals(200, read.statusCode(), read.body());
        assertEquals(Map.of("id", to, "name", "Hired"), Harness.json(read).get("current_stage"));
    }

    @Test
    void aRejectionWithAListedReasonIsSeenByALaterRead() {
        String application = openApplication();
        String reason = ids(account.walk("reject_reasons", "", 30)).get(2).toString();
        var rejected = action("reject", Map.of("application_id", application, "reject_reason_id", reason), null);
        assertEquals(200, rejected.statusCode(), rejected.body());
        assertEquals(reason, ((Map<?, ?>) Harness.json(rejected).get("reject_reason")).get("id"));
        assertNotNull(Harness.json(rejected).get("rejected_at"), rejected.body());

        var read = Harness.json(account.get("applications/" + application, ""));
        assertEquals(Map.of("id", reason, "name", "Position filled"), read.get("reject_reason"));
        assertNotNull(read.get("rejected_at"), read.toString());
        assertEquals(reason, teamtailor().rejectReasonOfApplication(application));
    }

    @Test
    void aStageOfAnotherJobOrAnUnknownReasonIsRefusedAndNothingChanges() {
        String application = openApplication();
        String job = teamtailor().jobOfApplication(application);
        String other = teamtailor().jobIds().stream().filter(j -> !j.equals(job)).findFirst().orElseThrow();
        String foreign = teamtailor().stageIdsOf(other).get(1);
        String stage = teamtailor().stageOfApplication(application);
        int before = teamtailor().applicationUpdates();

        var wrongJob = action("move-stage", Map.of("application_id", application, "stage_id", foreign),
                UUID.randomUUID().toString());
        assertEquals(422, wrongJob.statusCode(), wrongJob.body());
        assertTrue(wrongJob.body().contains("stage - must be a stage of the application's job"), wrongJob.body());
        var noSuchStage = action("move-stage", Map.of("application_id", application, "stage_id", "99999"), null);
        assertEquals(422, noSuchStage.statusCode(), noSuchStage.body());
        var unknownReason = action("reject", Map.of("application_id", application, "reject_reason_id", "424242"),
                UUID.randomUUID().toString());
        assertEquals(422, unknownReason.statusCode(), unknownReason.body());
        assertTrue(unknownReason.body().contains("reject-reason - must exist"), unknownReason.body());

        assertEquals(before, teamtailor().applicationUpdates(), "a refusal is not retried into a change");
        assertEquals(stage, teamtailor().stageOfApplication(application));
        assertNull(teamtailor().rejectReasonOfApplication(application));
    }

    @Test
    void anActionNeedsItsTarget() {
        var noStage = action("move-stage", Map.of("application_id", openApplication()), null);
        assertEquals(400, noStage.statusCode(), noStage.body());
        assertTrue(noStage.body().contains("stage_id"), noStage.body());
        var noApplication = action("reject", Map.of("reject_reason_id", "1"), null);
        assertEquals(400, noApplication.statusCode(), noApplication.body());
        assertTrue(noApplication.body().contains("application_id"), noApplication.body());
    }

    @Test
    void whatTeamtailorDoesNotDocumentIsA400ThatSaysWhy() {
        for (String resource : List.of("tags", "interviews", "offers", "scorecards")) {
            var answer = account.get(resource, "");
            assertEquals(400, answer.statusCode(), resource + ": " + answer.body());
            assertTrue(answer.body().contains("Teamtailor"), answer.body());
            assertTrue(answer.body().contains("Teamtailor/docs"), resource + " names its source: " + answer.body());
        }
    }

    /** An application of the sandbox's candidates that is not rejected and not yet acted on by another test. */
    private static synchronized String openApplication() {
        for (String candidate : teamtailor().candidateIds()) {
            for (String application : teamtailor().applicationIdsOf(candidate)) {
                if (teamtailor().rejectReasonOfApplication(application) == null && TAKEN.add(application)) {
                    return application;
                }
            }
        }
        throw new AssertionError("no open application left");
    }

    private static final java.util.Set<String> TAKEN = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private static HttpResponse<String> action(String action, Map<String, Object> body, String key) {
        return account.post("applications/" + action, Json.writeString(body), key);
    }
}
