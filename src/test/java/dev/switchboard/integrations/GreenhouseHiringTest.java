package dev.switchboard.integrations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.Harness;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Greenhouse Harvest v3's hiring lookups and application actions through the unified API, against
 * the simulated Greenhouse: every lookup lists the simulation's records once across small pages,
 * a move or a rejection shows in the next read of the application, one Idempotency-Key moves once,
 * and Greenhouse's refusals (a stage of another job, an unknown reason, a second rejection, a
 * move from a stage it is not in) come back as 422s naming the field, with nothing changed.
 */
class GreenhouseHiringTest {

    @RegisterExtension
    static final SandboxAccount account = SandboxAccount.perClass("greenhouse");

    @Test
    void everyLookupListsEachSimulatedRecordOnceAcrossPages() {
        var lookups = new LinkedHashMap<String, String>();
        lookups.put("departments", "departments");
        lookups.put("offices", "offices");
        lookups.put("tags", "tags");
        lookups.put("reject_reasons", "rejection_reasons");
        lookups.put("job_interview_stages", "job_stages");
        lookups.put("interviews", "interviews");
        lookups.put("offers", "offers");
        lookups.put("scorecards", "scorecards");
        for (var lookup : lookups.entrySet()) {
            List<String> world = ids(account.sandbox().greenhouse().records(lookup.getValue()));
            assertTrue(world.size() >= 2, lookup + " has records to page through: " + world);
            var listed = account.walk(lookup.getKey(), "", 2);
            assertEquals(world, ids(listed), lookup.getKey() + ": each record once, in Greenhouse's order");
            assertEquals(world.size(), new HashSet<>(ids(listed)).size());
            listed.forEach(item -> assertTrue(item.get("remote_data") instanceof Map, item.toString()));
        }
    }

    @Test
    void lookupsCarryTheirFieldsAndFilters() {
        var stages = account.walk("job_interview_stages", "&job_id=6405", 3);
        assertEquals(List.of("64050", "64051", "64052", "64053"), ids(stages));
        assertEquals(Map.of("id", "6405"), stages.get(0).get("job"));
        assertEquals("Application Review", stages.get(0).get("name"));
        assertEquals(0, ((Number) stages.get(0).get("position")).intValue());
        assertEquals("active", stages.get(0).get("status"));

        var hatch = Harness.json(account.get("departments/25909", ""));
        assertEquals("Hatch Maintenance", hatch.get("name"));
        assertEquals(Map.of("id", "25908"), hatch.get("parent"));
        var utica = Harness.json(account.get("offices/50891", ""));
        assertEquals("Utica, New York, United States", utica.get("location"));
        var stage = Harness.json(account.get("job_interview_stages/64052", ""));
        assertEquals("Face to Face", stage.get("name"));

        var interview = account.sandbox().greenhouse().records("interviews").get(0);
        String application = String.valueOf(interview.get("application_id"));
        var ofApplication = account.walk("interviews", "&application_id=" + application, 100);
        assertEquals(List.of(String.valueOf(interview.get("id"))), ids(ofApplication));
        var one = ofApplication.get(0);
        assertEquals(Map.of("id", application), one.get("application"));
        assertEquals(List.of(Map.of("id", "4080")), one.get("interviewers"));
        assertEquals(Map.of("id", "4082"), one.get("organizer"));
        assertEquals("completed", one.get("status"));
        assertTrue(((String) one.get("start_at")).endsWith("Z"), one.toString());
        var got = Harness.json(account.get("interviews/" + interview.get("id"), ""));
        assertEquals(one.get("start_at"), got.get("start_at"));

        var scorecards = account.walk("scorecards", "&application_id=" + application, 100);
        assertEquals(1, scorecards.size(), scorecards.toString());
        assertEquals(Map.of("id", String.valueOf(interview.get("id"))), scorecards.get(0).get("interview"));
        assertEquals(Map.of("id", "4080"), scorecards.get(0).get("interviewer"));
        assertFalse(((List<?>) scorecards.get(0).get("form_values")).isEmpty());

        var offer = account.sandbox().greenhouse().records("offers").get(0);
        var offers = account.walk("offers", "&application_id=" + offer.get("application_id"), 100);
        assertEquals(List.of(String.valueOf(offer.get("id"))), ids(offers));
        assertEquals(offer.get("starts_at"), offers.get(0).get("start_date"));
        assertEquals(offer.get("sent_at") + "T00:00:00.000Z", offers.get(0).get("sent_at"));
    }

    @Test
    void aFilterGreenhouseCannotApplyIsRefused() {
        var byCandidate = account.get("interviews", "&candidate_id=53883394");
        assertEquals(400, byCandidate.statusCode(), byCandidate.body());
        assertTrue(byCandidate.body().contains("candidate_id"), byCandidate.body());
        var byInterview = account.get("scorecards", "&interview_id=1");
        assertEquals(400, byInterview.statusCode(), byInterview.body());
        assertTrue(byInterview.body().contains("interview_id"), byInterview.body());
    }

