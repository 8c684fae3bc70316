package dev.switchboard.integrations;

import static dev.switchboard.integrations.SandboxAccount.idSet;
import static dev.switchboard.integrations.SandboxAccount.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.Harness;
import dev.switchboard.mapping.Json;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Ashby's hiring lookups and application actions through the unified API, against the
 * simulated Ashby: every lookup walked page by page with a small limit, stages per job from
 * the job's interview plan, and move-stage and reject as application.changeStage calls that
 * change what a later read shows.
 */
class AshbyHiringTest {

    @RegisterExtension
    static final SandboxAccount account = SandboxAccount.perClass("ashby");

    @Test
    void departmentsListOnceEachArchivedOnesAsInactiveAndReadOne() {
        var listed = walk("departments", "", 2);
        assertEquals(idSet(account.sandbox().ashby().departments()), idSet(listed));
        assertTrue(listed.stream().anyMatch(one -> "inactive".equals(one.get("status"))));
        var child = listed.stream().filter(one -> one.get("parent") != null).findFirst().orElseThrow();
        var got = ok(account.get("departments/" + child.get("id"), ""));
        assertEquals(child.get("name"), got.get("name"));
        assertEquals(child.get("parent"), got.get("parent"));
    }

    @Test
    void officesAreTheLocationsWithoutRegions() {
        var listed = walk("offices", "", 1);
        var expected = account.sandbox().ashby().locations().stream().filter(one -> "Location".equals(one.get("type"))).toList();
        assertEquals(idSet(expected), idSet(listed));
        var bay = listed.stream().filter(one -> "Bay Area Office".equals(one.get("name"))).findFirst().orElseThrow();
        assertEquals("49 Geary St Suite 411, San Francisco, California, 94108, United States", bay.get("location"));
        assertEquals(false, bay.get("is_remote"));
        assertTrue(listed.stream().anyMatch(one -> Boolean.TRUE.equals(one.get("is_remote"))));
        assertEquals("Bay Area Office", ok(account.get("offices/" + bay.get("id"), "")).get("name"));
    }

    @Test
    void tagsAndRejectReasonsListTheUnarchivedOnesOnce() {
        var tags = walk("tags", "", 5);
        assertEquals(idSet(account.sandbox().ashby().tags().stream().filter(one -> !Boolean.TRUE.equals(one.get("isArchived")))
                .toList()), idSet(tags));
        var reasons = walk("reject_reasons", "", 2);
        assertEquals(idSet(account.sandbox().ashby().archiveReasons().stream()
                .filter(one -> !Boolean.TRUE.equals(one.get("isArchived"))).toList()), idSet(reasons));
        assertTrue(reasons.stream().anyMatch(one -> "Too inexperienced".equals(one.get("name"))));
    }

    @Test
    void aJobsStagesAreItsInterviewPlansInOrder() {
        var job = account.sandbox().ashby().jobs().get(1);
        var listed = walk("job_interview_stages", "&job_id=" + job.get("id"), 2);
        var plan = account.sandbox().ashby().interviewPlans().get(job.get("defaultInterviewPlanId"));
        assertEquals(plan.stream().map(stage -> stage.get("id")).toList(), listed.stream().map(one -> one.get("id")).toList());
        assertTrue(listed.stream().allMatch(one -> Map.of("id", job.get("id")).equals(one.get("job"))));
        assertEquals(1, ((Number) listed.get(0).get("position")).intValue());
        var got = ok(account.get("job_interview_stages/" + listed.get(2).get("id"), ""));
        assertEquals(listed.get(2).get("name"), got.get("name"));

        var noJob = account.get("job_interview_stages", "");
        assertEquals(400, noJob.statusCode(), noJob.body());
        assertTrue(noJob.body().contains("job_id"), noJob.body());
    }

