package dev.switchboard.integrations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.Harness;
import dev.switchboard.sandbox.WorkableSimulator;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Workable's candidates, jobs and members, and its candidates as their one job's applications, through the unified
 * API against the simulated Workable's world, paged by next URL. Its 10-per-10-seconds limit is
 * off here: {@link WorkableRateLimitTest} walks every candidate within it.
 */
class WorkableCoreTest {

    @RegisterExtension
    static final SandboxAccount account = SandboxAccount.perClass("workable").withoutRateLimit();

    @Test
    void theEmailFilterReachesWorkableAndAListedCandidateIsFetchedById() {
        var first = page("candidates", "&limit=2").get(1);
        String email = (String) ((Map<?, ?>) ((List<?>) first.get("emails")).get(0)).get("email");
        var found = page("candidates", "&email=" + URLEncoder.encode(email, StandardCharsets.UTF_8));
        assertEquals(List.of(first.get("id")), found.stream().map(c -> c.get("id")).toList());

        var got = account.get("candidates/" + first.get("id"), "");
        assertEquals(200, got.statusCode(), got.body());
        var candidate = Harness.json(got);
        assertEquals(first.get("first_name"), candidate.get("first_name"));
        assertEquals(first.get("last_name"), candidate.get("last_name"));
        assertEquals(account.sandbox().workable().jobOf((String) first.get("id")),
                ((Map<?, ?>) ((Map<?, ?>) candidate.get("remote_data")).get("job")).get("shortcode"));
        assertEquals(404, account.get("candidates/ffffff", "").statusCode());
    }

    @Test
    void jobsAreListedAndFetchedByShortcode() {
        var jobs = account.walk("jobs", "", 2);
        assertEquals(List.of("SANDB001", "SANDB002", "SANDB003"), jobs.stream().map(job -> job.get("id")).toList());
        assertEquals(List.of("open", "open", "closed"), jobs.stream().map(job -> job.get("status")).toList());
        String shortcode = account.sandbox().workable().jobOf(WorkableSimulator.CANDIDATE_ID);
        var got = account.get("jobs/" + shortcode, "");
        assertEquals(200, got.statusCode(), got.body());
        assertEquals(shortcode, Harness.json(got).get("id"));
        assertEquals(404, account.get("jobs/NOPE0001", "").statusCode());
    }

    @Test
    void eachCandidateIsItsOneJobsApplicationListedByJobAndFetchedById() {
        String id = WorkableSimulator.CANDIDATE_ID;
        var got = account.get("applications/" + id, "");
        assertEquals(200, got.statusCode(), got.body());
        var application = Harness.json(got);
        assertEquals(id, application.get("id"));
        assertEquals(Map.of("id", id), application.get("candidate"));
        assertEquals(Map.of("id", account.sandbox().workable().jobOf(id)), application.get("job"));
        assertEquals(account.sandbox().workable().stageOf(id), ((Map<?, ?>) application.get("current_stage")).get("id"));
        assertEquals(404, account.get("applications/ffffff", "").statusCode());

        var listed = account.walk("applications", "&job_id=SANDB002", 30);
        var expected = account.sandbox().workable().candidateIds().stream()
                .filter(candidate -> account.sandbox().workable().jobOf(candidate).equals("SANDB002")).toList();
        assertEquals(expected, listed.stream().map(item -> item.get("id")).toList(), "each of the job's once, in order");
        assertTrue(listed.stream().allMatch(item -> Map.of("id", "SANDB002").equals(item.get("job"))));

        var byCandidate = account.get("applications", "&candidate_id=" + id);
        assertEquals(400, byCandidate.statusCode(), "the candidate list has no candidate filter: get the application by id");
        assertTrue(byCandidate.body().contains("candidate_id"), byCandidate.body());
    }

    @Test
    void aNoteOnAListedCandidateAsAListedUserComesBackInItsActivities() {
        var users = account.walk("users", "", 100);
        assertEquals(3, users.size(), users.toString());
        String user = (String) users.get(1).get("id");
        var fetched = account.get("users/" + user, "");
        assertEquals(200, fetched.statusCode(), fetched.body());
        assertEquals(users.get(1).get("name"), Harness.json(fetched).get("name"));
        assertEquals(404, account.get("users/13e0ff", "").statusCode());

        String candidate = (String) page("candidates", "&limit=5").get(4).get("id");
        var created = account.harness().post(Harness.activities(account.id(), "&remote_query[member_id]=" + user),
                "{\"candidate_id\": \"" + candidate + "\", \"body\": \"Written by a listed member\"}");
        assertEquals(201, created.statusCode(), created.body());
        var notes = account.walk("activities", "&candidate_id=" + candidate, 100);
        var note = notes.stream().filter(n -> "Written by a listed member".equals(n.get("body"))).findFirst().orElseThrow();
        assertEquals(Map.of("id", user, "type", "user"), note.get("actor"));
    }