    @Test
    void aMoveShowsInTheNextReadAndOneKeyMovesOnce() {
        var application = active(0);
        String id = String.valueOf(application.get("id"));
        String from = stageOf(id);
        String to = otherStage(application, from);
        int before = account.sandbox().greenhouse().moves();
        String key = UUID.randomUUID().toString();
        // The stage it moves from, which Greenhouse requires, is read by Switchboard first.
        String body = "{\"application_id\": \"" + id + "\", \"stage_id\": \"" + to + "\"}";
        var moved = action("move-stage", body, key);
        assertEquals(200, moved.statusCode(), moved.body());
        assertEquals(id, Harness.json(moved).get("id"));
        assertEquals(Map.of("id", to), Harness.json(moved).get("current_stage"));
        assertEquals(to, stageOf(id));
        var got = Harness.json(account.get("applications/" + id, ""));
        assertEquals(to, ((Map<?, ?>) got.get("current_stage")).get("id"));
        assertTrue(((Map<?, ?>) got.get("current_stage")).get("name") instanceof String, got.toString());

        var again = action("move-stage", body, key);
        assertEquals(200, again.statusCode(), again.body());
        assertEquals("true", again.headers().firstValue("idempotent-replayed").orElse(""));
        assertEquals(before + 1, account.sandbox().greenhouse().moves(), "one key, one move");
    }

    @Test
    void aStageOfAnotherJobOrAStaleFromStageIsRefusedAndNothingMoves() {
        var application = active(1);
        String id = String.valueOf(application.get("id"));
        String from = stageOf(id);
        String otherJob = String.valueOf(application.get("job_id")).equals("6404") ? "6405" : "6404";
        String foreign = otherJob + "2";
        int before = account.sandbox().greenhouse().moves();
        var refused = action("move-stage", "{\"application_id\": \"" + id + "\", \"stage_id\": \"" + foreign
                + "\"}", UUID.randomUUID().toString());
        assertEquals(422, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains(foreign) && refused.body().contains("to_stage_id"), refused.body());
        assertTrue(refused.body().contains("\"truto_is_remote_error\":true"), refused.body());

        // A from_stage_id the caller sends in remote_data wins over the one read: a stale one is refused.
        String other = otherStage(application, from);
        var stale = action("move-stage", "{\"application_id\": \"" + id + "\", \"stage_id\": \"" + other
                + "\", \"remote_data\": {\"from_stage_id\": " + other + "}}", null);
        assertEquals(422, stale.statusCode(), stale.body());
        assertTrue(stale.body().contains("from_stage_id"), stale.body());

        var missing = action("move-stage", "{\"application_id\": \"" + id + "\"}", null);
        assertEquals(400, missing.statusCode(), missing.body());
        assertTrue(missing.body().contains("stage_id"), missing.body());
        assertEquals(before, account.sandbox().greenhouse().moves(), "nothing moved");
        assertEquals(from, stageOf(id));
    }

    @Test
    void aRejectionWithAListedReasonShowsInTheNextReadAndCannotBeRepeated() {
        var reasons = account.walk("reject_reasons", "", 100);
        String reason = (String) reasons.get(1).get("id");
        String id = String.valueOf(active(2).get("id"));
        var rejected = action("reject", "{\"application_id\": \"" + id + "\", \"reject_reason_id\": \"" + reason
                + "\", \"note\": \"Not this time\", \"send_email\": false}", UUID.randomUUID().toString());
        assertEquals(200, rejected.statusCode(), rejected.body());
        assertEquals(Map.of("id", reason), Harness.json(rejected).get("reject_reason"));
        var got = Harness.json(account.get("applications/" + id, ""));
        assertEquals(reason, ((Map<?, ?>) got.get("reject_reason")).get("id"));
        assertEquals(reasons.get(1).get("name"), ((Map<?, ?>) got.get("reject_reason")).get("name"));
        assertTrue(got.get("rejected_at") instanceof String, got.toString());

        int before = account.sandbox().greenhouse().rejections();
        var twice = action("reject", "{\"application_id\": \"" + id + "\", \"reject_reason_id\": \"" + reason + "\"}", null);
        assertEquals(422, twice.statusCode(), twice.body());
        assertTrue(twice.body().contains("rejected"), twice.body());
        assertEquals(before, account.sandbox().greenhouse().rejections());
    }

