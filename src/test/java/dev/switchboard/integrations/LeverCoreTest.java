package dev.switchboard.integrations;

import static dev.switchboard.integrations.SandboxAccount.idSet;
import static dev.switchboard.integrations.SandboxAccount.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.Harness;
import dev.switchboard.sandbox.LeverSimulator;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Lever's opportunities (the unified candidate), their applications, postings (jobs) and
 * users through the unified API, against the simulated Lever's world: lists paged by the
 * opaque offset, applications read per opportunity, perform_as on writes.
 */
class LeverCoreTest {

    static final String IGNORED = dev.switchboard.unified.UnifiedPipeline.IGNORED_FIELDS_HEADER;

    @RegisterExtension
    static final SandboxAccount account = SandboxAccount.perClass("lever");

    @Test
    void everyCandidateComesBackExactlyOnceAtLimitSevenAndAHundred() {
        Set<Object> world = idSet(account.sandbox().lever().opportunities());
        assertTrue(world.size() > 100, "the world needs two Lever pages of 100");
        for (int limit : List.of(7, 100)) {
            var listed = account.walk("candidates", "", limit);
            assertEquals(world.size(), listed.size(), "limit " + limit);
            assertEquals(world, idSet(listed), "limit " + limit);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void aListedCandidateReadsBackAndCanBeFoundByEmail() {
        var listed = account.walk("candidates", "", 100).get(9);
        var emails = (List<Map<String, Object>>) listed.get("emails");
        assertFalse(emails.isEmpty(), listed.toString());
        assertNotNull(listed.get("created_at"));
        var got = ok(account.get("candidates/" + listed.get("id"), ""));
        assertEquals(listed.get("id"), got.get("id"));
        assertEquals(emails, got.get("emails"));
        assertEquals(listed.get("created_at"), got.get("created_at"));
        assertEquals(listed.get("id"), ((Map<String, Object>) got.get("remote_data")).get("id"));
        assertFalse(got.containsKey("first_name"));

        String email = (String) emails.get(0).get("email");
        var found = account.walk("candidates", "&email=" + URLEncoder.encode(email, StandardCharsets.UTF_8), 100);
        assertEquals(List.of(listed.get("id")), found.stream().map(one -> one.get("id")).toList());
    }

    @Test
    @SuppressWarnings("unchecked")
    void aCandidatesApplicationsNameItsJobs() {
        var applications = account.walk("applications", "&candidate_id=" + LeverSimulator.OPPORTUNITY_ID, 1);
        var simulated = account.sandbox().lever().applicationsOf(LeverSimulator.OPPORTUNITY_ID);
        assertEquals(idSet(simulated), idSet(applications));
        assertTrue(applications.size() >= 1);
        Set<Object> jobs = idSet(account.walk("jobs", "", 100));
        for (var application : applications) {
            assertEquals(Map.of("id", LeverSimulator.OPPORTUNITY_ID), application.get("candidate"));
            Object job = ((Map<String, Object>) application.get("job")).get("id");
            assertTrue(jobs.contains(job), job + " is a listed job");
            var got = ok(account.get("applications/" + application.get("id"),
                    "&candidate_id=" + LeverSimulator.OPPORTUNITY_ID));
            assertEquals(application.get("job"), got.get("job"));
        }
        var candidate = ok(account.get("candidates/" + LeverSimulator.OPPORTUNITY_ID, ""));
        assertEquals(idSet(applications), idSet((List<Map<String, Object>>) candidate.get("applications")));
    }

    @Test
    void applicationsNeedTheirOpportunityAndTakeNoJobFilter() {
        var noCandidate = account.get("applications", "");
        assertEquals(400, noCandidate.statusCode(), noCandidate.body());
        assertTrue(noCandidate.body().contains("candidate_id"), noCandidate.body());
        var byJob = account.get("applications", "&candidate_id=" + LeverSimulator.OPPORTUNITY_ID
                + "&job_id=" + account.sandbox().lever().postings().get(0).get("id"));
        assertEquals(400, byJob.statusCode(), byJob.body());
        assertTrue(byJob.body().contains("job_id"), byJob.body());
    }

    @Test
    void jobsListAndGet() {
        var jobs = account.walk("jobs", "", 2);
        assertEquals(idSet(account.sandbox().lever().postings()), idSet(jobs));
        var open = jobs.stream().filter(job -> "open".equals(job.get("status"))).findFirst().orElseThrow();
        var got = ok(account.get("jobs/" + open.get("id"), ""));
        assertEquals(open.get("name"), got.get("name"));
        assertTrue(jobs.stream().anyMatch(job -> "closed".equals(job.get("status"))));
    }

    @Test
    void usersListAndGet() {
        var users = account.walk("users", "", 2);
        assertEquals(idSet(account.sandbox().lever().users()), idSet(users));
        assertTrue(users.size() >= 3);
        var got = ok(account.get("users/" + LeverSimulator.OTHER_USER, ""));
        assertEquals(LeverSimulator.OTHER_USER, got.get("id"));
        assertEquals(false, got.get("disabled"));
        var missing = account.get("users/" + UUID.randomUUID(), "");
        assertEquals(404, missing.statusCode(), missing.body());
    }

    @Test
    @SuppressWarnings("unchecked")
    void aNoteOnAListedCandidateAsAListedUserComesBackInItsActivities() {
        String candidate = (String) account.walk("candidates", "", 100).get(77).get("id");
        String user = (String) account.walk("users", "", 100).get(1).get("id");
        var created = account.harness().post(Harness.activities(account.id(), "&remote_query[perform_as]=" + user),
                "{\"candidate_id\": \"" + candidate + "\", \"body\": \"Core walk note\"}");
        assertEquals(201, created.statusCode(), created.body());
        var note = account.walk("activities", "&candidate_id=" + candidate, 100).stream()
                .filter(one -> "Core walk note".equals(one.get("body"))).findFirst().orElseThrow();
        assertEquals(Map.of("id", user, "type", "user"), note.get("actor"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aCandidateCreatedWithAnIdempotencyKeyIsCreatedOnceAndAppliedToItsJob() {
        String key = UUID.randomUUID().toString();
        String job = (String) account.sandbox().lever().postings().get(1).get("id");
        String body = "{\"first_name\": \"Idem\", \"last_name\": \"Potent\", \"emails\": [{\"email\": \"idem@example.com\"}],"
                + " \"phones\": [{\"number\": \"(415) 555-0199\", \"type\": \"mobile\"}], \"tags\": [{\"name\": \"Sourced\"}],"
                + " \"applications\": [{\"job_id\": \"" + job + "\"}]}";
        var first = create(body, Map.of("Idempotency-Key", key), LeverSimulator.OTHER_USER);
        var second = create(body, Map.of("Idempotency-Key", key), LeverSimulator.OTHER_USER);
        assertEquals(201, first.statusCode(), first.body());
        assertEquals(first.body(), second.body());
        var made = account.sandbox().lever().opportunities().stream().filter(one -> "Idem Potent".equals(one.get("name"))).toList();
        assertEquals(1, made.size());
        assertEquals(LeverSimulator.OTHER_USER, made.get(0).get("owner"));
        var answer = Harness.json(first);
        assertEquals(made.get(0).get("id"), answer.get("id"));
        assertEquals(List.of(Map.of("email", "idem@example.com")), answer.get("emails"));
        assertEquals(List.of(Map.of("number", "(415) 555-0199", "type", "mobile")), answer.get("phones"));
        assertEquals(List.of(Map.of("name", "Sourced")), answer.get("tags"));
        var applications = account.walk("applications", "&candidate_id=" + answer.get("id"), 100);
        assertEquals(List.of(Map.of("id", job)), applications.stream().map(one -> one.get("job")).toList());
        assertTrue(idSet(account.walk("candidates", "", 100)).contains(answer.get("id")));
    }

    @Test
    void aCandidateIsCreatedWithoutAKeyButNeverWithoutAUser() {
        // An opportunity has no company field (its headline lists past companies): not sent, and said so.
        var created = create("{\"first_name\": \"Keyless\", \"company\": \"Acme\"}", Map.of(), LeverSimulator.KEY_OWNER);
        assertEquals(201, created.statusCode(), created.body());
        assertEquals("company", created.headers().firstValue(IGNORED).orElse(""));
        assertEquals("Keyless", Harness.json(created).get("name"));
        assertEquals(1, account.sandbox().lever().opportunities().stream().filter(one -> "Keyless".equals(one.get("name"))).count());

        int before = account.sandbox().lever().opportunities().size();
        var nobody = create("{\"first_name\": \"Nobody\"}", Map.of(), null);
        assertEquals(400, nobody.statusCode(), nobody.body());
        assertTrue(nobody.body().contains("perform_as"), nobody.body());
        var nameless = create("{\"emails\": [{\"email\": \"nameless@example.com\"}]}", Map.of(), LeverSimulator.KEY_OWNER);
        assertEquals(400, nameless.statusCode(), nameless.body());
        assertTrue(nameless.body().contains("first_name"), nameless.body());
        // An application without its job would make an opportunity applied to nothing.
        var jobless = create("{\"first_name\": \"Jobless\", \"applications\": [{}]}", Map.of(), LeverSimulator.KEY_OWNER);
        assertEquals(400, jobless.statusCode(), jobless.body());
        assertTrue(jobless.body().contains("job_id"), jobless.body());
        assertEquals(before, account.sandbox().lever().opportunities().size());
    }

    @Test
    void aForgedCursorIsRefused() {
        var forged = account.get("candidates", "&next_cursor=" + "bm90LWEtY3Vyc29y");
        assertEquals(400, forged.statusCode(), forged.body());
    }

    private static java.net.http.HttpResponse<String> create(String body, Map<String, String> extra, String performAs) {
        var headers = new java.util.HashMap<String, String>(extra);
        headers.put("Authorization", "Bearer " + Harness.TOKEN);
        return account.harness().send("POST", account.path("candidates", performAs == null ? ""
                : "&remote_query[perform_as]=" + performAs), body, headers);
    }
}
