package dev.switchboard.integrations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.Harness;
import dev.switchboard.sandbox.RecruiteeSimulator;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Recruitee's candidates, applications (a candidate's placements), jobs (offers) and the
 * users it lacks, through the unified API against the simulated Recruitee's world.
 */
class RecruiteeCoreTest {

    @RegisterExtension
    static final SandboxAccount account = SandboxAccount.perClass("recruitee");

    @ParameterizedTest
    @ValueSource(ints = {7, 100})
    void everyCandidateComesBackOnceWithItsEmailsAndCreationTime(int limit) {
        List<String> world = account.sandbox().recruitee().candidateIds();
        assertTrue(world.size() >= 120, "a page of 100 needs two Recruitee pages");
        var listed = account.walk("candidates", "", limit);
        List<Object> ids = listed.stream().map(item -> item.get("id")).toList();
        assertEquals(world.size(), new HashSet<>(ids).size(), "no candidate twice");
        assertEquals(world, ids, "each once, newest first, as Recruitee lists them");
        for (var candidate : listed) {
            assertNotNull(candidate.get("created_at"), candidate.toString());
            assertTrue(candidate.get("emails") instanceof List<?>, candidate.toString());
            assertNotNull(candidate.get("remote_data"), "the Recruitee candidate as it came");
        }
    }

    @Test
    void aCandidateAddedBetweenPagesMakesNoneComeBackTwice() {
        List<String> before = account.sandbox().recruitee().candidateIds();
        var first = Harness.json(account.get("candidates", "&limit=7"));
        var ids = new ArrayList<Object>(items(first).stream().map(item -> item.get("id")).toList());
        // Recruitee lists the newest first: this one pushes every other candidate down by one.
        account.sandbox().recruitee().addCandidate("999000111");
        String cursor = (String) first.get("next_cursor");
        while (cursor != null) {
            var page = Harness.json(account.get("candidates", "&limit=7&next_cursor=" + URLEncoder.encode(cursor,
                    StandardCharsets.UTF_8)));
            items(page).forEach(item -> ids.add(item.get("id")));
            cursor = (String) page.get("next_cursor");
        }
        assertEquals(before, ids, "every candidate there when the walk began, each once, in order");
    }

    @Test
    void aListedCandidateIsFetchedByIdWithItsPlacementsAsApplications() {
        var first = walkOnePage("candidates", "&limit=1").get(0);
        var got = account.get("candidates/" + first.get("id"), "");
        assertEquals(200, got.statusCode(), got.body());
        var candidate = Harness.json(got);
        assertEquals(first.get("id"), candidate.get("id"));
        assertEquals(first.get("name"), candidate.get("name"));
        assertEquals(first.get("applications"), candidate.get("applications"));
        // Recruitee keeps one full name: no first or last name is made up from it.
        assertTrue(!candidate.containsKey("first_name") && !candidate.containsKey("last_name"), candidate.toString());

        var missing = account.get("candidates/1", "");
        assertEquals(404, missing.statusCode(), missing.body());
    }

    @Test
    void aCandidatesApplicationsNameItsJobsAndTheJobsAreListed() {
        String candidate = RecruiteeSimulator.CANDIDATE_ID;
        var applications = account.walk("applications", "&candidate_id=" + candidate, 100);
        assertEquals(account.sandbox().recruitee().offersOf(candidate),
                applications.stream().map(application -> ((Map<?, ?>) application.get("job")).get("id")).toList());
        assertTrue(applications.stream().allMatch(a -> ((Map<?, ?>) a.get("candidate")).get("id").equals(candidate)));
        assertTrue(applications.stream().allMatch(a -> ((Map<?, ?>) a.get("current_stage")).get("name") != null),
                "the stage's name comes from the answer's references");

        var jobs = account.walk("jobs", "", 100);
        assertEquals(3, jobs.size(), jobs.toString());
        var jobIds = jobs.stream().map(job -> job.get("id")).toList();
        for (var application : applications) {
            Object job = ((Map<?, ?>) application.get("job")).get("id");
            assertTrue(jobIds.contains(job), job + " in " + jobIds);
            var got = account.get("jobs/" + job, "");
            assertEquals(200, got.statusCode(), got.body());
            assertEquals(job, Harness.json(got).get("id"));
            assertNotNull(Harness.json(got).get("name"));
        }
        assertEquals(List.of("open", "open", "closed"), jobs.stream().map(job -> job.get("status")).toList());
    }

    @Test
    void whatRecruiteeLacksIsRefusedWithTheReason() {
        // One placement is read through its candidate: without the candidate there is nothing to read.
        var application = account.get("applications/49000001", "");
        assertEquals(400, application.statusCode(), application.body());
        assertTrue(application.body().contains("candidate_id"), application.body());
        // Applications are read inside one candidate: without one there is nothing to read.
        var unscoped = account.get("applications", "");
        assertEquals(400, unscoped.statusCode(), unscoped.body());
        assertTrue(unscoped.body().contains("candidate_id"), unscoped.body());
    }