    @Test
    void anUnknownReasonOrAnEmailWithoutTemplateIsRefusedAndNothingIsRejected() {
        String id = String.valueOf(active(3).get("id"));
        int before = account.sandbox().greenhouse().rejections();
        var unknown = action("reject", "{\"application_id\": \"" + id + "\", \"reject_reason_id\": \"999\"}", null);
        assertEquals(422, unknown.statusCode(), unknown.body());
        assertTrue(unknown.body().contains("rejection_reason_id 999"), unknown.body());
        var noTemplate = action("reject", "{\"application_id\": \"" + id + "\", \"reject_reason_id\": \"262\","
                + " \"send_email\": true}", null);
        assertEquals(422, noTemplate.statusCode(), noTemplate.body());
        assertTrue(noTemplate.body().contains("email_template_id"), noTemplate.body());
        assertEquals(before, account.sandbox().greenhouse().rejections());
        assertEquals("active", account.sandbox().greenhouse().application(id).get("status"));

        var templated = action("reject", "{\"application_id\": \"" + id + "\", \"reject_reason_id\": \"262\","
                + " \"send_email\": true, \"email_template_id\": \"42\"}", null);
        assertEquals(200, templated.statusCode(), templated.body());
        assertEquals(before + 1, account.sandbox().greenhouse().rejections());
    }

    /**
     * The bodies sent for documented requests, by dry run (after a first call has fetched the
     * account's token): v1's "Move Application (Same Job)" and "Reject Application" examples
     * (grnhse/greenhouse-api-docs, source/includes/harvest/_applications.md), which v3 keeps
     * (harvestdocs.greenhouse.io/reference/post_v3-applications-id-move, /post_v3-applications-id-reject).
     */
    @Test
    @SuppressWarnings("unchecked")
    void theBodiesSentAreTheDocumentedOnes() {
        assertEquals(200, account.get("reject_reasons", "").statusCode());
        var move = account.harness().post(account.path("applications/move-stage", "&switchboard_dry_run=true"),
                "{\"application_id\": \"48206478\", \"stage_id\": \"2\","
                + " \"remote_data\": {\"from_stage_id\": 1}}");
        assertEquals(200, move.statusCode(), move.body());
        var sent = (Map<String, Object>) Harness.json(move).get("request");
        assertEquals("POST", sent.get("method"));
        assertTrue(((String) sent.get("url")).endsWith("/v3/applications/48206478/move"), sent.toString());
        assertEquals(Map.of("from_stage_id", 1, "to_stage_id", 2), sent.get("body"));

        var reject = account.harness().post(account.path("applications/reject", "&switchboard_dry_run=true"),
                "{\"application_id\": \"985314\", \"reject_reason_id\": \"815\","
                + " \"note\": \"The prospect is not qualified for this position.\", \"email_template_id\": \"42\","
                + " \"remote_data\": {\"rejection_email\": {\"send_email_at\": \"2014-03-26T20:11:39Z\"}}}");
        assertEquals(200, reject.statusCode(), reject.body());
        sent = (Map<String, Object>) Harness.json(reject).get("request");
        assertTrue(((String) sent.get("url")).endsWith("/v3/applications/985314/reject"), sent.toString());
        assertEquals(Map.of("rejection_reason_id", 815, "notes", "The prospect is not qualified for this position.",
                "rejection_email", Map.of("send_email_at", "2014-03-26T20:11:39Z", "email_template_id", 42)), sent.get("body"));
    }

    @Test
    void metaNamesWhatEachActionTakes() {
        var move = account.harness().get("/unified/ats/applications/greenhouse/meta/move-stage");
        assertEquals(200, move.statusCode(), move.body());
        assertTrue(move.body().contains("stage_id"), move.body());
        var reject = account.harness().get("/unified/ats/applications/greenhouse/meta/reject");
        assertEquals(200, reject.statusCode(), reject.body());
        assertTrue(reject.body().contains("email_template_id"), reject.body());
    }

    /** The n-th active application of the simulated world, as Greenhouse holds it now. */
    private static Map<String, Object> active(int n) {
        return account.sandbox().greenhouse().records("applications").stream()
                .filter(a -> "active".equals(a.get("status"))).skip(10L * n).findFirst().orElseThrow();
    }

    private static String stageOf(String application) {
        return String.valueOf(((Map<?, ?>) account.sandbox().greenhouse().application(application).get("current_stage")).get("id"));
    }

    /** Another stage of the application's job, as the unified stages list shows them. */
    private static String otherStage(Map<String, Object> application, String current) {
        return ids(account.walk("job_interview_stages", "&job_id=" + application.get("job_id"), 100)).stream()
                .filter(stage -> !stage.equals(current)).findFirst().orElseThrow();
    }

    private static HttpResponse<String> action(String action, String body, String key) {
        return account.post("applications/" + action, body, key);
    }

    static List<String> ids(List<Map<String, Object>> items) {
        return items.stream().map(item -> String.valueOf(item.get("id"))).toList();
    }
}