    @Test
    @SuppressWarnings("unchecked")
    void interviewsAreTheSchedulesEventsOnceEachAndFilterByApplicationOnly() {
        var events = new ArrayList<Object>();
        account.sandbox().ashby().interviewSchedules().forEach(schedule ->
                ((List<Map<String, Object>>) schedule.get("interviewEvents")).forEach(event -> events.add(event.get("id"))));
        var listed = walk("interviews", "", 7);
        assertEquals(events.size(), listed.size());
        assertEquals(new java.util.HashSet<>(events), idSet(listed));
        var one = listed.get(0);
        assertNotNull(one.get("start_at"));
        assertFalse(((List<?>) one.get("interviewers")).isEmpty());

        String application = (String) ((Map<String, Object>) one.get("application")).get("id");
        var narrowed = walk("interviews", "&application_id=" + application, 1);
        assertFalse(narrowed.isEmpty());
        assertTrue(narrowed.stream().allMatch(item -> Map.of("id", application).equals(item.get("application"))));

        var byCandidate = account.get("interviews", "&candidate_id=" + UUID.randomUUID());
        assertEquals(400, byCandidate.statusCode(), byCandidate.body());
        assertTrue(byCandidate.body().contains("candidate_id"), byCandidate.body());
        var get = account.get("interviews/" + one.get("id"), "");
        assertEquals(400, get.statusCode(), get.body());
        assertTrue(get.body().contains("interviewSchedule"), get.body());
    }

    @Test
    @SuppressWarnings("unchecked")
    void scorecardsNameListedInterviewsAndFilterByApplicationOnly() {
        var listed = walk("scorecards", "", 4);
        assertEquals(idSet(account.sandbox().ashby().feedback()), idSet(listed));
        assertEquals(account.sandbox().ashby().feedback().size(), listed.size());
        var interviews = idSet(walk("interviews", "", 100));
        var card = listed.get(0);
        assertTrue(interviews.contains(((Map<String, Object>) card.get("interview")).get("id")));
        assertTrue(List.of("Strong Hire", "Hire", "No Hire").contains(card.get("overall_recommendation")));
        assertEquals(3, ((List<?>) card.get("form_values")).size());

        String application = (String) ((Map<String, Object>) card.get("application")).get("id");
        var narrowed = walk("scorecards", "&application_id=" + application, 1);
        assertTrue(narrowed.stream().anyMatch(item -> item.get("id").equals(card.get("id"))));
        assertTrue(narrowed.stream().allMatch(item -> Map.of("id", application).equals(item.get("application"))));
        var byInterview = account.get("scorecards", "&interview_id=" + UUID.randomUUID());
        assertEquals(400, byInterview.statusCode(), byInterview.body());
    }

    @Test
    @SuppressWarnings("unchecked")
    void offersListOnceAndByApplication() {
        var listed = walk("offers", "", 3);
        assertEquals(idSet(account.sandbox().ashby().offers()), idSet(listed));
        assertEquals(account.sandbox().ashby().offers().size(), listed.size());
        assertTrue(listed.stream().anyMatch(one -> "signed".equals(one.get("status"))));
        String application = (String) ((Map<String, Object>) listed.get(1).get("application")).get("id");
        var narrowed = walk("offers", "&application_id=" + application, 2);
        assertEquals(List.of(listed.get(1).get("id")), narrowed.stream().map(one -> one.get("id")).toList());
    }

