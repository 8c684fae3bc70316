package dev.switchboard.integrations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.Harness;
import dev.switchboard.sandbox.AshbySimulator;
import dev.switchboard.sandbox.Sandbox;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Ashby's candidates, applications, jobs and users through the unified API, against the
 * simulated Ashby's world: RPC lists paged by cursor, candidate.info's applicationIds
 * leading to each application's job, and candidate.create as a safe write.
 */
class AshbyCoreTest {

    static final String IGNORED = dev.switchboard.unified.UnifiedPipeline.IGNORED_FIELDS_HEADER;

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
    void everyCandidateComesBackExactlyOnceAtLimitSevenAndAHundred() {
        Set<Object> world = ids(sandbox.ashby().candidates());
        assertTrue(world.size() > 100, "the world needs two Ashby pages of 100");
        for (int limit : List.of(7, 100)) {
            var listed = walk("ats/candidates", "", limit);
            assertEquals(world.size(), listed.size(), "limit " + limit);
            assertEquals(world, ids(listed), "limit " + limit);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void aListedCandidateReadsBackWithEmailsAndCreationTime() {
        var listed = walk("ats/candidates", "", 100).get(5);
        var emails = (List<Map<String, Object>>) listed.get("emails");
        assertFalse(emails.isEmpty(), listed.toString());
        assertNotNull(listed.get("created_at"));
        var got = ok(harness.get(path("ats/candidates/" + listed.get("id"), "")));
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
        var candidate = ok(harness.get(path("ats/candidates/" + AshbySimulator.CANDIDATE_ID, "")));
        var applications = (List<Map<String, Object>>) candidate.get("applications");
        assertFalse(applications.isEmpty());
        Set<Object> jobs = ids(walk("ats/jobs", "", 100));
        for (var reference : applications) {
            var application = ok(harness.get(path("ats/applications/" + reference.get("id"), "")));
            assertEquals(Map.of("id", AshbySimulator.CANDIDATE_ID), application.get("candidate"));
            Object job = ((Map<String, Object>) application.get("job")).get("id");
            assertTrue(jobs.contains(job), job + " is a listed job");
            var simulated = sandbox.ashby().applications().stream()
                    .filter(one -> one.get("id").equals(reference.get("id"))).findFirst().orElseThrow();
            assertEquals(((Map<String, Object>) simulated.get("job")).get("id"), job);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void applicationsListByJobButNotByCandidate() {
        String job = (String) sandbox.ashby().jobs().get(1).get("id");
        var listed = walk("ats/applications", "&job_id=" + job, 7);
        long expected = sandbox.ashby().applications().stream()
                .filter(one -> ((Map<String, Object>) one.get("job")).get("id").equals(job)).count();
        assertEquals(expected, listed.size());
        assertEquals(expected, ids(listed).size());
        assertTrue(listed.stream().allMatch(one -> Map.of("id", job).equals(one.get("job"))));

        // application.list has no candidate filter: the filter is refused, never dropped.
        var refused = harness.get(path("ats/applications", "&candidate_id=" + AshbySimulator.CANDIDATE_ID));
        assertEquals(400, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("candidate_id"), refused.body());
    }

    @Test
    void jobsListAndGet() {
        var jobs = walk("ats/jobs", "", 2);
        assertEquals(ids(sandbox.ashby().jobs()), ids(jobs));
        var open = jobs.stream().filter(job -> "open".equals(job.get("status"))).findFirst().orElseThrow();
        var got = ok(harness.get(path("ats/jobs/" + open.get("id"), "")));
        assertEquals(open.get("name"), got.get("name"));
        assertEquals("open", got.get("status"));
        assertTrue(jobs.stream().anyMatch(job -> "closed".equals(job.get("status"))));
    }

    @Test
    void usersListAndGet() {
        var users = walk("ats/users", "", 100);
        assertEquals(ids(sandbox.ashby().users()), ids(users));
        assertTrue(users.size() >= 3);
        var got = ok(harness.get(path("ats/users/" + users.get(1).get("id"), "")));
        assertEquals(users.get(1).get("name"), got.get("name"));
        assertEquals(false, got.get("disabled"));
        var missing = harness.get(path("ats/users/" + UUID.randomUUID(), ""));
        assertEquals(404, missing.statusCode(), missing.body());
    }

    @Test
    @SuppressWarnings("unchecked")
    void aNoteOnAListedCandidateComesBackInItsActivitiesAsAListedUser() {
        String candidate = (String) walk("ats/candidates", "", 100).get(42).get("id");
        var created = harness.post(Harness.activities(account, ""),
                "{\"candidate_id\": \"" + candidate + "\", \"body\": \"Core walk note\"}");
        assertEquals(201, created.statusCode(), created.body());
        var notes = Pages.walk(harness, account, candidate, 100);
        var note = notes.stream().filter(one -> "Core walk note".equals(one.get("body"))).findFirst().orElseThrow();
        // Ashby writes a note as the API key's user, who is one of the listed users.
        Object author = ((Map<String, Object>) note.get("actor")).get("id");
        assertTrue(ids(walk("ats/users", "", 100)).contains(author), String.valueOf(author));
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
        var made = sandbox.ashby().candidates().stream().filter(one -> "Idem Potent".equals(one.get("name"))).toList();
        assertEquals(1, made.size());
        var answer = Harness.json(first);
        assertEquals(made.get(0).get("id"), answer.get("id"));
        assertEquals(List.of(Map.of("email", "idem@example.com", "type", "personal"),
                Map.of("email", "idem.alt@example.com", "type", "personal")), answer.get("emails"));
        // The new candidate is listed and can be read.
        assertTrue(ids(walk("ats/candidates", "", 100)).contains(answer.get("id")));
        assertEquals(200, harness.get(path("ats/candidates/" + answer.get("id"), "")).statusCode());
    }

    @Test
    void aCandidateIsCreatedWithoutAKey() {
        var created = create("{\"first_name\": \"Keyless\"}", Map.of());
        assertEquals(201, created.statusCode(), created.body());
        assertEquals("Keyless", Harness.json(created).get("name"));
        assertEquals(1, sandbox.ashby().candidates().stream().filter(one -> "Keyless".equals(one.get("name"))).count());
    }

    @Test
    void whatAshbyCannotTakeIsRefusedBeforeAnyCall() {
        int before = sandbox.ashby().candidates().size();
        var noName = create("{\"emails\": [{\"email\": \"nameless@example.com\"}]}", Map.of());
        assertEquals(400, noName.statusCode(), noName.body());
        assertTrue(noName.body().contains("first_name"), noName.body());
        assertEquals(before, sandbox.ashby().candidates().size());
        // candidate.create takes no title: the field is not sent, and the answer says so.
        var titled = create("{\"first_name\": \"Titled\", \"title\": \"CTO\"}", Map.of());
        assertEquals(201, titled.statusCode(), titled.body());
        assertEquals("title", titled.headers().firstValue(IGNORED).orElse(""));
        assertFalse(Harness.json(titled).containsKey("title"));

        // candidate.list has no email filter (candidate.search is another endpoint).
        var byEmail = harness.get(path("ats/candidates", "&email=someone@example.com"));
        assertEquals(400, byEmail.statusCode(), byEmail.body());
        assertTrue(byEmail.body().contains("email"), byEmail.body());
    }

    @Test
    void anEmptyCursorIsTheFirstPage() {
        var first = ok(harness.get(path("ats/candidates", "&limit=7&next_cursor=")));
        assertEquals(7, ((List<?>) first.get("result")).size());
    }

    @Test
    void aForgedCursorIsRefused() {
        var forged = harness.get(path("ats/candidates", "&next_cursor=" + "bm90LWEtY3Vyc29y"));
        assertEquals(400, forged.statusCode(), forged.body());
    }

    private static java.net.http.HttpResponse<String> create(String body, Map<String, String> extra) {
        var headers = new java.util.HashMap<String, String>(extra);
        headers.put("Authorization", "Bearer " + Harness.TOKEN);
        return harness.send("POST", path("ats/candidates", ""), body, headers);
    }

    private static String path(String resource, String extraQuery) {
        return "/unified/" + resource + "?integrated_account_id=" + account + extraQuery;
    }

    private static Map<String, Object> ok(java.net.http.HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        return Harness.json(response);
    }

    /** Every item of a list, following next_cursor to the end, as a client does. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> walk(String resource, String filters, int limit) {
        var items = new ArrayList<Map<String, Object>>();
        String cursor = null;
        for (int page = 0; page < 200; page++) {
            var body = ok(harness.get(path(resource, filters + "&limit=" + limit + (cursor == null ? ""
                    : "&next_cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)))));
            items.addAll((List<Map<String, Object>>) body.get("result"));
            cursor = (String) body.get("next_cursor");
            if (cursor == null) {
                return items;
            }
        }
        throw new AssertionError("more than 200 pages");
    }

    private static Set<Object> ids(List<Map<String, Object>> items) {
        var ids = new HashSet<Object>();
        items.forEach(item -> ids.add(item.get("id")));
        return ids;
    }
}
