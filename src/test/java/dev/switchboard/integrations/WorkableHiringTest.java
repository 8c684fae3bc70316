package dev.switchboard.integrations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.Harness;
import dev.switchboard.sandbox.Sandbox;
import dev.switchboard.sandbox.WorkableSimulator;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Workable's hiring lookups (departments, disqualification reasons, a job's stages, interview
 * events, a candidate's offer) and the move and disqualify actions on a candidate, which is its
 * one job's application, through the unified API against the simulated Workable.
 */
class WorkableHiringTest {

    static Sandbox sandbox;
    static Harness harness;
    static String account;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start();
        harness = Harness.start();
        account = harness.demoAccounts(sandbox).get("workable");
    }

    @AfterAll
    static void stop() {
        harness.close();
        sandbox.close();
    }

    private static WorkableSimulator workable() {
        return sandbox.workable();
    }

    @Test
    void departmentsAreListedOnceWithTheirParent() {
        var departments = walk("departments", "", 2);
        assertEquals(workable().departmentIds(), ids(departments));
        var sales = departments.stream().filter(d -> "Sales".equals(d.get("name"))).findFirst().orElseThrow();
        assertEquals(Map.of("id", "3ff4d641", "name", "Commercial"), sales.get("parent"));
        assertEquals("active", sales.get("status"));
        assertNotNull(sales.get("remote_data"));
    }

    @Test
    void rejectReasonsAreTheAccountsDisqualificationReasons() {
        var reasons = walk("reject_reasons", "", 2);
        assertEquals(workable().reasonIds(), ids(reasons));
        assertEquals("Unsuccessful interview", reasons.get(1).get("name"));
    }

    @Test
    void aJobsStagesAreListedAndTheJobIsRequired() {
        var stages = walk("job_interview_stages", "&job_id=SANDB001", 2);
        assertEquals(workable().stagesOf("SANDB001"), ids(stages));
        assertEquals(Map.of("id", "SANDB001"), stages.get(3).get("job"));
        assertEquals("Technical Interview", stages.get(3).get("name"));
        assertEquals(3, ((Number) stages.get(3).get("position")).intValue());

        var jobless = harness.get("/unified/ats/job_interview_stages?integrated_account_id=" + account);
        assertEquals(400, jobless.statusCode(), jobless.body());
        assertTrue(jobless.body().contains("job_id"), jobless.body());
        assertEquals(404, harness.get("/unified/ats/job_interview_stages?integrated_account_id=" + account
                + "&job_id=NOPE0001").statusCode());
    }

    @Test
    void interviewsAreListedOnceAcrossPagesAndFilteredByCandidate() {
        var interviews = walk("interviews", "", 2);
        assertEquals(workable().interviewIds(), ids(interviews), "every interview once, calls left out");
        assertEquals(interviews.size(), new HashSet<>(ids(interviews)).size());
        assertTrue(interviews.stream().anyMatch(i -> "cancelled".equals(i.get("status"))));
        var first = interviews.get(0);
        String candidate = (String) ((Map<?, ?>) first.get("candidate")).get("id");
        assertEquals(Map.of("id", candidate), first.get("application"), "the application is the candidate");
        assertFalse(((List<?>) first.get("interviewers")).isEmpty());

        var filtered = walk("interviews", "&candidate_id=" + candidate, 1);
        assertFalse(filtered.isEmpty());
        assertTrue(filtered.stream().allMatch(i -> Map.of("id", candidate).equals(i.get("candidate"))), filtered.toString());
        assertTrue(filtered.size() < interviews.size());

        var got = harness.get("/unified/ats/interviews/" + first.get("id") + "?integrated_account_id=" + account);
        assertEquals(200, got.statusCode(), got.body());
        assertEquals(first.get("start_at"), Harness.json(got).get("start_at"));

        var byApplication = harness.get("/unified/ats/interviews?integrated_account_id=" + account
                + "&application_id=" + candidate);
        assertEquals(400, byApplication.statusCode(), "Workable filters events by candidate_id only");
    }

    @Test
    void aCallIsNoInterview() {
        var ids = new ArrayList<>(workable().interviewIds());
        String call = Long.toHexString(Long.parseLong(ids.get(ids.size() - 1), 16) + 1);
        assertEquals(404, harness.get("/unified/ats/interviews/" + call + "?integrated_account_id=" + account)
                .statusCode());
    }

    @Test
    void anApplicationsOfferIsItsCandidatesLatestOffer() {
        for (String candidate : workable().candidatesWithOffers()) {
            var offers = walk("offers", "&application_id=" + candidate, 5);
            assertEquals(1, offers.size(), offers.toString());
            assertEquals(Map.of("id", candidate), offers.get(0).get("application"));
            assertNotNull(offers.get(0).get("start_date"));
        }
        var sent = walk("offers", "&application_id=" + workable().candidatesWithOffers().get(1), 5).get(0);
        assertEquals("sent", sent.get("status"));
        var accepted = walk("offers", "&application_id=" + workable().candidatesWithOffers().get(0), 5).get(0);
        assertFalse(accepted.containsKey("status"), "accepted has no unified name: left in remote_data");

        var without = harness.get("/unified/ats/offers?integrated_account_id=" + account);
        assertEquals(400, without.statusCode(), without.body());
        assertTrue(without.body().contains("application_id"), without.body());
    }

    @Test
    void aMoveIsShownByTheNextGet() {
        String application = candidate(10);
        String job = workable().jobOf(application);
        String target = workable().stagesOf(job).get(3);
        int before = workable().moves();
        var moved = act("move-stage", Map.of("application_id", application, "stage_id", target), null);
        assertEquals(200, moved.statusCode(), moved.body());
        assertEquals(Map.of("id", target), Harness.json(moved).get("current_stage"));
        assertEquals(before + 1, workable().moves());
        assertEquals(target, stageOfApplication(application));
    }

    @Test
    void oneIdempotencyKeyMovesOnce() {
        String application = candidate(11);
        String target = workable().stagesOf(workable().jobOf(application)).get(2);
        int before = workable().moves();
        var body = Map.<String, Object>of("application_id", application, "stage_id", target);
        var first = act("move-stage", body, "workable-move-once");
        var second = act("move-stage", body, "workable-move-once");
        assertEquals(200, first.statusCode(), first.body());
        assertEquals(200, second.statusCode(), second.body());
        assertEquals("true", second.headers().firstValue("idempotent-replayed").orElse(""));
        assertEquals(first.body(), second.body());
        assertEquals(before + 1, workable().moves(), "moved once for one key");
        assertEquals(target, stageOfApplication(application));
    }

    @Test
    void aMoveWhoseAnswerWasLostIsSettledByReadingTheApplicationBack() {
        String application = candidate(17);
        String target = workable().stagesOf(workable().jobOf(application)).get(5);
        int before = workable().moves();
        workable().failNextActionAfterWriting();
        var moved = act("move-stage", Map.of("application_id", application, "stage_id", target), "workable-lost-move");
        assertEquals(200, moved.statusCode(), moved.body());
        assertEquals("true", moved.headers().firstValue("x-switchboard-recovered").orElse(""), moved.headers().map().toString());
        assertEquals(target, ((Map<?, ?>) Harness.json(moved).get("current_stage")).get("id"));
        assertEquals(before + 1, workable().moves(), "read back, not sent again");
    }

    @Test
    void aRejectionWhoseAnswerWasLostStaysUnknownAndIsNotSentAgain() {
        // Workable shows a disqualified candidate's reason as text only, so the read-back cannot
        // confirm the reason's id: the outcome is reported unknown rather than guessed or retried.
        String application = candidate(18);
        int before = workable().disqualifications();
        workable().failNextActionAfterWriting();
        var rejected = act("reject", Map.of("application_id", application, "reject_reason_id",
                workable().reasonIds().get(1)), "workable-lost-reject");
        assertEquals(502, rejected.statusCode(), rejected.body());
        assertTrue(rejected.body().contains("\"outcome\":\"unknown\""), rejected.body());
        assertEquals(before + 1, workable().disqualifications(), "never sent twice");
    }

    @ParameterizedTest
    @CsvSource({"role-play", "no-such-stage"})
    void aStageOutsideTheApplicationsJobIsRefusedNamingItAndNothingMoves(String stage) {
        String application = candidate(12); // in SANDB001, whose pipeline has no role-play
        assertEquals("SANDB001", workable().jobOf(application));
        String stageBefore = workable().stageOf(application);
        int before = workable().moves();
        var refused = act("move-stage", Map.of("application_id", application, "stage_id", stage), null);
        assertEquals(422, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains(stage), refused.body());
        assertEquals(before, workable().moves());
        assertEquals(stageBefore, workable().stageOf(application));
    }

    @Test
    void aMoveAsAnotherListedMemberAndAsAnUnknownOne() {
        String application = candidate(13);
        String target = workable().stagesOf(workable().jobOf(application)).get(4);
        var asOther = act("move-stage", Map.of("application_id", application, "stage_id", target,
                "user_id", WorkableSimulator.OTHER_MEMBER_ID), null);
        assertEquals(200, asOther.statusCode(), asOther.body());
        int before = workable().moves();
        var unknown = act("move-stage", Map.of("application_id", application, "stage_id", "applied",
                "user_id", "ffffffff"), null);
        assertEquals(422, unknown.statusCode(), unknown.body());
        assertTrue(unknown.body().contains("member_id"), unknown.body());
        assertEquals(before, workable().moves());
    }

    @Test
    void aRejectionWithAListedReasonIsShownByTheNextGet() {
        String application = candidate(14);
        var reason = walk("reject_reasons", "", 10).get(2);
        int before = workable().disqualifications();
        var rejected = act("reject", Map.of("application_id", application, "reject_reason_id", reason.get("id"),
                "note", "Budget is fixed for this role"), null);
        assertEquals(200, rejected.statusCode(), rejected.body());
        assertEquals(Map.of("id", reason.get("id")), Harness.json(rejected).get("reject_reason"));
        assertEquals(before + 1, workable().disqualifications());

        var got = Harness.json(harness.get("/unified/ats/applications/" + application + "?integrated_account_id=" + account));
        assertEquals(Map.of("name", reason.get("name")), got.get("reject_reason"), "Workable shows the reason's text");
        assertNotNull(got.get("rejected_at"));
        assertEquals(reason.get("name"), workable().disqualificationOf(application));
    }

    @Test
    void anUnknownReasonIsRefusedNamingItAndNothingChanges() {
        String application = candidate(15);
        int before = workable().disqualifications();
        var refused = act("reject", Map.of("application_id", application, "reject_reason_id", "0bad0bad"), null);
        assertEquals(422, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("0bad0bad"), refused.body());
        assertEquals(before, workable().disqualifications());
        assertNull(workable().disqualificationOf(application));

        var noReason = act("reject", Map.of("application_id", application), null);
        assertEquals(400, noReason.statusCode(), noReason.body());
        assertTrue(noReason.body().contains("reject_reason_id"), noReason.body());
        assertEquals(before, workable().disqualifications(), "nothing sent");
    }

    @Test
    void fieldsWorkableDoesNotTakeAreNotSent() {
        String application = candidate(16);
        var rejected = act("reject", Map.of("application_id", application, "reject_reason_id", workable().reasonIds().get(0),
                "send_email", true), null);
        assertEquals(200, rejected.statusCode(), rejected.body());
        assertTrue(rejected.headers().firstValue("x-switchboard-ignored-fields").orElse("").contains("send_email"),
                rejected.headers().map().toString());
    }

    @ParameterizedTest
    @CsvSource({"offices,", "tags,", "scorecards,", "departments,/3ff4d641", "job_interview_stages,/applied"})
    void whatWorkableDoesNotDocumentIsRefusedWithTheReason(String resource, String id) {
        var refused = harness.get("/unified/ats/" + resource + (id == null ? "" : id) + "?integrated_account_id="
                + account);
        assertEquals(400, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("workable.readme.io"), refused.body());
    }

    private static String candidate(int index) {
        return workable().candidateIds().get(index);
    }

    private static String stageOfApplication(String application) {
        var got = harness.get("/unified/ats/applications/" + application + "?integrated_account_id=" + account);
        assertEquals(200, got.statusCode(), got.body());
        return (String) ((Map<?, ?>) Harness.json(got).get("current_stage")).get("id");
    }

    private static HttpResponse<String> act(String action, Map<String, Object> body, String key) {
        var headers = new LinkedHashMap<String, String>(Map.of("Authorization", "Bearer " + Harness.TOKEN));
        if (key != null) {
            headers.put("Idempotency-Key", key);
        }
        return harness.send("POST", "/unified/ats/applications/" + action + "?integrated_account_id=" + account,
                dev.switchboard.mapping.Json.writeString(body), headers);
    }

    private static List<Object> ids(List<Map<String, Object>> items) {
        return items.stream().map(item -> item.get("id")).toList();
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
