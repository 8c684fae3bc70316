package dev.switchboard.integrations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.Harness;
import dev.switchboard.sandbox.LeverSimulator;
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
 * Lever's opportunities (the unified candidate), their applications, postings (jobs) and
 * users through the unified API, against the simulated Lever's world: lists paged by the
 * opaque offset, applications read per opportunity, perform_as on writes.
 */
class LeverCoreTest {

    static final String IGNORED = dev.switchboard.unified.UnifiedPipeline.IGNORED_FIELDS_HEADER;

    static Sandbox sandbox;
    static Harness harness;
    static String account;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start();
        harness = Harness.start();
        account = harness.demoAccounts(sandbox).get("lever");
    }

    @AfterAll
    static void stop() {
        harness.close();
        sandbox.close();
    }

    @Test
    void everyCandidateComesBackExactlyOnceAtLimitSevenAndAHundred() {
        Set<Object> world = ids(sandbox.lever().opportunities());
        assertTrue(world.size() > 100, "the world needs two Lever pages of 100");
        for (int limit : List.of(7, 100)) {
            var listed = walk("ats/candidates", "", limit);
            assertEquals(world.size(), listed.size(), "limit " + limit);
            assertEquals(world, ids(listed), "limit " + limit);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void aListedCandidateReadsBackAndCanBeFoundByEmail() {
        var listed = walk("ats/candidates", "", 100).get(9);
        var emails = (List<Map<String, Object>>) listed.get("emails");
        assertFalse(emails.isEmpty(), listed.toString());
        assertNotNull(listed.get("created_at"));
        var got = ok(harness.get(path("ats/candidates/" + listed.get("id"), "")));
        assertEquals(listed.get("id"), got.get("id"));
        assertEquals(emails, got.get("emails"));
        assertEquals(listed.get("created_at"), got.get("created_at"));
        assertEquals(listed.get("id"), ((Map<String, Object>) got.get("remote_data")).get("id"));
        assertFalse(got.containsKey("first_name"));

        String email = (String) emails.get(0).get("email");
        var found = walk("ats/candidates", "&email=" + URLEncoder.encode(email, StandardCharsets.UTF_8), 100);
        assertEquals(List.of(listed.get("id")), found.stream().map(one -> one.get("id")).toList());
    }

    @Test
    @SuppressWarnings("unchecked")
    void aCandidatesApplicationsNameItsJobs() {
        var applications = walk("ats/applications", "&candidate_id=" + LeverSimulator.OPPORTUNITY_ID, 1);
        var simulated = sandbox.lever().applicationsOf(LeverSimulator.OPPORTUNITY_ID);
        assertEquals(ids(simulated), ids(applications));
        assertTrue(applications.size() >= 1);
        Set<Object> jobs = ids(walk("ats/jobs", "", 100));
        for (var application : applications) {
            assertEquals(Map.of("id", LeverSimulator.OPPORTUNITY_ID), application.get("candidate"));
            Object job = ((Map<String, Object>) application.get("job")).get("id");
            assertTrue(jobs.contains(job), job + " is a listed job");
            var got = ok(harness.get(path("ats/applications/" + application.get("id"),
                    "&candidate_id=" + LeverSimulator.OPPORTUNITY_ID)));
            assertEquals(application.get("job"), got.get("job"));
        }
        var candidate = ok(harness.get(path("ats/candidates/" + LeverSimulator.OPPORTUNITY_ID, "")));
        assertEquals(ids(applications), ids((List<Map<String, Object>>) candidate.get("applications")));
    }

    @Test
    void applicationsNeedTheirOpportunityAndTakeNoJobFilter() {
        var noCandidate = harness.get(path("ats/applications", ""));
        assertEquals(400, noCandidate.statusCode(), noCandidate.body());
        assertTrue(noCandidate.body().contains("candidate_id"), noCandidate.body());
        var byJob = harness.get(path("ats/applications", "&candidate_id=" + LeverSimulator.OPPORTUNITY_ID
                + "&job_id=" + sandbox.lever().postings().get(0).get("id")));
        assertEquals(400, byJob.statusCode(), byJob.body());
        assertTrue(byJob.body().contains("job_id"), byJob.body());
    }

    @Test
    void jobsListAndGet() {
        var jobs = walk("ats/jobs", "", 2);
        assertEquals(ids(sandbox.lever().postings()), ids(jobs));
        var open = jobs.stream().filter(job -> "open".equals(job.get("status"))).findFirst().orElseThrow();
        var got = ok(harness.get(path("ats/jobs/" + open.get("id"), "")));
        assertEquals(open.get("name"), got.get("name"));
        assertTrue(jobs.stream().anyMatch(job -> "closed".equals(job.get("status"))));
    }

    @Test
    void usersListAndGet() {
        var users = walk("ats/users", "", 2);
        assertEquals(ids(sandbox.lever().users()), ids(users));
        assertTrue(users.size() >= 3);
        var got = ok(harness.get(path("ats/users/" + LeverSimulator.OTHER_USER, "")));
        assertEquals(LeverSimulator.OTHER_USER, got.get("id"));
        assertEquals(false, got.get("disabled"));
        var missing = harness.get(path("ats/users/" + UUID.randomUUID(), ""));
        assertEquals(404, missing.statusCode(), missing.body());
    }

    @Test
    @SuppressWarnings("unchecked")
    void aNoteOnAListedCandidateAsAListedUserComesBackInItsActivities() {
        String candidate = (String) walk("ats/candidates", "", 100).get(77).get("id");
        String user = (String) walk("ats/users", "", 100).get(1).get("id");
        var created = harness.post(Harness.activities(account, "&remote_query[perform_as]=" + user),
                "{\"candidate_id\": \"" + candidate + "\", \"body\": \"Core walk note\"}");
        assertEquals(201, created.statusCode(), created.body());
        var note = Pages.walk(harness, account, candidate, 100).stream()
                .filter(one -> "Core walk note".equals(one.get("body"))).findFirst().orElseThrow();
        assertEquals(Map.of("id", user, "type", "user"), note.get("actor"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aCandidateCreatedWithAnIdempotencyKeyIsCreatedOnceAndAppliedToItsJob() {
        String key = UUID.randomUUID().toString();
        String job = (String) sandbox.lever().postings().get(1).get("id");
        String body = "{\"first_name\": \"Idem\", \"last_name\": \"Potent\", \"emails\": [{\"email\": \"idem@example.com\"}],"
                + " \"phones\": [{\"number\": \"(415) 555-0199\", \"type\": \"mobile\"}], \"tags\": [{\"name\": \"Sourced\"}],"
                + " \"applications\": [{\"job_id\": \"" + job + "\"}]}";
        var first = create(body, Map.of("Idempotency-Key", key), LeverSimulator.OTHER_USER);
        var second = create(body, Map.of("Idempotency-Key", key), LeverSimulator.OTHER_USER);
        assertEquals(201, first.statusCode(), first.body());
        assertEquals(first.body(), second.body());
        var made = sandbox.lever().opportunities().stream().filter(one -> "Idem Potent".equals(one.get("name"))).toList();
        assertEquals(1, made.size());
        assertEquals(LeverSimulator.OTHER_USER, made.get(0).get("owner"));
        var answer = Harness.json(first);
        assertEquals(made.get(0).get("id"), answer.get("id"));
        assertEquals(List.of(Map.of("email", "idem@example.com")), answer.get("emails"));
        assertEquals(List.of(Map.of("number", "(415) 555-0199", "type", "mobile")), answer.get("phones"));
        assertEquals(List.of(Map.of("name", "Sourced")), answer.get("tags"));
        var applications = walk("ats/applications", "&candidate_id=" + answer.get("id"), 100);
        assertEquals(List.of(Map.of("id", job)), applications.stream().map(one -> one.get("job")).toList());
        assertTrue(ids(walk("ats/candidates", "", 100)).contains(answer.get("id")));
    }

    @Test
    void aCandidateIsCreatedWithoutAKeyButNeverWithoutAUser() {
        // An opportunity has no company field (its headline lists past companies): not sent, and said so.
        var created = create("{\"first_name\": \"Keyless\", \"company\": \"Acme\"}", Map.of(), LeverSimulator.KEY_OWNER);
        assertEquals(201, created.statusCode(), created.body());
        assertEquals("company", created.headers().firstValue(IGNORED).orElse(""));
        assertEquals("Keyless", Harness.json(created).get("name"));
        assertEquals(1, sandbox.lever().opportunities().stream().filter(one -> "Keyless".equals(one.get("name"))).count());

        int before = sandbox.lever().opportunities().size();
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
        assertEquals(before, sandbox.lever().opportunities().size());
    }

    @Test
    void aForgedCursorIsRefused() {
        var forged = harness.get(path("ats/candidates", "&next_cursor=" + "bm90LWEtY3Vyc29y"));
        assertEquals(400, forged.statusCode(), forged.body());
    }

    private static java.net.http.HttpResponse<String> create(String body, Map<String, String> extra, String performAs) {
        var headers = new java.util.HashMap<String, String>(extra);
        headers.put("Authorization", "Bearer " + Harness.TOKEN);
        return harness.send("POST", path("ats/candidates", performAs == null ? ""
                : "&remote_query[perform_as]=" + performAs), body, headers);
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