    @Test
    void aCandidateIsCreatedInItsJobOnceForOneIdempotencyKey() {
        String body = "{\"first_name\": \"Keyed\", \"last_name\": \"Once\", \"emails\": [{\"email\": \"keyed.once@example.com\"}],"
                + " \"applications\": [{\"job_id\": \"SANDB002\"}]}";
        int before = account.sandbox().workable().createdCandidates();
        var headers = Map.of("Authorization", "Bearer " + Harness.TOKEN, "Idempotency-Key", "workable-core-1");
        var first = account.harness().send("POST", account.path("candidates", ""),
                body, headers);
        var second = account.harness().send("POST", account.path("candidates", ""),
                body, headers);
        assertEquals(201, first.statusCode(), first.body());
        assertEquals(201, second.statusCode(), second.body());
        assertEquals(before + 1, account.sandbox().workable().createdCandidates(), "one candidate for one key");
        String id = (String) Harness.json(first).get("id");
        assertEquals(id, Harness.json(second).get("id"));
        assertEquals("SANDB002", account.sandbox().workable().jobOf(id));
        var found = page("candidates", "&email=keyed.once%40example.com");
        assertEquals(List.of(id), found.stream().map(c -> c.get("id")).toList());
    }

    @Test
    void aCandidateIsCreatedWithoutAKeyAndItsJobIsRequiredBeforeAnyCall() {
        int before = account.sandbox().workable().createdCandidates();
        var created = account.harness().post(account.path("candidates", ""),
                "{\"first_name\": \"No\", \"last_name\": \"Key\", \"emails\": [{\"email\": \"no.key@example.com\"}],"
                        + " \"tags\": [{\"name\": \"referral\"}], \"applications\": [{\"job_id\": \"SANDB001\"}]}");
        assertEquals(201, created.statusCode(), created.body());
        assertEquals(List.of(Map.of("name", "referral")), Harness.json(created).get("tags"));
        assertEquals(before + 1, account.sandbox().workable().createdCandidates());

        var jobless = account.harness().post(account.path("candidates", ""),
                "{\"first_name\": \"No\", \"last_name\": \"Job\", \"emails\": [{\"email\": \"no.job@example.com\"}]}");
        assertEquals(400, jobless.statusCode(), jobless.body());
        assertTrue(jobless.body().contains("applications"), jobless.body());
        assertEquals(before + 1, account.sandbox().workable().createdCandidates(), "nothing sent");

        var noJobId = account.harness().post(account.path("candidates", ""),
                "{\"first_name\": \"No\", \"last_name\": \"Id\", \"emails\": [{\"email\": \"no.id@example.com\"}],"
                        + " \"applications\": [{}]}");
        assertEquals(400, noJobId.statusCode(), noJobId.body());
        assertTrue(noJobId.body().contains("each item needs 'job_id'"), noJobId.body());
        var twoJobs = account.harness().post(account.path("candidates", ""),
                "{\"first_name\": \"Two\", \"last_name\": \"Jobs\", \"emails\": [{\"email\": \"two@example.com\"}],"
                        + " \"applications\": [{\"job_id\": \"SANDB001\"}, {\"job_id\": \"SANDB002\"}]}");
        assertEquals(400, twoJobs.statusCode(), "a Workable candidate is in one job: a second is refused, not dropped");
        assertEquals(before + 1, account.sandbox().workable().createdCandidates(), "nothing sent");
    }

    @Test
    void aFilterTheCandidateListDoesNotTakeIsRefused() {
        var response = account.get("candidates", "&job_id=SANDB001");
        assertEquals(400, response.statusCode(), response.body());
        assertTrue(response.body().contains("job_id"), response.body());
    }

    @Test
    void aCreateWhoseAnswerWasLostIsFoundByItsEmailNotMadeTwice() {
        int before = account.sandbox().workable().createdCandidates();
        account.sandbox().workable().failNextCandidateCreateAfterWriting();
        var created = account.harness().post(account.path("candidates", ""),
                "{\"first_name\": \"Lost\", \"last_name\": \"Answer\", \"emails\": [{\"email\": \"lost.answer@example.com\"}],"
                        + " \"applications\": [{\"job_id\": \"SANDB001\"}]}");
        assertEquals(201, created.statusCode(), created.body());
        assertEquals(before + 1, account.sandbox().workable().createdCandidates(), "written once, found, not sent again");
        var ids = account.sandbox().workable().candidateIds();
        assertEquals(ids.get(ids.size() - 1), Harness.json(created).get("id"));
    }

    private static List<Map<String, Object>> page(String resource, String query) {
        var response = account.get(resource, query);
        assertEquals(200, response.statusCode(), response.body());
        return items(Harness.json(response));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> items(Map<String, Object> body) {
        return (List<Map<String, Object>>) body.getOrDefault("result", List.of());
    }
}
