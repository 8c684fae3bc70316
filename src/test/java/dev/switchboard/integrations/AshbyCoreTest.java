package dev.switchboard.integrations;

import static dev.switchboard.integrations.SandboxAccount.idSet;
import static dev.switchboard.integrations.SandboxAccount.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.Harness;
import dev.switchboard.sandbox.AshbySimulator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Ashby's candidates, applications, jobs and users through the unified API, against the
 * simulated Ashby's world: RPC lists paged by cursor, candidate.info's applicationIds
 * leading to each application's job, and candidate.create as a safe write.
 */
class AshbyCoreTest {

    static final String IGNORED = dev.switchboard.unified.UnifiedPipeline.IGNORED_FIELDS_HEADER;

    @RegisterExtension
    static final SandboxAccount account = SandboxAccount.perClass("ashby");

    @Test
    void everyCandidateComesBackExactlyOnceAtLimitSevenAndAHundred() {
        Set<Object> world = idSet(account.sandbox().ashby().candidates());
        assertTrue(world.size() > 100, "the world needs two Ashby pages of 100");
        for (int limit : List.of(7, 100)) {
            var listed = account.walk("candidates", "", limit);
            assertEquals(world.size(), listed.size(), "limit " + limit);
            assertEquals(world, idSet(listed), "limit " + limit);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void aListedCandidateReadsBackWithEmailsAndCreationTime() {
        var listed = account.walk("candidates", "", 100).get(5);
        var emails = (List<Map<String, Object>>) listed.get("emails");
        assertFalse(emails.isEmpty(), listed.toString());
        assertNotNull(listed.get("created_at"));
        var got = ok(account.get("candidates/" + listed.get("id"), ""));
        assertEquals(listed.get("id"), got.get("id"));
        assertEquals(emails, got.get("emails"));
        assertEquals(listed.get("created_at"), got.get("created_at"));
        assertEquals(listed.get("name"), got.get("name"));
        assertEquals(listed.get("id"), ((Map<String, Object>) got.get("remote_data")).get("id"));
        // Ashby keeps one name: no first or last name is made up from it.
        assertFalse(got.containsKey("first_name"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aCandidatesApplicationsNameItsJobs() {
        var candidate = ok(account.get("candidates/" + AshbySimulator.CANDIDATE_ID, ""));
        var applications = (List<Map<String, Object>>) candidate.get("applications");
        assertFalse(applications.isEmpty());
        Set<Object> jobs = idSet(account.walk("jobs", "", 100));
        for (var reference : applications) {
            var application = ok(account.get("applications/" + reference.get("id"), ""));
            assertEquals(Map.of("id", AshbySimulator.CANDIDATE_ID), application.get("candidate"));
            Object job = ((Map<String, Object>) application.get("job")).get("id");
            assertTrue(jobs.contains(job), job + " is a listed job");
            var simulated = account.sandbox().ashby().applications().stream()
                    .filter(one -> one.get("id").equals(reference.get("id"))).findFirst().orElseThrow();
            assertEquals(((Map<String, Object>) simulated.get("job")).get("id"), job);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void applicationsListByJobButNotByCandidate() {
        String job = (String) account.sandbox().ashby().jobs().get(1).get("id");
        var listed = account.walk("applications", "&job_id=" + job, 7);
        long expected = account.sandbox().ashby().applications().stream()
                .filter(one -> ((Map<String, Object>) one.get("job")).get("id").equals(job)).count();
        assertEquals(expected, listed.size());
        assertEquals(expected, idSet(listed).size());
        assertTrue(listed.stream().allMatch(one -> Map.of("id", job).equals(one.get("job"))));

        // application.list has no candidate filter: the filter is refused, never dropped.
        var refused = account.get("applications", "&candidate_id=" + AshbySimulator.CANDIDATE_ID);
        assertEquals(400, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("candidate_id"), refused.body());
    }

    @Test
    void jobsListAndGet() {
        var jobs = account.walk("jobs", "", 2);
        assertEquals(idSet(account.sandbox().ashby().jobs()), idSet(jobs));
        var open = jobs.stream().filter(job -> "open".equals(job.get("status"))).findFirst().orElseThrow();
        var got = ok(account.get("jobs/" + open.get("id"), ""));
        assertEquals(open.get("name"), got.get("name"));
        assertEquals("open", got.get("status"));
        assertTrue(jobs.stream().anyMatch(job -> "closed".equals(job.get("status"))));
    }

    @Test
    void usersListAndGet() {
        var users = account.walk("users", "", 100);
        assertEquals(idSet(account.sandbox().ashby().users()), idSet(users));
        assertTrue(users.size() >= 3);
        var got = ok(account.get("users/" + users.get(1).get("id"), ""));
        assertEquals(users.get(1).get("name"), got.get("name"));
        assertEquals(false, got.get("disabled"));
        var missing = account.get("users/" + UUID.randomUUID(), "");
        assertEquals(404, missing.statusCode(), missing.body());
    }

    @Test
    @SuppressWarnings("unchecked")
    void aNoteOnAListedCandidateComesBackInItsActivitiesAsAListedUser() {
        String candidate = (String) account.walk("candidates", "", 100).get(42).get("id");
        var created = account.harness().post(Harness.activities(account.id(), ""),
                "{\"candidate_id\": \"" + candidate + "\", \"body\": \"Core walk note\"}");
        assertEquals(201, created.statusCode(), created.body());
        var notes = account.walk("activities", "&candidate_id=" + candidate, 100);
        var note = notes.stream().filter(one -> "Core walk note".equals(one.get("body"))).findFirst().orElseThrow();
        // Ashby writes a note as the API key's user, who is one of the listed users.
        Object author = ((Map<String, Object>) note.get("actor")).get("id");
        assertTrue(idSet(account.walk("users", "", 100)).contains(author), String.valueOf(author));
    }

    @Test
    void aCandidateCreatedWithAnIdempotencyKeyIsCreatedOnce() {
        String key = UUID.randomUUID().toString();
        String body = "{\"first_name\": \"Idem\", \"last_name\": \"Potent\", \"emails\": [{\"email\": \"idem@example.com\"},"
                + " {\"email\": \"idem.alt@example.com\"}]}";
        var first = create(body, Map.of("Idempotency-Key", key));
        var second = create(body, Map.of("Idempotency-Key", key));
        assertEquals(201, first.statusCode(), first.body());
        assertEquals(first.body(), second.body());
        var made = account.sandbox().ashby().candidates().stream().filter(one -> "Idem Potent".equals(one.get("name"))).toList();
        assertEquals(1, made.size());
        var answer = Harness.json(first);
        assertEquals(made.get(0).get("id"), answer.get("id"));
        assertEquals(List.of(Map.of("email", "idem@example.com", "type", "personal"),
                Map.of("email", "idem.alt@example.com", "type", "personal")), answer.get("emails"));
        // The new candidate is listed and can be read.
        assertTrue(idSet(account.walk("candidates", "", 100)).contains(answer.get("id")));
        assertEquals(200, account.get("candidates/" + answer.get("id"), "").statusCode());
    }

    @Test
    void aCandidateIsCreatedWithoutAKey() {
        var created = create("{\"first_name\": \"Keyless\"}", Map.of());
        assertEquals(201, created.statusCode(), created.body());
        assertEquals("Keyless", Harness.json(created).get("name"));
        assertEquals(1, account.sandbox().ashby().candidates().stream().filter(one -> "Keyless".equals(one.get("name"))).count());
    }

    @Test
    void whatAshbyCannotTakeIsRefusedBeforeAnyCall() {
        int before = account.sandbox().ashby().candidates().size();
        var noName = create("{\"emails\": [{\"email\": \"nameless@example.com\"}]}", Map.of());
        assertEquals(400, noName.statusCode(), noName.body());
        assertTrue(noName.body().contains("first_name"), noName.body());
        assertEquals(before, account.sandbox().ashby().candidates().size());
        // candidate.create takes no title: the field is not sent, and the answer says so.
        var titled = create("{\"first_name\": \"Titled\", \"title\": \"CTO\"}", Map.of());
        assertEquals(201, titled.statusCode(), titled.body());
        assertEquals("title", titled.headers().firstValue(IGNORED).orElse(""));
        assertFalse(Harness.json(titled).containsKey("title"));

        // candidate.list has no email filter (candidate.search is another endpoint).
        var byEmail = account.get("candidates", "&email=someone@example.com");
        assertEquals(400, byEmail.statusCode(), byEmail.body());
        assertTrue(byEmail.body().contains("email"), byEmail.body());
    }

    @Test
    void anEmptyCursorIsTheFirstPage() {
        var first = ok(account.get("candidates", "&limit=7&next_cursor="));
        assertEquals(7, ((List<?>) first.get("result")).size());
    }

    @Test
    void aForgedCursorIsRefused() {
        var forged = account.get("candidates", "&next_cursor=" + "bm90LWEtY3Vyc29y");
        assertEquals(400, forged.statusCode(), forged.body());
    }

    private static java.net.http.HttpResponse<String> create(String body, Map<String, String> extra) {
        var headers = new java.util.HashMap<String, String>(extra);
        headers.put("Authorization", "Bearer " + Harness.TOKEN);
        return account.harness().send("POST", account.path("candidates", ""), body, headers);
    }
}
