package dev.switchboard.integrations;

import static dev.switchboard.integrations.SandboxAccount.idSet;
import static dev.switchboard.integrations.SandboxAccount.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.Harness;
import dev.switchboard.mapping.Json;
import dev.switchboard.sandbox.LeverSimulator;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Lever's hiring vocabulary and actions through the unified API, against the simulated
 * Lever: tags, archive reasons (the reject reasons), the account's stages, an opportunity's
 * interviews; moving and archiving (rejecting) an opportunity's application, once per
 * Idempotency-Key, refused for a stage or reason Lever does not have; and the lookups Lever
 * has no endpoint for answering 400 with the reason.
 */
class LeverHiringTest {

    @RegisterExtension
    static final SandboxAccount account = SandboxAccount.perClass("lever");

    @Test
    void tagsAreListedOnceEachByTheirText() {
        var listed = account.walk("tags", "", 1);
        var simulated = account.sandbox().lever().tags().stream().map(tag -> tag.get("text")).toList();
        assertTrue(simulated.size() >= 2, "the walk needs more than one page");
        assertEquals(simulated, listed.stream().map(tag -> tag.get("name")).toList());
        listed.forEach(tag -> assertEquals(tag.get("name"), tag.get("id")));
    }

    @Test
    void rejectReasonsAreTheArchiveReasonsOtherThanHired() {
        var listed = account.walk("reject_reasons", "", 2);
        var rejections = account.sandbox().lever().archiveReasons().stream().filter(reason -> !"hired".equals(reason.get("type")))
                .toList();
        assertEquals(idSet(rejections), idSet(listed));
        assertEquals(rejections.size(), listed.size());
        assertFalse(listed.stream().anyMatch(reason -> "Hired".equals(reason.get("name"))));
    }

