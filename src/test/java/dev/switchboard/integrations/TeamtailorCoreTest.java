package dev.switchboard.integrations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.Harness;
import dev.switchboard.sandbox.Sandbox;
import dev.switchboard.sandbox.TeamtailorSimulator;
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
 * Teamtailor's candidates, job applications, jobs and users through the unified API, against
 * the simulated Teamtailor's world: 124 candidates read 30 at most per provider page, a
 * candidate's applications read through its relation with their jobs included, every job
 * whatever its status, and candidates created as a JSON:API document.
 */
class TeamtailorCoreTest {

    static Sandbox sandbox;
    static Harness harness;
    static String account;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start();
        harness = Harness.start();
        account = harness.demoAccounts(sandbox).get("teamtailor");
    }

    @AfterAll
    static void stop() {
        harness.close();
        sandbox.close();
    }

    @Test
    void everyCandidateComesBackOnceAtLimitSevenAndAHundred() {
        List<String> world = sandbox.teamtailor().candidateIds();
        assertTrue(world.size() >= 120, "the world needs several provider pages of 30: " + world.size());
        for (int limit : List.of(7, 100)) {
            var listed = walk("candidates", "", limit);
            assertEquals(world, ids(listed), "limit " + limit + ": each candidate once, in Teamtailor's order");
            assertEquals(world.size(), new HashSet<>(ids(listed)).size());
            for (var candidate : listed) {
                // A create of unknown outcome is matched on these two.
                assertFalse(((List<?>) candidate.get("emails")).isEmpty(), candidate.toString());
                assertTrue(((String) candidate.get("created_at")).endsWith("Z"), candidate.toString());
            }
        }
    }

    @Test
    void aListedCandidateIsReadByIdWithItsApplications() {
        var first = walk("candidates", "", 5).get(0);
        var got = harness.get("/unified/ats/candidates/" + first.get("id") + "?integrated_account_id=" + account);
        assertEquals(200, got.statusCode(), got.body());
        var candidate = Harness.json(got);
        assertEquals(first.get("id"), candidate.get("id"));
        assertEquals(first.get("emails"), candidate.get("emails"));
        assertEquals(first.get("name"), candidate.get("first_name") + " " + candidate.get("last_name"));
        assertFalse(((List<?>) candidate.get("applications")).isEmpty(), candidate.toString());
        assertEquals(first.get("id"), ((Map<?, ?>) candidate.get("remote_data")).get("id"));
        // No field is null presented as data: a null pitch or picture is simply absent.
        assertFalse(candidate.containsValue(null), candidate.toString());

        var missing = harness.get("/unified/ats/candidates/99999999?integrated_account_id=" + account);
        assertEquals(404, missing.statusCode(), missing.body());
    }

    @Test
    void aCandidatesApplicationsNameItsJobs() {
        String candidate = TeamtailorSimulator.CANDIDATE_ID;
        var applications = walk("applications", "&candidate_id=" + candidate, 100);
        assertEquals(sandbox.teamtailor().jobIdsOf(candidate),
                applications.stream().map(a -> ((Map<?, ?>) a.get("job")).get("id")).toList());
        for (var application : applications) {
            assertEquals(Map.of("id", candidate), application.get("candidate"));
            var got = harness.get("/unified/ats/applications/" + application.get("id")
                    + "?integrated_account_id=" + account);
            assertEquals(200, got.statusCode(), got.body());
            assertEquals(application.get("job"), Harness.json(got).get("job"));
            assertEquals(Map.of("id", candidate), Harness.json(got).get("candidate"));
        }
    }

    @Test
    void applicationsNeedACandidateAndAJobFilterIsRefusedByName() {
        var noCandidate = harness.get("/unified/ats/applications?integrated_account_id=" + account);
        assertEquals(400, noCandidate.statusCode(), noCandidate.body());
        assertTrue(noCandidate.body().contains("candidate_id"), noCandidate.body());
        var byJob = harness.get("/unified/ats/applications?integrated_account_id=" + account
                + "&candidate_id=4&job_id=7263");
        assertEquals(400, byJob.statusCode(), byJob.body());
        assertTrue(byJob.body().contains("job_id"), byJob.body());
        var unknown = harness.get("/unified/ats/jobs?integrated_account_id=" + account + "&candidate_id=4");
        assertEquals(400, unknown.statusCode(), unknown.body());
        assertTrue(unknown.body().contains("candidate_id"), unknown.body());
    }

    @Test
    void everyJobIsListedWhateverItsStatusAndReadById() {
        var jobs = walk("jobs", "", 2);
        assertEquals(sandbox.teamtailor().jobIds(), ids(jobs), "drafts and archived jobs too, not only published ones");
        assertEquals(List.of("open", "open", "draft", "archived"), jobs.stream().map(j -> j.get("status")).toList());
        var got = harness.get("/unified/ats/jobs/" + jobs.get(2).get("id") + "?integrated_account_id=" + account);
        assertEquals(200, got.statusCode(), got.body());
        assertEquals("Marketing manager", Harness.json(got).get("name"));
        assertEquals("draft", Harness.json(got).get("status"));
        assertEquals(List.of(Map.of("id", "8")), Harness.json(got).get("recruiters"), "the job's user relation");
    }

    @Test
    void usersAreListedAndReadById() {
        var users = walk("users", "", 100);
        assertEquals(sandbox.teamtailor().userIds(), ids(users));
        var admin = users.get(0);
        assertEquals("Sandbox Admin", admin.get("name"));
        assertEquals("admin", admin.get("access_role"));
        assertEquals(List.of(Map.of("email", "sandbox.admin@example.com", "is_primary", true)), admin.get("emails"));
        var got = harness.get("/unified/ats/users/" + users.get(1).get("id") + "?integrated_account_id=" + account);
        assertEquals(200, got.statusCode(), got.body());
        assertEquals(users.get(1).get("name"), Harness.json(got).get("name"));
    }

    @Test
    void aNoteWrittenOnAListedCandidateAsAListedUserIsInItsActivities() {
        var candidate = walk("candidates", "", 100).get(40);
        var user = walk("users", "", 100).stream().filter(u -> !TeamtailorSimulator.USER_ID.equals(u.get("id")))
                .findFirst().orElseThrow();
        String body = "Core walk " + UUID.randomUUID();
        var created = harness.post(Harness.activities(account, "&remote_query%5Buser_id%5D=" + user.get("id")),
                "{\"candidate_id\": \"" + candidate.get("id") + "\", \"body\": \"" + body + "\"}");
        assertEquals(201, created.statusCode(), created.body());
        var listed = Pages.walk(harness, account, (String) candidate.get("id"), 100);
        var note = listed.stream().filter(n -> body.equals(n.get("body"))).findFirst().orElseThrow();
        assertEquals(Map.of("id", user.get("id"), "type", "user"), note.get("actor"));
    }

    @Test
    void aCandidateCreatedTwiceWithOneIdempotencyKeyIsCreatedOnce() {
        String email = "keyed." + UUID.randomUUID() + "@example.com";
        String body = "{\"first_name\": \"Keyed\", \"last_name\": \"Create\", \"emails\": [{\"email\": \"" + email
                + "\"}], \"phones\": [{\"number\": \"+46 70 123 4567\"}], \"tags\": [{\"name\": \"Referral\"}]}";
        var headers = Map.of("Authorization", "Bearer " + Harness.TOKEN, "Idempotency-Key", "tt-" + email,
                "Content-Type", "application/json");
        var first = harness.send("POST", "/unified/ats/candidates?integrated_account_id=" + account, body, headers);
        var second = harness.send("POST", "/unified/ats/candidates?integrated_account_id=" + account, body, headers);
        assertEquals(201, first.statusCode(), first.body());
        assertEquals(first.statusCode(), second.statusCode(), second.body());
        assertEquals(Harness.json(first).get("id"), Harness.json(second).get("id"));
        assertEquals(1, sandbox.teamtailor().candidatesWithEmail(email), "one candidate in Teamtailor");
        var created = Harness.json(first);
        assertEquals(List.of(Map.of("email", email)), created.get("emails"));
        assertEquals(List.of(Map.of("number", "+46 70 123 4567")), created.get("phones"));
        assertEquals(List.of(Map.of("name", "Referral")), created.get("tags"));

        // It is in the world: listed by its email, and read by id.
        var byEmail = walk("candidates", "&email=" + URLEncoder.encode(email, StandardCharsets.UTF_8), 100);
        assertEquals(List.of(created.get("id")), ids(byEmail));
        var got = harness.get("/unified/ats/candidates/" + created.get("id") + "?integrated_account_id=" + account);
        assertEquals("Keyed Create", Harness.json(got).get("name"));
    }

    @Test
    void aCandidateIsCreatedWithoutAKeyAndAnEmailIsRequired() {
        String email = "plain." + UUID.randomUUID() + "@example.com";
        var created = harness.post("/unified/ats/candidates?integrated_account_id=" + account,
                "{\"first_name\": \"Plain\", \"emails\": [{\"email\": \"" + email + "\"}]}");
        assertEquals(201, created.statusCode(), created.body());
        assertEquals("Plain", Harness.json(created).get("first_name"));
        assertNotNull(Harness.json(created).get("created_at"));
        assertEquals(1, sandbox.teamtailor().candidatesWithEmail(email));

        var noEmail = harness.post("/unified/ats/candidates?integrated_account_id=" + account,
                "{\"first_name\": \"Nobody\"}");
        assertEquals(400, noEmail.statusCode(), noEmail.body());
        assertTrue(noEmail.body().contains("emails"), noEmail.body());
        // Teamtailor creates an application on its own (POST /job-applications): none is sent with the candidate.
        var withJob = harness.post("/unified/ats/candidates?integrated_account_id=" + account + "&switchboard_dry_run=true",
                "{\"emails\": [{\"email\": \"x" + email + "\"}], \"applications\": [{\"job_id\": \"7263\"}]}");
        assertEquals(200, withJob.statusCode(), withJob.body());
        var sent = (Map<?, ?>) ((Map<?, ?>) Harness.json(withJob).get("request")).get("body");
        assertEquals(Map.of("data", Map.of("type", "candidates", "attributes", Map.of("email", "x" + email))), sent);
        assertEquals(0, sandbox.teamtailor().candidatesWithEmail("x" + email));
    }

    @Test
    void theProxyReachesTheEndpointsTheMappingsUse() {
        var page = harness.get("/proxy/candidates?integrated_account_id=" + account
                + "&page%5Bsize%5D=30&page%5Bnumber%5D=2");
        assertEquals(200, page.statusCode(), page.body());
        assertEquals(sandbox.teamtailor().candidateIds().subList(30, 60),
                ((List<?>) Harness.json(page).get("result")).stream().map(c -> ((Map<?, ?>) c).get("id")).toList());
        var published = harness.get("/proxy/jobs?integrated_account_id=" + account);
        assertEquals(200, published.statusCode(), published.body());
        assertEquals(2, ((List<?>) Harness.json(published).get("result")).size(), "Teamtailor lists published jobs unless asked");
        var applications = harness.get("/proxy/candidate-job-applications?integrated_account_id=" + account
                + "&candidate_id=" + TeamtailorSimulator.CANDIDATE_ID);
        assertEquals(200, applications.statusCode(), applications.body());
        assertEquals(sandbox.teamtailor().jobIdsOf(TeamtailorSimulator.CANDIDATE_ID).size(),
                ((List<?>) Harness.json(applications).get("result")).size());
        var user = harness.get("/proxy/users/" + TeamtailorSimulator.OTHER_USER_ID + "?integrated_account_id=" + account);
        assertEquals(200, user.statusCode(), user.body());
        assertEquals("Sandbox Recruiter", ((Map<?, ?>) Harness.json(user).get("attributes")).get("name"));
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
