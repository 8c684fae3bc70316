package dev.switchboard.integrations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.Harness;
import dev.switchboard.sandbox.Sandbox;
import dev.switchboard.sandbox.TeamtailorSimulator;
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

/**
 * Teamtailor's hiring lookups and application actions through the unified API, against the
 * simulated Teamtailor: departments, offices (its locations), reject reasons and each job's
 * stages listed once each across small pages; an application moved to another stage of its job
 * and rejected with a listed reason, each seen by a later read; one Idempotency-Key moves once;
 * a stage of another job or an unknown reason is Teamtailor's refusal, and nothing changes; the
 * lookups Teamtailor does not document are a 400 that says why.
 */
class TeamtailorHiringTest {

    static Sandbox sandbox;
    static Harness harness;
    static String account;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start();
        harness = Harness.start();
        account = harness.demoAccounts(sandbox).get("teamtailor");
    }

    @AfterAll
    static void stop() {
        harness.close();
        sandbox.close();
    }

    private static TeamtailorSimulator teamtailor() {
        return sandbox.teamtailor();
    }

    @Test
    void eachLookupListsItsRecordsOnceAcrossPages() {
        assertEquals(teamtailor().departmentIds(), ids(walk("departments", "", 2)));
        assertEquals(teamtailor().locationIds(), ids(walk("offices", "", 2)));
        assertEquals(teamtailor().rejectReasonIds(), ids(walk("reject_reasons", "", 2)));
        for (String job : teamtailor().jobIds()) {
            var stages = walk("job_interview_stages", "&job_id=" + job, 3);
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
        var offices = walk("offices", "", 30);
        // The documented HQ has an empty name: the office is named by its city.
        var stockholm = offices.stream().filter(o -> "667".equals(o.get("id"))).findFirst().orElseThrow();
        assertEquals("Stockholm", stockholm.get("name"));
        assertEquals("Tegnérgatan 34, 113 59 Stockholm, Sweden", stockholm.get("location"));
        var malmo = harness.get("/unified/ats/offices/2981?integrated_account_id=" + account);
        assertEquals(200, malmo.statusCode(), malmo.body());
        assertEquals("Malmö studio", Harness.json(malmo).get("name"));

        var department = harness.get("/unified/ats/departments/338?integrated_account_id=" + account);
        assertEquals(200, department.statusCode(), department.body());
        assertEquals("Sales", Harness.json(department).get("name"));

        var reasons = walk("reject_reasons", "", 30);
        assertEquals("Not a fit", reasons.get(0).get("name"));

        String job = teamtailor().jobIds().get(1);
        String stageId = teamtailor().stageIdsOf(job).get(2);
        var stage = harness.get("/unified/ats/job_interview_stages/" + stageId + "?integrated_account_id=" + account);
        assertEquals(200, stage.statusCode(), stage.body());
        assertEquals(Map.of("id", job), Harness.json(stage).get("job"));
        assertEquals("Interview", Harness.json(stage).get("name"));

        var unknown = harness.get("/unified/ats/departments/999?integrated_account_id=" + account);
        assertEquals(404, unknown.statusCode(), unknown.body());
    }

    @Test
    void stagesNeedAJob() {
        var answer = harness.get("/unified/ats/job_interview_stages?integrated_account_id=" + account);
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

        var read = harness.get("/unified/ats/applications/" + application + "?integrated_account_id=" + account);
        assertEquals(200, read.statusCode(), read.body());
        assertEquals(Map.of("id", to, "name", "Hired"), Harness.json(read).get("current_stage"));
    }

    @Test
    void aRejectionWithAListedReasonIsSeenByALaterRead() {
        String application = openApplication();
        String reason = ids(walk("reject_reasons", "", 30)).get(2).toString();
        var rejected = action("reject", Map.of("application_id", application, "reject_reason_id", reason), null);
        assertEquals(200, rejected.statusCode(), rejected.body());
        assertEquals(reason, ((Map<?, ?>) Harness.json(rejected).get("reject_reason")).get("id"));
        assertNotNull(Harness.json(rejected).get("rejected_at"), rejected.body());

        var read = Harness.json(harness.get("/unified/ats/applications/" + application + "?integrated_account_id="
                + account));
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
            var answer = harness.get("/unified/ats/" + resource + "?integrated_account_id=" + account);
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
        var headers = new LinkedHashMap<String, String>(Map.of("Authorization", "Bearer " + Harness.TOKEN,
                "Content-Type", "application/json"));
        if (key != null) {
            headers.put("Idempotency-Key", key);
        }
        return harness.send("POST", "/unified/ats/applications/" + action + "?integrated_account_id=" + account,
                dev.switchboard.mapping.Json.writeString(body), headers);
    }

    /** Every item of a unified list, following next_cursor to the end. */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> walk(String resource, String filters, int limit) {
        var items = new ArrayList<Map<String, Object>>();
        String cursor = null;
        for (int page = 0; page < 100; page++) {
            var response = harness.get("/unified/ats/" + resource + "?integrated_account_id=" + account + filters
                    + "&limit=" + limit + (cursor == null ? ""
                    : "&next_cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)));
            assertEquals(200, response.statusCode(), response.body());
            var body = Harness.json(response);
            items.addAll((List<Map<String, Object>>) body.get("result"));
            cursor = (String) body.get("next_cursor");
            if (cursor == null) {
                return items;
            }
        }
        throw new AssertionError("more than 100 pages");
    }

    private static List<Object> ids(List<Map<String, Object>> items) {
        return items.stream().map(item -> item.get("id")).toList();
    }
}