    @Test
    void stagesAreTheAccountsAndTakeNoJob() {
        var listed = account.walk("job_interview_stages", "", 2);
        assertEquals(idSet(account.sandbox().lever().stages()), idSet(listed));
        assertEquals(account.sandbox().lever().stages().size(), listed.size());
        listed.forEach(stage -> assertNull(stage.get("job"), stage.toString()));
        var byJob = account.get("job_interview_stages", "&job_id=" + account.sandbox().lever().postings().get(0).get("id"));
        assertEquals(400, byJob.statusCode(), byJob.body());
        assertTrue(byJob.body().contains("job_id"), byJob.body());
        var offer = ok(account.get("job_interview_stages/offer", ""));
        assertEquals("Offer", offer.get("name"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void interviewsOfACandidateAreListedOnceAndReadOneByOne() {
        String candidate = "&candidate_id=" + LeverSimulator.OPPORTUNITY_ID;
        var listed = account.walk("interviews", candidate, 1);
        var simulated = account.sandbox().lever().interviewsOf(LeverSimulator.OPPORTUNITY_ID);
        assertEquals(idSet(simulated), idSet(listed));
        assertEquals(simulated.size(), listed.size());
        // Past interviews (the simulated ones are in January 2026): with feedback, without, and cancelled.
        assertEquals(List.of("completed", "awaiting_feedback", "cancelled"),
                listed.stream().map(one -> one.get("status")).toList());
        var first = listed.get(0);
        assertEquals(Map.of("id", LeverSimulator.OPPORTUNITY_ID), first.get("candidate"));
        assertEquals(1, ((List<Object>) first.get("interviewers")).size());
        var got = ok(account.get("interviews/" + first.get("id"), candidate));
        assertEquals(first.get("start_at"), got.get("start_at"));
        assertEquals(first.get("end_at"), got.get("end_at"));

        var noCandidate = account.get("interviews", "");
        assertEquals(400, noCandidate.statusCode(), noCandidate.body());
        assertTrue(noCandidate.body().contains("candidate_id"), noCandidate.body());
        var byApplication = account.get("interviews", candidate + "&application_id=x");
        assertEquals(400, byApplication.statusCode(), byApplication.body());
        assertTrue(byApplication.body().contains("application_id"), byApplication.body());
    }

    @Test
    @SuppressWarnings("unchecked")
    void aMoveShowsInTheApplicationReadAfterIt() {
        String candidate = candidate(11);
        String application = applicationOf(candidate);
        var moved = act("move-stage", Map.of("application_id", application, "candidate_id", candidate,
                "stage_id", "offer", "user_id", LeverSimulator.OTHER_USER), null);
        assertEquals(200, moved.statusCode(), moved.body());
        var answer = Harness.json(moved);
        assertEquals(application, answer.get("id"));
        assertEquals("offer", ((Map<String, Object>) answer.get("current_stage")).get("id"));
        var got = ok(account.get("applications/" + application, "&candidate_id=" + candidate));
        assertEquals("offer", ((Map<String, Object>) got.get("current_stage")).get("id"));
        var opportunity = opportunity(candidate);
        var changes = (List<Map<String, Object>>) opportunity.get("stageChanges");
        assertEquals(LeverSimulator.OTHER_USER, changes.get(changes.size() - 1).get("userId"));
    }

    @Test
    void oneIdempotencyKeyMovesOnce() {
        String candidate = candidate(12);
        String application = applicationOf(candidate);
        String key = UUID.randomUUID().toString();
        int before = account.sandbox().lever().stageMoves();
        var body = Map.<String, Object>of("application_id", application, "candidate_id", candidate,
                "stage_id", "applicant-new");
        var first = act("move-stage", body, key);
        var again = act("move-stage", body, key);
        assertEquals(200, first.statusCode(), first.body());
        assertEquals(200, again.statusCode(), again.body());
        assertEquals("true", again.headers().firstValue("idempotent-replayed").orElse(""));
        assertEquals(first.body(), again.body());
        assertEquals(before + 1, account.sandbox().lever().stageMoves());
    }

    @Test
    @SuppressWarnings("unchecked")
    void aMoveWhoseAnswerIsLostIsReadBackAndNotSentAgain() {
        String candidate = candidate(16);
        String application = applicationOf(candidate);
        int before = account.sandbox().lever().stageMoves();
        account.sandbox().lever().loseNextActionAnswer();
        var moved = act("move-stage", Map.of("application_id", application, "candidate_id", candidate,
                "stage_id", "lead-reached-out"), UUID.randomUUID().toString());
        assertEquals(200, moved.statusCode(), moved.body());
        assertEquals("true", moved.headers().firstValue("x-switchboard-recovered").orElse(""));
        assertEquals("lead-reached-out", ((Map<String, Object>) Harness.json(moved).get("current_stage")).get("id"));
        assertEquals(before + 1, account.sandbox().lever().stageMoves());
    }

    @Test
    @SuppressWarnings("unchecked")
    void aRejectionWithAListedReasonShowsInTheApplication() {
        String candidate = candidate(13);
        String application = applicationOf(candidate);
        String reason = (String) account.walk("reject_reasons", "", 100).get(1).get("id");
        var rejected = act("reject", Map.of("application_id", application, "candidate_id", candidate,
                "reject_reason_id", reason), UUID.randomUUID().toString());
        assertEquals(200, rejected.statusCode(), rejected.body());
        assertEquals(reason, ((Map<String, Object>) Harness.json(rejected).get("reject_reason")).get("id"));
        var got = ok(account.get("applications/" + application, "&candidate_id=" + candidate));
        assertEquals(reason, ((Map<String, Object>) got.get("reject_reason")).get("id"));
        assertTrue(got.get("rejected_at") instanceof String, got.toString());
    }

    @Test
    void aStageOrReasonLeverDoesNotHaveIsRefusedAndNothingChanges() {
        String candidate = candidate(14);
        String application = applicationOf(candidate);
        Object stageBefore = opportunity(candidate).get("stage");
        int moves = account.sandbox().lever().stageMoves();
        int archivings = account.sandbox().lever().archivings();
        String stage = UUID.randomUUID().toString();
        var badStage = act("move-stage", Map.of("application_id", application, "candidate_id", candidate,
                "stage_id", stage), UUID.randomUUID().toString());
        assertEquals(400, badStage.statusCode(), badStage.body());
        assertTrue(badStage.body().contains(stage), badStage.body());
        String reason = UUID.randomUUID().toString();
        var badReason = act("reject", Map.of("application_id", application, "candidate_id", candidate,
                "reject_reason_id", reason), null);
        assertEquals(400, badReason.statusCode(), badReason.body());
        assertTrue(badReason.body().contains(reason), badReason.body());
        assertEquals(moves, account.sandbox().lever().stageMoves());
        assertEquals(archivings, account.sandbox().lever().archivings());
        assertEquals(stageBefore, opportunity(candidate).get("stage"));
        assertNull(opportunity(candidate).get("archived"));
    }

    @Test
    void anActionNeedsTheCandidateLeverActsOn() {
        var noCandidate = act("move-stage", Map.of("application_id", applicationOf(candidate(15)), "stage_id", "offer"),
                null);
        assertEquals(400, noCandidate.statusCode(), noCandidate.body());
        assertTrue(noCandidate.body().contains("candidate_id"), noCandidate.body());
    }

    @Test
    void lookupsLeverHasNoEndpointForSaySo() {
        for (String resource : List.of("departments", "offices")) {
            var answer = account.get(resource, "");
            assertEquals(400, answer.statusCode(), answer.body());
            assertTrue(answer.body().contains(resource), answer.body());
            assertTrue(answer.body().contains("hire.lever.co/developer/documentation"), answer.body());
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void anOpportunitysFeedbackAndOffersAreItsScorecardsAndOffers() {
        String candidate = LeverSimulator.OPPORTUNITY_ID;
        var scorecards = account.walk("scorecards", "&candidate_id=" + candidate, 1);
        assertEquals(1, scorecards.size(), scorecards.toString());
        var scorecard = scorecards.get(0);
        // The feedback is on the interview that lists it as submitted, given by its first interviewer.
        var completed = account.sandbox().lever().interviewsOf(candidate).get(0);
        assertEquals(((List<?>) completed.get("feedbackForms")).get(0), scorecard.get("id"));
        assertEquals(Map.of("id", completed.get("id")), scorecard.get("interview"));
        assertEquals(Map.of("id", ((List<Map<String, Object>>) completed.get("interviewers")).get(0).get("id")),
                scorecard.get("interviewer"));
        assertEquals("3 - Hire", scorecard.get("overall_recommendation"));
        assertEquals(Map.of("name", "notes", "label", "Notes", "description", "What stood out",
                "value", "Clear about trade-offs."), ((List<Object>) scorecard.get("form_values")).get(1));
        var interviews = idSet(account.walk("interviews", "&candidate_id=" + candidate, 100));
        assertTrue(interviews.contains(completed.get("id")), "the scorecard's interview is listed");

        var offers = account.walk("offers", "&candidate_id=" + candidate, 1);
        assertEquals(1, offers.size(), offers.toString());
        assertEquals("sent", offers.get(0).get("status"));
        assertEquals(Map.of("id", account.sandbox().lever().applicationsOf(candidate).get(0).get("posting")),
                offers.get(0).get("job"));
        assertNotNull(offers.get(0).get("start_date"));

        // Neither list is filtered by application at Lever: asked to, it refuses rather than ignores.
        var byApplication = account.get("offers", "&candidate_id=" + candidate + "&application_id="
                + applicationOf(candidate));
        assertEquals(400, byApplication.statusCode(), byApplication.body());
        assertEquals(400, account.get("scorecards", "").statusCode(), "candidate_id is required");
    }

    private static String candidate(int index) {
        return (String) account.sandbox().lever().opportunities().get(index).get("id");
    }

    private static String applicationOf(String candidate) {
        return (String) account.sandbox().lever().applicationsOf(candidate).get(0).get("id");
    }

    private static Map<String, Object> opportunity(String id) {
        return account.sandbox().lever().opportunities().stream().filter(one -> one.get("id").equals(id)).findFirst().orElseThrow();
    }

    private static HttpResponse<String> act(String action, Map<String, Object> body, String key) {
        return account.post("applications/" + action, Json.writeString(body), key);
    }
}
