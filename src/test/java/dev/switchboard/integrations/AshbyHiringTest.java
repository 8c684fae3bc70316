package dev.switchboard.integrations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.Harness;
import dev.switchboard.mapping.Json;
import dev.switchboard.sandbox.Sandbox;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Ashby's hiring lookups and application actions through the unified API, against the
 * simulated Ashby: every lookup walked page by page with a small limit, stages per job from
 * the job's interview plan, and move-stage and reject as application.changeStage calls that
 * change what a later read shows.
 */
class AshbyHiringTest {

    static Sandbox sandbox;
    static Harness harness;
    static String account;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start();
        harness = Harness.start();
        account = harness.demoAccounts(sandbox).get("ashby");
    }

    @AfterAll
    static void stop() {
        harness.close();
        sandbox.close();
    }

    @Test
    void departmentsListOnceEachArchivedOnesAsInactiveAndReadOne() {
        var listed = walk("ats/departments", "", 2);
        assertEquals(idsOf(sandbox.ashby().departments()), idsOf(listed));
        assertTrue(listed.stream().anyMatch(one -> "inactive".equals(one.get("status"))));
        var child = listed.stream().filter(one -> one.get("parent") != null).findFirst().orElseThrow();
        var got = ok(harness.get(path("ats/departments/" + child.get("id"), "")));
        assertEquals(child.get("name"), got.get("name"));
        assertEquals(child.get("parent"), got.get("parent"));
    }

    @Test
    void officesAreTheLocationsWithoutRegions() {
        var listed = walk("ats/offices", "", 1);
        var expected = sandbox.ashby().locations().stream().filter(one -> "Location".equals(one.get("type"))).toList();
        assertEquals(idsOf(expected), idsOf(listed));
        var bay = listed.stream().filter(one -> "Bay Area Office".equals(one.get("name"))).findFirst().orElseThrow();
        assertEquals("49 Geary St Suite 411, San Francisco, California, 94108, United States", bay.get("location"));
        assertEquals(false, bay.get("is_remote"));
        assertTrue(listed.stream().anyMatch(one -> Boolean.TRUE.equals(one.get("is_remote"))));
        assertEquals("Bay Area Office", ok(harness.get(path("ats/offices/" + bay.get("id"), ""))).get("name"));
    }

    @Test
    void tagsAndRejectReasonsListTheUnarchivedOnesOnce() {
        var tags = walk("ats/tags", "", 5);
        assertEquals(idsOf(sandbox.ashby().tags().stream().filter(one -> !Boolean.TRUE.equals(one.get("isArchived")))
                .toList()), idsOf(tags));
        var reasons = walk("ats/reject_reasons", "", 2);
        assertEquals(idsOf(sandbox.ashby().archiveReasons().stream()
                .filter(one -> !Boolean.TRUE.equals(one.get("isArchived"))).toList()), idsOf(reasons));
        assertTrue(reasons.stream().anyMatch(one -> "Too inexperienced".equals(one.get("name"))));
    }

    @Test
    void aJobsStagesAreItsInterviewPlansInOrder() {
        var job = sandbox.ashby().jobs().get(1);
        var listed = walk("ats/job_interview_stages", "&job_id=" + job.get("id"), 2);
        var plan = sandbox.ashby().interviewPlans().get(job.get("defaultInterviewPlanId"));
        assertEquals(plan.stream().map(stage -> stage.get("id")).toList(), listed.stream().map(one -> one.get("id")).toList());
        assertTrue(listed.stream().allMatch(one -> Map.of("id", job.get("id")).equals(one.get("job"))));
        assertEquals(1, ((Number) listed.get(0).get("position")).intValue());
        var got = ok(harness.get(path("ats/job_interview_stages/" + listed.get(2).get("id"), "")));
        assertEquals(listed.get(2).get("name"), got.get("name"));

        var noJob = harness.get(path("ats/job_interview_stages", ""));
        assertEquals(400, noJob.statusCode(), noJob.body());
        assertTrue(noJob.body().contains("job_id"), noJob.body());
    }

    @Test
    @SuppressWarnings("unchecked")
    void interviewsAreTheSchedulesEventsOnceEachAndFilterByApplicationOnly() {
        var events = new ArrayList<Object>();
        sandbox.ashby().interviewSchedules().forEach(schedule ->
                ((List<Map<String, Object>>) schedule.get("interviewEvents")).forEach(event -> events.add(event.get("id"))));
        var listed = walk("ats/interviews", "", 7);
        assertEquals(events.size(), listed.size());
        assertEquals(new java.util.HashSet<>(events), idsOf(listed));
        var one = listed.get(0);
        assertNotNull(one.get("start_at"));
        assertFalse(((List<?>) one.get("interviewers")).isEmpty());

        String application = (String) ((Map<String, Object>) one.get("application")).get("id");
        var narrowed = walk("ats/interviews", "&application_id=" + application, 1);
        assertFalse(narrowed.isEmpty());
        assertTrue(narrowed.stream().allMatch(item -> Map.of("id", application).equals(item.get("application"))));

        var byCandidate = harness.get(path("ats/interviews", "&candidate_id=" + UUID.randomUUID()));
        assertEquals(400, byCandidate.statusCode(), byCandidate.body());
        assertTrue(byCandidate.body().contains("candidate_id"), byCandidate.body());
        var get = harness.get(path("ats/interviews/" + one.get("id"), ""));
        assertEquals(400, get.statusCode(), get.body());
        assertTrue(get.body().contains("interviewSchedule"), get.body());
    }

    @Test
    @SuppressWarnings("unchecked")
    void scorecardsNameListedInterviewsAndFilterByApplicationOnly() {
        var listed = walk("ats/scorecards", "", 4);
        assertEquals(idsOf(sandbox.ashby().feedback()), idsOf(listed));
        assertEquals(sandbox.ashby().feedback().size(), listed.size());
        var interviews = idsOf(walk("ats/interviews", "", 100));
        var card = listed.get(0);
        assertTrue(interviews.contains(((Map<String, Object>) card.get("interview")).get("id")));
        assertTrue(List.of("Strong Hire", "Hire", "No Hire").contains(card.get("overall_recommendation")));
        assertEquals(3, ((List<?>) card.get("form_values")).size());

        String application = (String) ((Map<String, Object>) card.get("application")).get("id");
        var narrowed = walk("ats/scorecards", "&application_id=" + application, 1);
        assertTrue(narrowed.stream().anyMatch(item -> item.get("id").equals(card.get("id"))));
        assertTrue(narrowed.stream().allMatch(item -> Map.of("id", application).equals(item.get("application"))));
        var byInterview = harness.get(path("ats/scorecards", "&interview_id=" + UUID.randomUUID()));
        assertEquals(400, byInterview.statusCode(), byInterview.body());
    }

    @Test
    @SuppressWarnings("unchecked")
    void offersListOnceAndByApplication() {
        var listed = walk("ats/offers", "", 3);
        assertEquals(idsOf(sandbox.ashby().offers()), idsOf(listed));
        assertEquals(sandbox.ashby().offers().size(), listed.size());
        assertTrue(listed.stream().anyMatch(one -> "signed".equals(one.get("status"))));
        String application = (String) ((Map<String, Object>) listed.get(1).get("application")).get("id");
        var narrowed = walk("ats/offers", "&application_id=" + application, 2);
        assertEquals(List.of(listed.get(1).get("id")), narrowed.stream().map(one -> one.get("id")).toList());
    }

    @Test
    @SuppressWarnings("unchecked")
    void aMoveShowsInTheNextReadAndOneKeyMovesOnce() {
        var application = active(3);
        String target = (String) stagesOf(application).get(2).get("id");
        int before = sandbox.ashby().stageChanges();
        String key = UUID.randomUUID().toString();
        String body = "{\"application_id\": \"" + application.get("id") + "\", \"stage_id\": \"" + target + "\"}";
        var first = action("move-stage", body, key);
        assertEquals(200, first.statusCode(), first.body());
        assertEquals(target, ((Map<String, Object>) Harness.json(first).get("current_stage")).get("id"));
        var again = action("move-stage", body, key);
        assertEquals(200, again.statusCode(), again.body());
        assertEquals("true", again.headers().firstValue("idempotent-replayed").orElse(""));
        assertEquals(before + 1, sandbox.ashby().stageChanges(), "one key, one move");

        var got = ok(harness.get(path("ats/applications/" + application.get("id"), "")));
        assertEquals(target, ((Map<String, Object>) got.get("current_stage")).get("id"));
        assertEquals("Onsite", ((Map<String, Object>) got.get("current_stage")).get("name"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aStageOfAnotherJobIsRefusedNamingItAndNothingMoves() {
        var application = active(5);
        var otherJob = sandbox.ashby().jobs().stream()
                .filter(job -> !job.get("id").equals(((Map<String, Object>) application.get("job")).get("id")))
                .findFirst().orElseThrow();
        String foreign = (String) walk("ats/job_interview_stages", "&job_id=" + otherJob.get("id"), 100).get(1).get("id");
        Object stageBefore = ((Map<String, Object>) application.get("currentInterviewStage")).get("id");
        int before = sandbox.ashby().stageChanges();
        var refused = action("move-stage", "{\"application_id\": \"" + application.get("id") + "\", \"stage_id\": \""
                + foreign + "\"}", UUID.randomUUID().toString());
        assertTrue(refused.statusCode() >= 400 && refused.statusCode() < 500, refused.statusCode() + " " + refused.body());
        assertTrue(refused.body().contains(foreign), refused.body());
        assertEquals(before, sandbox.ashby().stageChanges());
        var got = ok(harness.get(path("ats/applications/" + application.get("id"), "")));
        assertEquals(stageBefore, ((Map<String, Object>) got.get("current_stage")).get("id"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aRejectWithAListedReasonShowsInTheNextRead() {
        var application = active(7);
        var reason = walk("ats/reject_reasons", "", 100).get(1);
        String archived = archivedStageOf(application);
        var body = new LinkedHashMap<String, Object>();
        body.put("application_id", application.get("id"));
        body.put("reject_reason_id", reason.get("id"));
        body.put("stage_id", archived);
        var rejected = action("reject", Json.writeString(body), UUID.randomUUID().toString());
        assertEquals(200, rejected.statusCode(), rejected.body());
        assertEquals(reason.get("id"), ((Map<String, Object>) Harness.json(rejected).get("reject_reason")).get("id"));

        var got = ok(harness.get(path("ats/applications/" + application.get("id"), "")));
        assertEquals(Map.of("id", reason.get("id"), "name", reason.get("name")), got.get("reject_reason"));
        assertNotNull(got.get("rejected_at"));
        assertEquals(archived, ((Map<String, Object>) got.get("current_stage")).get("id"));
    }

    @Test
    void anUnknownReasonOrAMissingArchivedStageIsRefusedAndNothingMoves() {
        var application = active(9);
        int before = sandbox.ashby().stageChanges();
        String unknown = UUID.randomUUID().toString();
        var body = new LinkedHashMap<String, Object>();
        body.put("application_id", application.get("id"));
        body.put("reject_reason_id", unknown);
        body.put("stage_id", archivedStageOf(application));
        var refused = action("reject", Json.writeString(body), UUID.randomUUID().toString());
        assertTrue(refused.statusCode() >= 400 && refused.statusCode() < 500, refused.statusCode() + " " + refused.body());
        assertTrue(refused.body().contains(unknown), refused.body());

        body.remove("stage_id");
        body.put("reject_reason_id", sandbox.ashby().archiveReasons().get(1).get("id"));
        var noStage = action("reject", Json.writeString(body), UUID.randomUUID().toString());
        assertEquals(400, noStage.statusCode(), noStage.body());
        assertTrue(noStage.body().contains("stage_id"), noStage.body());
        assertEquals(before, sandbox.ashby().stageChanges());
        assertEquals("Active", application.get("status"));
    }

    /** An application still active, the n-th of its kind, so each test acts on its own. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> active(int n) {
        var interviewed = new java.util.HashSet<Object>();
        sandbox.ashby().interviewSchedules().forEach(one -> interviewed.add(one.get("applicationId")));
        return sandbox.ashby().applications().stream().filter(one -> "Active".equals(one.get("status")))
                .filter(one -> !interviewed.contains(one.get("id"))).skip(n).findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> stagesOf(Map<String, Object> application) {
        Object job = ((Map<String, Object>) application.get("job")).get("id");
        return walk("ats/job_interview_stages", "&job_id=" + job, 100);
    }

    /** The job's Archived stage, found as a caller would: the stage whose type Ashby gives as Archived. */
    @SuppressWarnings("unchecked")
    private static String archivedStageOf(Map<String, Object> application) {
        return (String) stagesOf(application).stream()
                .filter(stage -> "Archived".equals(((Map<String, Object>) stage.get("remote_data")).get("type")))
                .findFirst().orElseThrow().get("id");
    }

    private static HttpResponse<String> action(String action, String body, String key) {
        var headers = new HashMap<String, String>(Map.of("Authorization", "Bearer " + Harness.TOKEN,
                "Content-Type", "application/json", "Idempotency-Key", key));
        return harness.send("POST", path("ats/applications/" + action, ""), body, headers);
    }

    static String path(String resource, String extraQuery) {
        return "/unified/" + resource + "?integrated_account_id=" + account + extraQuery;
    }

    static Map<String, Object> ok(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        return Harness.json(response);
    }

    /** Every item of a list, following next_cursor to the end; no item may come twice. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> walk(String resource, String filters, int limit) {
        var items = new ArrayList<Map<String, Object>>();
        String cursor = null;
        for (int page = 0; page < 500; page++) {
            var body = ok(harness.get(path(resource, filters + "&limit=" + limit + (cursor == null ? ""
                    : "&next_cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)))));
            var result = (List<Map<String, Object>>) body.get("result");
            assertTrue(result.size() <= limit, "a page holds at most the limit");
            items.addAll(result);
            cursor = (String) body.get("next_cursor");
            if (cursor == null) {
                assertEquals(items.size(), idsOf(items).size(), resource + ": an item came twice");
                return items;
            }
        }
        throw new AssertionError("more than 500 pages");
    }

    static java.util.Set<Object> idsOf(List<Map<String, Object>> items) {
        var ids = new java.util.HashSet<Object>();
        items.forEach(item -> ids.add(item.get("id")));
        return ids;
    }
}