    @Test
    void aFilterRecruiteeCannotApplyIsRefusedNotIgnored() {
        var byEmail = account.get("candidates", "&email=a%40b.example");
        assertEquals(400, byEmail.statusCode(), byEmail.body());
        assertTrue(byEmail.body().contains("email"), byEmail.body());
        var byJob = account.get("applications", "&candidate_id="
                + RecruiteeSimulator.CANDIDATE_ID + "&job_id=1200001");
        assertEquals(400, byJob.statusCode(), byJob.body());
        assertTrue(byJob.body().contains("job_id"), byJob.body());
    }

    @Test
    void aNoteOnAListedCandidateComesBackInItsActivitiesWrittenByAListedUser() {
        var users = account.walk("users", "", 100);
        assertEquals(3, users.size(), users.toString());
        var user = users.get(0);
        var fetched = account.get("users/" + user.get("id"), "");
        assertEquals(200, fetched.statusCode(), fetched.body());
        assertEquals(user.get("name"), Harness.json(fetched).get("name"));
        assertEquals(404, account.get("users/999", "").statusCode());

        // Recruitee names no author on a write: a note is the token's own admin's, who is a listed user.
        String candidate = (String) walkOnePage("candidates", "&limit=3").get(2).get("id");
        var created = account.harness().post(Harness.activities(account.id(), ""),
                "{\"candidate_id\": \"" + candidate + "\", \"body\": \"Core walk note\"}");
        assertEquals(201, created.statusCode(), created.body());
        var notes = account.walk("activities", "&candidate_id=" + candidate, 100);
        var note = notes.stream().filter(n -> "Core walk note".equals(n.get("body"))).findFirst().orElseThrow();
        Object author = ((Map<?, ?>) note.get("actor")).get("id");
        assertTrue(users.stream().anyMatch(u -> u.get("id").equals(author)), author + " among " + users);
    }

    @Test
    void aCandidateCreatedWithAnIdempotencyKeyIsCreatedOnceAndListed() {
        String body = "{\"first_name\": \"Keyed\", \"last_name\": \"Once\", \"emails\": [{\"email\": \"keyed.once@example.com\"}],"
                + " \"applications\": [{\"job_id\": \"1200002\"}]}";
        int before = account.sandbox().recruitee().createdCandidates();
        var headers = Map.of("Authorization", "Bearer " + Harness.TOKEN, "Idempotency-Key", "recruitee-core-1");
        var first = account.harness().send("POST", account.path("candidates", ""),
                body, headers);
        var second = account.harness().send("POST", account.path("candidates", ""),
                body, headers);
        assertEquals(201, first.statusCode(), first.body());
        assertEquals(201, second.statusCode(), second.body());
        assertEquals(before + 1, account.sandbox().recruitee().createdCandidates(), "one candidate for one key");
        var candidate = Harness.json(first);
        assertEquals(candidate.get("id"), Harness.json(second).get("id"));
        assertEquals("Keyed Once", candidate.get("name"));
        assertEquals(List.of(Map.of("email", "keyed.once@example.com")), candidate.get("emails"));
        String id = (String) candidate.get("id");
        assertEquals(List.of("1200002"), account.sandbox().recruitee().offersOf(id), "placed on the job asked for");
        assertEquals(id, walkOnePage("candidates", "&limit=1").get(0).get("id"), "the newest is listed first");
        assertEquals(200, account.get("candidates/" + id, "").statusCode());
    }

    @Test
    void aCandidateIsCreatedWithoutAKeyAndANameIsRequiredBeforeAnyCall() {
        int before = account.sandbox().recruitee().createdCandidates();
        var created = account.harness().post(account.path("candidates", ""),
                "{\"first_name\": \"Unkeyed\", \"phones\": [{\"number\": \"+31 6 1234 5678\"}]}");
        assertEquals(201, created.statusCode(), created.body());
        assertEquals(List.of(Map.of("number", "+31 6 1234 5678")), Harness.json(created).get("phones"));
        assertEquals(before + 1, account.sandbox().recruitee().createdCandidates());

        var nameless = account.harness().post(account.path("candidates", ""),
                "{\"emails\": [{\"email\": \"nobody@example.com\"}]}");
        assertEquals(400, nameless.statusCode(), nameless.body());
        assertTrue(nameless.body().contains("first_name"), nameless.body());
        assertEquals(before + 1, account.sandbox().recruitee().createdCandidates(), "nothing sent");
    }

    @Test
    void aCreateWhoseAnswerWasLostIsFoundAmongTheCandidatesNotMadeTwice() {
        int before = account.sandbox().recruitee().createdCandidates();
        account.sandbox().recruitee().failNextCandidateCreateAfterWriting();
        var created = account.harness().post(account.path("candidates", ""),
                "{\"first_name\": \"Lost\", \"last_name\": \"Answer\", \"emails\": [{\"email\": \"lost.answer@example.com\"}]}");
        assertEquals(201, created.statusCode(), created.body());
        assertEquals(before + 1, account.sandbox().recruitee().createdCandidates(), "written once, found, not sent again");
        assertEquals(account.sandbox().recruitee().candidateIds().get(0), Harness.json(created).get("id"));
    }

    private static List<Map<String, Object>> walkOnePage(String resource, String query) {
        var response = account.get(resource, query);
        assertEquals(200, response.statusCode(), response.body());
        return items(Harness.json(response));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> items(Map<String, Object> body) {
        return (List<Map<String, Object>>) body.getOrDefault("result", List.of());
    }
}
