package dev.switchboard.integrations;

import static dev.switchboard.integrations.SandboxAccount.ids;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.Harness;
import dev.switchboard.sandbox.Sandbox;
import dev.switchboard.sandbox.TeamtailorSimulator;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Teamtailor's candidates, job applications, jobs and users through the unified API, against
 * the simulated Teamtailor's world: 124 candidates read 30 at most per provider page, a
 * candidate's applications read through its relation with their jobs included, every job
 * whatever its status, and candidates created as a JSON:API document.
 */
class TeamtailorCoreTest {

    @RegisterExtension
    static final SandboxAccount account = SandboxAccount.perClass("teamtailor");

    @Test
    void everyCandidateComesBackOnceAtLimitSevenAndAHundred() {
        List<String> world = account.sandbox().teamtailor().candidateIds();
        assertTrue(world.size() >= 120, "the world needs several provider pages of 30: " + world.size());
        for (int limit : List.of(7, 100)) {
            var listed = account.walk("candidates", "", limit);
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
        var first = account.walk("candidates", "", 5).get(0);
        var got = account.get("candidates/" + first.get("id"), "");
        assertEquals(200, got.statusCode(), got.body());
        var candidate = Harness.json(got);
        assertEquals(first.get("id"), candidate.get("id"));
        assertEquals(first.get("emails"), candidate.get("emails"));
        assertEquals(first.get("name"), candidate.get("first_name") + " " + candidate.get("last_name"));
        assertFalse(((List<?>) candidate.get("applications")).isEmpty(), candidate.toString());
        assertEquals(first.get("id"), ((Map<?, ?>) candidate.get("remote_data")).get("id"));
        // No field is null presented as data: a null pitch or picture is simply absent.
        assertFalse(candidate.containsValue(null), candidate.toString());

        var missing = account.get("candidates/99999999", "");
        assertEquals(404, missing.statusCode(), missing.body());
    }

    @Test
    void aCandidatesApplicationsNameItsJobs() {
        String candidate = TeamtailorSimulator.CANDIDATE_ID;
        var applications = account.walk("applications", "&candidate_id=" + candidate, 100);
        assertEquals(account.sandbox().teamtailor().jobIdsOf(candidate),
                applications.stream().map(a -> ((Map<?, ?>) a.get("job")).get("id")).toList());
        for (var application : applications) {
            assertEquals(Map.of("id", candidate), application.get("candidate"));
            var got = account.get("applications/" + application.get("id"), "");
            assertEquals(200, got.statusCode(), got.body());
            assertEquals(application.get("job"), Harness.json(got).get("job"));
            assertEquals(Map.of("id", candidate), Harness.json(got).get("candidate"));
        }
    }

    @Test
    void applicationsNeedACandidateAndAJobFilterIsRefusedByName() {
        var noCandidate = account.get("applications", "");
        assertEquals(400, noCandidate.statusCode(), noCandidate.body());
        assertTrue(noCandidate.body().contains("candidate_id"), noCandidate.body());
        var byJob = account.get("applications", "&candidate_id=4&job_id=7263");
        assertEquals(400, byJob.statusCode(), byJob.body());
        assertTrue(byJob.body().contains("job_id"), byJob.body());
        var unknown = account.get("jobs", "&candidate_id=4");
        assertEquals(400, unknown.statusCode(), unknown.body());
        assertTrue(unknown.body().contains("candidate_id"), unknown.body());
    }

    @Test
    void everyJobIsListedWhateverItsStatusAndReadById() {
        var jobs = account.walk("jobs", "", 2);
        assertEquals(account.sandbox().teamtailor().jobIds(), ids(jobs), "drafts and archived jobs too, not only published ones");
        assertEquals(List.of("open", "open", "draft", "archived"), jobs.stream().map(j -> j.get("status")).toList());
        var got = account.get("jobs/" + jobs.get(2).get("id"), "");
        assertEquals(200, got.statusCode(), got.body());
        assertEquals("Marketing manager", Harness.json(got).get("name"));
        assertEquals("draft", Harness.json(got).get("status"));
        assertEquals(List.of(Map.of("id", "8")), Harness.json(got).get("recruiters"), "the job's user relation");
    }

    @Test
    void usersAreListedAndReadById() {
        var users = account.walk("users", "", 100);
        assertEquals(account.sandbox().teamtailor().userIds(), ids(users));
        var admin = users.get(0);
        assertEquals("Sandbox Admin", admin.get("name"));
        assertEquals("admin", admin.get("access_role"));
        assertEquals(List.of(Map.of("email", "sandbox.admin@example.com", "is_primary", true)), admin.get("emails"));
        var got = account.get("users/" + users.get(1).get("id"), "");
        assertEquals(200, got.statusCode(), got.body());
        assertEquals(users.get(1).get("name"), Harness.json(got).get("name"));
    }

    @Test
    void aNoteWrittenOnAListedCandidateAsAListedUserIsInItsActivities() {
        var candidate = account.walk("candidates", "", 100).get(40);
        var user = account.walk("users", "", 100).stream().filter(u -> !TeamtailorSimulator.USER_ID.equals(u.get("id")))
                .findFirst().orElseThrow();
        String body = "Core walk " + UUID.randomUUID();
        var created = account.harness().post(Harness.activities(account.id(), "&remote_query%5Buser_id%5D=" + user.get("id")),
                "{\"candidate_id\": \"" + candidate.get("id") + "\", \"body\": \"" + body + "\"}");
        assertEquals(201, created.statusCode(), created.body());
        var listed = account.walk("activities", "&candidate_id=" + (String) candidate.get("id"), 100);
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
        var first = account.harness().send("POST", account.path("candidates", ""),
                body, headers);
        var second = account.harness().send("POST", account.path("candidates", ""),
                body, headers);
        assertEquals(201, first.statusCode(), first.body());
        assertEquals(first.statusCode(), second.statusCode(), second.body());
        assertEquals(Harness.json(first).get("id"), Harness.json(second).get("id"));
        assertEquals(1, account.sandbox().teamtailor().candidatesWithEmail(email), "one candidate in Teamtailor");
        var created = Harness.json(first);
        assertEquals(List.of(Map.of("email", email)), created.get("emails"));
        assertEquals(List.of(Map.of("number", "+46 70 123 4567")), created.get("phones"));
        assertEquals(List.of(Map.of("name", "Referral")), created.get("tags"));

        // It is in the world: listed by its email, and read by id.
        var byEmail = account.walk("candidates", "&email=" + URLEncoder.encode(email, StandardCharsets.UTF_8), 100);
        assertEquals(List.of(created.get("id")), ids(byEmail));
        var got = account.get("candidates/" + created.get("id"), "");
        assertEquals("Keyed Create", Harness.json(got).get("name"));
    }

    @Test
    void aCandidateIsCreatedWithoutAKeyAndAnEmailIsRequired() {
        String email = "plain." + UUID.randomUUID() + "@example.com";
        var created = account.harness().post(account.path("candidates", ""),
                "{\"first_name\": \"Plain\", \"emails\": [{\"email\": \"" + email + "\"}]}");
        assertEquals(201, created.statusCode(), created.body());
        assertEquals("Plain", Harness.json(created).get("first_name"));
        assertNotNull(Harness.json(created).get("created_at"));
        assertEquals(1, account.sandbox().teamtailor().candidatesWithEmail(email));

        var noEmail = account.harness().post(account.path("candidates", ""),
                "{\"first_name\": \"Nobody\"}");
        assertEquals(400, noEmail.statusCode(), noEmail.body());
        assertTrue(noEmail.body().contains("emails"), noEmail.body());
        // Teamtailor creates an application on its own (POST /job-applications): none is sent with the candidate.
        var withJob = account.harness().post(account.path("candidates", "&switchboard_dry_run=true"),
                "{\"emails\": [{\"email\": \"x" + email + "\"}], \"applications\": [{\"job_id\": \"7263\"}]}");
        assertEquals(200, withJob.statusCode(), withJob.body());
        var sent = (Map<?, ?>) ((Map<?, ?>) Harness.json(withJob).get("request")).get("body");
        assertEquals(Map.of("data", Map.of("type", "candidates", "attributes", Map.of("email", "x" + email))), sent);
        assertEquals(0, account.sandbox().teamtailor().candidatesWithEmail("x" + email));
    }

    @Test
    void theProxyReachesTheEndpointsTheMappingsUse() {
        var page = account.harness().get("/proxy/candidates?integrated_account_id=" + account.id()
                + "&page%5Bsize%5D=30&page%5Bnumber%5D=2");
        assertEquals(200, page.statusCode(), page.body());
        assertEquals(account.sandbox().teamtailor().candidateIds().subList(30, 60),
                ((List<?>) Harness.json(page).get("result")).stream().map(c -> ((Map<?, ?>) c).get("id")).toList());
        var published = account.harness().get("/proxy/jobs?integrated_account_id=" + account.id());
        assertEquals(200, published.statusCode(), published.body());
        assertEquals(2, ((List<?>) Harness.json(published).get("result")).size(), "Teamtailor lists published jobs unless asked");
        var applications = account.harness().get("/proxy/candidate-job-applications?integrated_account_id=" + account.id()
                + "&candidate_id=" + TeamtailorSimulator.CANDIDATE_ID);
        assertEquals(200, applications.statusCode(), applications.body());
        assertEquals(account.sandbox().teamtailor().jobIdsOf(TeamtailorSimulator.CANDIDATE_ID).size(),
                ((List<?>) Harness.json(applications).get("result")).size());
        var user = account.harness().get("/proxy/users/" + TeamtailorSimulator.OTHER_USER_ID + "?integrated_account_id="
                + account.id());
        assertEquals(200, user.statusCode(), user.body());
        assertEquals("Sandbox Recruiter", ((Map<?, ?>) Harness.json(user).get("attributes")).get("name"));
    }
}
