package dev.switchboard.integrations;

import static dev.switchboard.integrations.SandboxAccount.ids;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.Harness;
import dev.switchboard.mapping.Json;
import dev.switchboard.sandbox.WorkableSimulator;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Workable's hiring lookups (departments, disqualification reasons, a job's stages, interview
 * events, a candidate's offer) and the move and disqualify actions on a candidate, which is its
 * one job's application, through the unified API against the simulated Workable, its rate
 * limit off ({@link WorkableRateLimitTest} keeps within it).
 */
class WorkableHiringTest {

    @RegisterExtension
    static final SandboxAccount account = SandboxAccount.perClass("workable").withoutRateLimit();

    private static WorkableSimulator workable() {
        return account.sandbox().workable();
    }

    @Test
    void departmentsAreListedOnceWithTheirParent() {
        var departments = account.walk("departments", "", 2);
        assertEquals(workable().departmentIds(), ids(departments));
        var sales = departments.stream().filter(d -> "Sales".equals(d.get("name"))).findFirst().orElseThrow();
        assertEquals(Map.of("id", "3ff4d641", "name", "Commercial"), sales.get("parent"));
        assertEquals("active", sales.get("status"));
        assertNotNull(sales.get("remote_data"));
    }

    @Test
    void rejectReasonsAreTheAccountsDisqualificationReasons() {
        var reasons = account.walk("reject_reasons", "", 2);
        assertEquals(workable().reasonIds(), ids(reasons));
        assertEquals("Unsuccessful interview", reasons.get(1).get("name"));
    }

    @Test
    void aJobsStagesAreListedAndTheJobIsRequired() {
        var stages = account.walk("job_interview_stages", "&job_id=SANDB001", 2);
        assertEquals(workable().stagesOf("SANDB001"), ids(stages));
        assertEquals(Map.of("id", "SANDB001"), stages.get(3).get("job"));
        assertEquals("Technical Interview", stages.get(3).get("name"));
        assertEquals(3, ((Number) stages.get(3).get("position")).intValue());

        var jobless = account.get("job_interview_stages", "");
        assertEquals(400, jobless.statusCode(), jobless.body());
        assertTrue(jobless.body().contains("job_id"), jobless.body());
        assertEquals(404, account.get("job_interview_stages", "&job_id=NOPE0001").statusCode());
    }

    @Test
    void interviewsAreListedOnceAcrossPagesAndFilteredByCandidate() {
        var interviews = account.walk("interviews", "", 2);
        assertEquals(workable().interviewIds(), ids(interviews), "every interview once, calls left out");
        assertEquals(interviews.size(), new HashSet<>(ids(interviews)).size());
        assertTrue(interviews.stream().anyMatch(i -> "cancelled".equals(i.get("status"))));
        var first = interviews.get(0);
        String candidate = (String) ((Map<?, ?>) first.get("candidate")).get("id");
        assertEquals(Map.of("id", candidate), first.get("application"), "the application is the candidate");
        assertFalse(((List<?>) first.get("interviewers")).isEmpty());

        var filtered = account.walk("interviews", "&candidate_id=" + candidate, 1);
        assertFalse(filtered.isEmpty());
        assertTrue(filtered.stream().allMatch(i -> Map.of("id", candidate).equals(i.get("candidate"))), filtered.toString());
        assertTrue(filtered.size() < interviews.size());

        var got = account.get("interviews/" + first.get("id"), "");
        assertEquals(200, got.statusCode(), got.body());
        assertEquals(first.get("start_at"), Harness.json(got).get("start_at"));

        var byApplication = account.get("interviews", "&application_id=" + candidate);
        assertEquals(400, byApplication.statusCode(), "Workable filters events by candidate_id only");
    }

    @Test
    void aCallIsNoInterview() {
        var ids = new ArrayList<>(workable().interviewIds());
        String call = Long.toHexString(Long.parseLong(ids.get(ids.size() - 1), 16) + 1);
        assertEquals(404, account.get("interviews/" + call, "")
                .statusCode());
    }

    @Test
    void anApplicationsOfferIsItsCandidatesLatestOffer() {
        for (String candidate : workable().candidatesWithOffers()) {
            var offers = account.walk("offers", "&application_id=" + candidate, 5);
            assertEquals(1, offers.size(), offers.toString());
            assertEquals(Map.of("id", candidate), offers.get(0).get("application"));
            assertNotNull(offers.get(0).get("start_date"));
        }
        var sent = account.walk("offers", "&application_id=" + workable().candidatesWithOffers().get(1), 5).get(0);
        assertEquals("sent", sent.get("status"));
        var accepted = account.walk("offers", "&application_id=" + workable().candidatesWithOffers().get(0), 5).get(0);
        assertFalse(accepted.containsKey("status"), "accepted has no unified name: left in remote_data");

        var without = account.get("offers", "");
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
        var reason = account.walk("reject_reasons", "", 10).get(2);
        int before = workable().disqualifications();
        var rejected = act("reject", Map.of("application_id", application, "reject_reason_id", reason.get("id"),
                "note", "Budget is fixed for this role"), null);
        assertEquals(200, rejected.statusCode(), rejected.body());
        assertEquals(Map.of("id", reason.get("id")), Harness.json(rejected).get("reject_reason"));
        assertEquals(before + 1, workable().disqualifications());

        var got = Harness.json(account.get("applications/" + application, ""));
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
        var refused = account.harness().get("/unified/ats/" + resource + (id == null ? "" : id) + "?integrated_account_id="
                + account.id());
        assertEquals(400, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("workable.readme.io"), refused.body());
    }

    private static String candidate(int index) {
        return workable().candidateIds().get(index);
    }

    private static String stageOfApplication(String application) {
        var got = account.get("applications/" + application, "");
        assertEquals(200, got.statusCode(), got.body());
        return (String) ((Map<?, ?>) Harness.json(got).get("current_stage")).get("id");
    }

    private static HttpResponse<String> act(String action, Map<String, Object> body, String key) {
        return account.post("applications/" + action, Json.writeString(body), key);
    }
}