    @Test
    @SuppressWarnings("unchecked")
    void aMoveShowsInTheNextReadAndOneKeyMovesOnce() {
        var application = active(3);
        String target = (String) stagesOf(application).get(2).get("id");
        int before = account.sandbox().ashby().stageChanges();
        String key = UUID.randomUUID().toString();
        String body = "{\"application_id\": \"" + application.get("id") + "\", \"stage_id\": \"" + target + "\"}";
        var first = action("move-stage", body, key);
        assertEquals(200, first.statusCode(), first.body());
        assertEquals(target, ((Map<String, Object>) Harness.json(first).get("current_stage")).get("id"));
        var again = action("move-stage", body, key);
        assertEquals(200, again.statusCode(), again.body());
        assertEquals("true", again.headers().firstValue("idempotent-replayed").orElse(""));
        assertEquals(before + 1, account.sandbox().ashby().stageChanges(), "one key, one move");

        var got = ok(account.get("applications/" + application.get("id"), ""));
        assertEquals(target, ((Map<String, Object>) got.get("current_stage")).get("id"));
        assertEquals("Onsite", ((Map<String, Object>) got.get("current_stage")).get("name"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aStageOfAnotherJobIsRefusedNamingItAndNothingMoves() {
        var application = active(5);
        var otherJob = account.sandbox().ashby().jobs().stream()
                .filter(job -> !job.get("id").equals(((Map<String, Object>) application.get("job")).get("id")))
                .findFirst().orElseThrow();
        String foreign = (String) walk("job_interview_stages", "&job_id=" + otherJob.get("id"), 100).get(1).get("id");
        Object stageBefore = ((Map<String, Object>) application.get("currentInterviewStage")).get("id");
        int before = account.sandbox().ashby().stageChanges();
        var refused = action("move-stage", "{\"application_id\": \"" + application.get("id") + "\", \"stage_id\": \""
                + foreign + "\"}", UUID.randomUUID().toString());
        assertTrue(refused.statusCode() >= 400 && refused.statusCode() < 500, refused.statusCode() + " " + refused.body());
        assertTrue(refused.body().contains(foreign), refused.body());
        assertEquals(before, account.sandbox().ashby().stageChanges());
        var got = ok(account.get("applications/" + application.get("id"), ""));
        assertEquals(stageBefore, ((Map<String, Object>) got.get("current_stage")).get("id"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aRejectWithAListedReasonShowsInTheNextRead() {
        var application = active(7);
        var reason = walk("reject_reasons", "", 100).get(1);
        String archived = archivedStageOf(application);
        var body = new LinkedHashMap<String, Object>();
        body.put("application_id", application.get("id"));
        body.put("reject_reason_id", reason.get("id"));
        body.put("stage_id", archived);
        var rejected = action("reject", Json.writeString(body), UUID.randomUUID().toString());
        assertEquals(200, rejected.statusCode(), rejected.body());
        assertEquals(reason.get("id"), ((Map<String, Object>) Harness.json(rejected).get("reject_reason")).get("id"));

        var got = ok(account.get("applications/" + application.get("id"), ""));
        assertEquals(Map.of("id", reason.get("id"), "name", reason.get("name")), got.get("reject_reason"));
        assertNotNull(got.get("rejected_at"));
        assertEquals(archived, ((Map<String, Object>) got.get("current_stage")).get("id"));
    }

    @Test
    void anUnknownReasonOrAMissingArchivedStageIsRefusedAndNothingMoves() {
        var application = active(9);
        int before = account.sandbox().ashby().stageChanges();
        String unknown = UUID.randomUUID().toString();
        var body = new LinkedHashMap<String, Object>();
        body.put("application_id", application.get("id"));
        body.put("reject_reason_id", unknown);
        body.put("stage_id", archivedStageOf(application));
        var refused = action("reject", Json.writeString(body), UUID.randomUUID().toString());
        assertTrue(refused.statusCode() >= 400 && refused.statusCode() < 500, refused.statusCode() + " " + refused.body());
        assertTrue(refused.body().contains(unknown), refused.body());

        body.remove("stage_id");
        body.put("reject_reason_id", account.sandbox().ashby().archiveReasons().get(1).get("id"));
        var noStage = action("reject", Json.writeString(body), UUID.randomUUID().toString());
        assertEquals(400, noStage.statusCode(), noStage.body());
        assertTrue(noStage.body().contains("stage_id"), noStage.body());
        assertEquals(before, account.sandbox().ashby().stageChanges());
        assertEquals("Active", application.get("status"));
    }

    /** An application still active, the n-th of its kind, so each test acts on its own. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> active(int n) {
        var interviewed = new java.util.HashSet<Object>();
        account.sandbox().ashby().interviewSchedules().forEach(one -> interviewed.add(one.get("applicationId")));
        return account.sandbox().ashby().applications().stream().filter(one -> "Active".equals(one.get("status")))
                .filter(one -> !interviewed.contains(one.get("id"))).skip(n).findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> stagesOf(Map<String, Object> application) {
        Object job = ((Map<String, Object>) application.get("job")).get("id");
        return walk("job_interview_stages", "&job_id=" + job, 100);
    }

    /** The job's Archived stage, found as a caller would: the stage whose type Ashby gives as Archived. */
    @SuppressWarnings("unchecked")
    private static String archivedStageOf(Map<String, Object> application) {
        return (String) stagesOf(application).stream()
                .filter(stage -> "Archived".equals(((Map<String, Object>) stage.get("remote_data")).get("type")))
                .findFirst().orElseThrow().get("id");
    }

    private static HttpResponse<String> action(String action, String body, String key) {
        return account.post("applications/" + action, body, key);
    }

    /** Every item of a list, following next_cursor to the end; no page over the limit, no item twice. */
    static List<Map<String, Object>> walk(String resource, String filters, int limit) {
        var items = new ArrayList<Map<String, Object>>();
        for (var page : account.pages(resource, filters, limit)) {
            assertTrue(page.size() <= limit, "a page holds at most the limit");
            items.addAll(page);
        }
        assertEquals(items.size(), idSet(items).size(), resource + ": an item came twice");
        return items;
    }
}
