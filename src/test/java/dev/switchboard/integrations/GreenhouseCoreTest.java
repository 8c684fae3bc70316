package dev.switchboard.integrations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.Harness;
import dev.switchboard.sandbox.GreenhouseSimulator;
import dev.switchboard.sandbox.Sandbox;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Greenhouse Harvest v3's candidates, applications, jobs and users through the unified API,
 * against the simulated Greenhouse's world: bare arrays paged by the Link header, one object
 * read through the ids filter, applications filtered by their parents' ids, and no candidate
 * create, as v3 documents no body for one.
 */
class GreenhouseCoreTest {

    static Sandbox sandbox;
    static Harness harness;
    static String account;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start();
        harness = Harness.start(Harness.sqliteConfig().withEnvironment(
                Map.of("SWITCHBOARD_GREENHOUSE_TOKEN_URL", sandbox.greenhouseTokenUrl())));
        account = harness.demoAccounts(sandbox).get("greenhouse");
    }

    @AfterAll
    static void stop() {
        harness.close();
        sandbox.close();
    }

    @Test
    void everyCandidateComesBackOnceAtLimitSevenAndAHundred() {
        List<String> world = sandbox.greenhouse().candidateIds();
        assertTrue(world.size() > 100, "a page of 100 needs two provider pages: " + world.size());
        for (int limit : List.of(7, 100)) {
            var listed = walk("candidates", "", limit);
            assertEquals(world, ids(listed), "limit " + limit + ": each candidate once, in Greenhouse's order");
            assertEquals(world.size(), new HashSet<>(ids(listed)).size());
            for (var candidate : listed) {
                assertFalse(((List<?>) candidate.get("emails")).isEmpty(), candidate.toString());
                assertTrue(((String) candidate.get("created_at")).endsWith("Z"), candidate.toString());
            }
        }
    }

    @Test
    void aListedCandidateIsReadThroughTheIdsFilter() {
        var listed = walk("candidates", "", 100).get(8);
        var got = harness.get("/unified/ats/candidates/" + listed.get("id") + "?integrated_account_id=" + account);
        assertEquals(200, got.statusCode(), got.body());
        var candidate = Harness.json(got);
        assertEquals(listed.get("id"), candidate.get("id"));
        assertEquals(listed.get("emails"), candidate.get("emails"));
        assertEquals("The Tustin Box Company", candidate.get("company"));
        assertEquals(List.of(Map.of("number", "555-555-0008", "type", "mobile")), candidate.get("phones"));
        assertFalse(candidate.containsKey("applications"), "a v3 candidate names no applications");
        assertFalse(candidate.containsValue(null), candidate.toString());

        var missing = harness.get("/unified/ats/candidates/1?integrated_account_id=" + account);
        assertEquals(404, missing.statusCode(), missing.body());
    }

    @Test
    void aCandidatesApplicationsNameItsJobsAndAJobsApplicationsItsCandidates() {
        String candidate = GreenhouseSimulator.CANDIDATE_ID;
        var applications = walk("applications", "&candidate_id=" + candidate, 100);
        assertEquals(sandbox.greenhouse().jobIdsOf(candidate),
                applications.stream().map(a -> ((Map<?, ?>) a.get("job")).get("id")).toList());
        applications.forEach(a -> assertEquals(Map.of("id", candidate), a.get("candidate")));
        var got = harness.get("/unified/ats/applications/" + applications.get(0).get("id")
                + "?integrated_account_id=" + account);
        assertEquals(200, got.statusCode(), got.body());
        assertEquals(applications.get(0).get("job"), Harness.json(got).get("job"));

        var ofJob = walk("applications", "&job_id=6406", 7);
        assertFalse(ofJob.isEmpty());
        ofJob.forEach(a -> assertEquals(Map.of("id", "6406"), a.get("job")));
        var both = walk("applications", "&job_id=6406&candidate_id=" + candidate, 100);
        assertEquals(0, both.size(), "candidate " + candidate + " did not apply to 6406: " + both);
    }

    @Test
    void jobsAndUsersAreListedAndReadById() {
        var jobs = walk("jobs", "", 2);
        assertEquals(sandbox.greenhouse().jobIds(), ids(jobs));
        assertEquals(List.of("open", "open", "closed"), jobs.stream().map(j -> j.get("status")).toList());
        var job = Harness.json(harness.get("/unified/ats/jobs/6405?integrated_account_id=" + account));
        assertEquals("Flight Engineer", job.get("name"));
        assertEquals("abc124", job.get("requisition_id"));

        var users = walk("users", "", 100);
        assertEquals(sandbox.greenhouse().userIds(), ids(users));
        var user = Harness.json(harness.get("/unified/ats/users/" + GreenhouseSimulator.OTHER_USER_ID
                + "?integrated_account_id=" + account));
        assertEquals("Juliet", user.get("first_name"));
        assertEquals(List.of(Map.of("email", "juliet.burke@example.com", "is_primary", true)), user.get("emails"));
        assertEquals(false, user.get("disabled"));
    }

    @Test
    void aNoteOnAListedCandidateByAListedUserIsInItsActivities() {
        // Harvest v3 has no note write: the note is written in Greenhouse itself, by a listed user.
        var candidate = walk("candidates", "", 100).get(60);
        var user = walk("users", "", 100).get(2);
        String body = "Core walk " + UUID.randomUUID();
        sandbox.greenhouse().addNote((String) candidate.get("id"), (String) user.get("id"), body, "public");
        var activities = Pages.walk(harness, account, (String) candidate.get("id"), 100);
        var note = activities.stream().filter(a -> body.equals(a.get("body"))).findFirst().orElseThrow();
        assertEquals(Map.of("id", user.get("id"), "type", "user"), note.get("actor"));
    }

    @Test
    void aCandidateCannotBeCreatedAndAFilterGreenhouseDoesNotTakeIsRefused() {
        var create = harness.post("/unified/ats/candidates?integrated_account_id=" + account,
                "{\"first_name\": \"No\", \"emails\": [{\"email\": \"no@example.com\"}]}");
        assertEquals(400, create.statusCode(), create.body());
        assertTrue(create.body().contains("write-endpoint-migration-guide"), create.body());
        var byEmail = harness.get("/unified/ats/candidates?integrated_account_id=" + account + "&email=x%40example.com");
        assertEquals(400, byEmail.statusCode(), byEmail.body());
        assertTrue(byEmail.body().contains("email"), byEmail.body());
    }

    @Test
    void theProxyListsABareArray() {
        var users = harness.get("/proxy/users?integrated_account_id=" + account);
        assertEquals(200, users.statusCode(), users.body());
        assertEquals(sandbox.greenhouse().userIds(), ((List<?>) Harness.json(users).get("result")).stream()
                .map(u -> String.valueOf(((Map<?, ?>) u).get("id"))).toList());
        var applications = harness.get("/proxy/applications?integrated_account_id=" + account + "&candidate_ids="
                + GreenhouseSimulator.CANDIDATE_ID);
        assertEquals(200, applications.statusCode(), applications.body());
        assertEquals(sandbox.greenhouse().jobIdsOf(GreenhouseSimulator.CANDIDATE_ID).size(),
                ((List<?>) Harness.json(applications).get("result")).size());
    }

    /** Every item of a unified list, following next_cursor to the end. */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> walk(String resource, String filters, int limit) {
        var items = new ArrayList<Map<String, Object>>();
        String cursor = null;
        for (int page = 0; page < 200; page++) {
            var response = harness.get("/unified/ats/" + resource + "?integrated_account_id=" + account + filters
                    + "&limit=" + limit + (cursor == null ? ""
                    : "&next_cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)));
            assertEquals(200, response.statusCode(), response.body());
            var body = Harness.json(response);
            items.addAll((List<Map<String, Object>>) body.get("result"));
            cursor = (String) body.get("next_cursor");
            if (cursor == null) {
                return items;
            }
        }
        throw new AssertionError("more than 200 pages");
    }

    private static List<Object> ids(List<Map<String, Object>> items) {
        return items.stream().map(item -> item.get("id")).toList();
    }
}
