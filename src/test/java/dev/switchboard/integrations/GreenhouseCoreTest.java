package dev.switchboard.integrations;

import static dev.switchboard.integrations.SandboxAccount.ids;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.Harness;
import dev.switchboard.sandbox.GreenhouseSimulator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Greenhouse Harvest v3's candidates, applications, jobs and users through the unified API,
 * against the simulated Greenhouse's world: bare arrays paged by the Link header, one object
 * read through the ids filter, applications filtered by their parents' ids, and no candidate
 * create, as v3 documents no body for one.
 */
class GreenhouseCoreTest {

    @RegisterExtension
    static final SandboxAccount account = SandboxAccount.perClass("greenhouse");

    @Test
    void everyCandidateComesBackOnceAtLimitSevenAndAHundred() {
        List<String> world = account.sandbox().greenhouse().candidateIds();
        assertTrue(world.size() > 100, "a page of 100 needs two provider pages: " + world.size());
        for (int limit : List.of(7, 100)) {
            var listed = account.walk("candidates", "", limit);
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
        var listed = account.walk("candidates", "", 100).get(8);
        var got = account.get("candidates/" + listed.get("id"), "");
        assertEquals(200, got.statusCode(), got.body());
        var candidate = Harness.json(got);
        assertEquals(listed.get("id"), candidate.get("id"));
        assertEquals(listed.get("emails"), candidate.get("emails"));
        assertEquals("The Tustin Box Company", candidate.get("company"));
        assertEquals(List.of(Map.of("number", "555-555-0008", "type", "mobile")), candidate.get("phones"));
        assertFalse(candidate.containsKey("applications"), "a v3 candidate names no applications");
        assertFalse(candidate.containsValue(null), candidate.toString());

        var missing = account.get("candidates/1", "");
        assertEquals(404, missing.statusCode(), missing.body());
    }

    @Test
    void aCandidatesApplicationsNameItsJobsAndAJobsApplicationsItsCandidates() {
        String candidate = GreenhouseSimulator.CANDIDATE_ID;
        var applications = account.walk("applications", "&candidate_id=" + candidate, 100);
        assertEquals(account.sandbox().greenhouse().jobIdsOf(candidate),
                applications.stream().map(a -> ((Map<?, ?>) a.get("job")).get("id")).toList());
        applications.forEach(a -> assertEquals(Map.of("id", candidate), a.get("candidate")));
        var got = account.get("applications/" + applications.get(0).get("id"), "");
        assertEquals(200, got.statusCode(), got.body());
        assertEquals(applications.get(0).get("job"), Harness.json(got).get("job"));

        var ofJob = account.walk("applications", "&job_id=6406", 7);
        assertFalse(ofJob.isEmpty());
        ofJob.forEach(a -> assertEquals(Map.of("id", "6406"), a.get("job")));
        var both = account.walk("applications", "&job_id=6406&candidate_id=" + candidate, 100);
        assertEquals(0, both.size(), "candidate " + candidate + " did not apply to 6406: " + both);
    }

    @Test
    void jobsAndUsersAreListedAndReadById() {
        var jobs = account.walk("jobs", "", 2);
        assertEquals(account.sandbox().greenhouse().jobIds(), ids(jobs));
        assertEquals(List.of("open", "open", "closed"), jobs.stream().map(j -> j.get("status")).toList());
        var job = Harness.json(account.get("jobs/6405", ""));
        assertEquals("Flight Engineer", job.get("name"));
        assertEquals("abc124", job.get("requisition_id"));

        var users = account.walk("users", "", 100);
        assertEquals(account.sandbox().greenhouse().userIds(), ids(users));
        var user = Harness.json(account.get("users/" + GreenhouseSimulator.OTHER_USER_ID, ""));
        assertEquals("Juliet", user.get("first_name"));
        assertEquals(List.of(Map.of("email", "juliet.burke@example.com", "is_primary", true)), user.get("emails"));
        assertEquals(false, user.get("disabled"));
    }

    @Test
    void aNoteOnAListedCandidateByAListedUserIsInItsActivities() {
        // Harvest v3 has no note write: the note is written in Greenhouse itself, by a listed user.
        var candidate = account.walk("candidates", "", 100).get(60);
        var user = account.walk("users", "", 100).get(2);
        String body = "Core walk " + UUID.randomUUID();
        account.sandbox().greenhouse().addNote((String) candidate.get("id"), (String) user.get("id"), body, "public");
        var activities = account.walk("activities", "&candidate_id=" + (String) candidate.get("id"), 100);
        var note = activities.stream().filter(a -> body.equals(a.get("body"))).findFirst().orElseThrow();
        assertEquals(Map.of("id", user.get("id"), "type", "user"), note.get("actor"));
    }

    @Test
    void aCandidateCannotBeCreatedAndAFilterGreenhouseDoesNotTakeIsRefused() {
        var create = account.harness().post(account.path("candidates", ""),
                "{\"first_name\": \"No\", \"emails\": [{\"email\": \"no@example.com\"}]}");
        assertEquals(400, create.statusCode(), create.body());
        assertTrue(create.body().contains("write-endpoint-migration-guide"), create.body());
        var byEmail = account.get("candidates", "&email=x%40example.com");
        assertEquals(400, byEmail.statusCode(), byEmail.body());
        assertTrue(byEmail.body().contains("email"), byEmail.body());
    }

    @Test
    void theProxyListsABareArray() {
        var users = account.harness().get("/proxy/users?integrated_account_id=" + account.id());
        assertEquals(200, users.statusCode(), users.body());
        assertEquals(account.sandbox().greenhouse().userIds(), ((List<?>) Harness.json(users).get("result")).stream()
                .map(u -> String.valueOf(((Map<?, ?>) u).get("id"))).toList());
        var applications = account.harness().get("/proxy/applications?integrated_account_id=" + account.id() + "&candidate_ids="
                + GreenhouseSimulator.CANDIDATE_ID);
        assertEquals(200, applications.statusCode(), applications.body());
        assertEquals(account.sandbox().greenhouse().jobIdsOf(GreenhouseSimulator.CANDIDATE_ID).size(),
                ((List<?>) Harness.json(applications).get("result")).size());
    }
}
