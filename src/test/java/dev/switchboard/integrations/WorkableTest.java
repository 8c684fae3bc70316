package dev.switchboard.integrations;

import static dev.switchboard.integrations.SandboxAccount.ids;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.Harness;
import dev.switchboard.sandbox.WorkableSimulator;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Workable through the unified API, against the simulated Workable: comments as notes,
 * policy only where it narrows, the member a note is written as, paging by next URL, the
 * account's subdomain, and the 10-per-10-seconds limit.
 */
class WorkableTest {

    @RegisterExtension
    static final SandboxAccount account = SandboxAccount.perClass("workable");

    @Test
    void aCommentIsWrittenAsTheAccountsMemberAndListedAsANote() {
        var created = account.harness().post(Harness.activities(account.id(), ""),
                "{\"candidate_id\": \"" + WorkableSimulator.CANDIDATE_ID + "\", \"body\": \"Workable e2e\"}");
        assertEquals(201, created.statusCode(), created.body());
        var note = Harness.json(created);
        // The documented answer is an empty 201: what was written is answered, with no invented id or time.
        assertNull(note.get("id"));
        assertNull(note.get("created_at"));
        assertEquals(Map.of("id", WorkableSimulator.MEMBER_ID, "type", "user"), note.get("actor"));
        assertEquals("public", note.get("visibility"));

        var listed = account.walk("activities", "&candidate_id=" + WorkableSimulator.CANDIDATE_ID, 100);
        assertTrue(listed.stream().anyMatch(item -> "Workable e2e".equals(item.get("body"))), listed.toString());
        // The feed also holds the application, which is no comment and is not listed as a note.
        assertTrue(account.sandbox().workable().activitiesOf(WorkableSimulator.CANDIDATE_ID).stream()
                .anyMatch(activity -> activity.get("action").equals("applied")));
        assertTrue(listed.stream().allMatch(item -> "note".equals(item.get("activity_type"))));
        assertEquals(listed.size(), account.sandbox().workable().activitiesOf(WorkableSimulator.CANDIDATE_ID).stream()
                .filter(activity -> activity.get("action").equals("comment")).count());
    }

    @Test
    void theRecordedLiveAnswerGivesTheId() {
        account.sandbox().workable().answerCreatesWithId(true);
        try {
            var created = account.harness().post(Harness.activities(account.id(), ""),
                    "{\"candidate_id\": \"" + WorkableSimulator.CANDIDATE_ID + "\", \"body\": \"with an id\"}");
            assertEquals(201, created.statusCode(), created.body());
            String id = (String) Harness.json(created).get("id");
            assertTrue(ids(account.walk("activities", "&candidate_id=" + WorkableSimulator.CANDIDATE_ID, 100)).contains(id));
        } finally {
            account.sandbox().workable().answerCreatesWithId(false);
        }
    }

    @Test
    void adminOnlyBecomesTheAdminPolicyAndPrivateIsRefused() {
        var created = account.harness().post(Harness.activities(account.id(), ""), "{\"candidate_id\": \""
                + WorkableSimulator.CANDIDATE_ID + "\", \"body\": \"admins only\", \"visibility\": \"admin_only\"}");
        assertEquals(201, created.statusCode(), created.body());
        assertEquals("admin_only", Harness.json(created).get("visibility"));
        var stored = account.sandbox().workable().activitiesOf(WorkableSimulator.CANDIDATE_ID).stream()
                .filter(activity -> "admins only".equals(activity.get("body"))).findFirst().orElseThrow();
        assertEquals(List.of("admin"), stored.get("policy"));

        // No policy narrows a comment to its author: private would be widened, so it is refused.
        int before = account.sandbox().workable().activitiesOf(WorkableSimulator.CANDIDATE_ID).size();
        var refused = account.harness().post(Harness.activities(account.id(), ""), "{\"candidate_id\": \""
                + WorkableSimulator.CANDIDATE_ID + "\", \"body\": \"secret\", \"visibility\": \"private\"}");
        assertEquals(400, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("visibility"), refused.body());
        assertEquals(before, account.sandbox().workable().activitiesOf(WorkableSimulator.CANDIDATE_ID).size());
    }

    @Test
    void anotherMemberIsNamedInTheBodyNotTheQuery() {
        var dry = account.harness().post(Harness.activities(account.id(), "&remote_query[member_id]="
                + WorkableSimulator.OTHER_MEMBER_ID
                + "&switchboard_dry_run=true"), "{\"candidate_id\": \"" + WorkableSimulator.CANDIDATE_ID
                + "\", \"body\": \"as Ben\"}");
        assertEquals(200, dry.statusCode(), dry.body());
        @SuppressWarnings("unchecked")
        var request = (Map<String, Object>) Harness.json(dry).get("request");
        assertEquals(Map.of("member_id", WorkableSimulator.OTHER_MEMBER_ID, "comment", Map.of("body", "as Ben")),
                request.get("body"));
        assertNull(URI.create((String) request.get("url")).getQuery(), "member_id stays out of the query");

        var created = account.harness().post(Harness.activities(account.id(), "&remote_query[member_id]="
                + WorkableSimulator.OTHER_MEMBER_ID), "{\"candidate_id\": \"" + WorkableSimulator.CANDIDATE_ID
                + "\", \"body\": \"as Ben\"}");
        assertEquals(Map.of("id", WorkableSimulator.OTHER_MEMBER_ID, "type", "user"), Harness.json(created).get("actor"));
    }

    @Test
    void withoutAnyMemberTheCreateIsRefusedBeforeSending() {
        String bare = account.harness().account("workable", Map.of("api_token", WorkableSimulator.API_TOKEN,
                "subdomain", WorkableSimulator.SUBDOMAIN, "base_url", account.sandbox().workableUrl()));
        int before = account.sandbox().workable().activitiesOf(WorkableSimulator.CANDIDATE_ID).size();
        var refused = account.harness().post(Harness.activities(bare, ""),
                "{\"candidate_id\": \"" + WorkableSimulator.CANDIDATE_ID + "\", \"body\": \"nobody\"}");
        assertEquals(400, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("remote_query[member_id]"), refused.body());
        assertTrue(refused.body().contains("member_id' in the account's context"), refused.body());
        assertEquals(before, account.sandbox().workable().activitiesOf(WorkableSimulator.CANDIDATE_ID).size());
    }

    @Test
    void theSubdomainChoosesTheHost() {
        String acme = account.harness().account("workable", Map.of("api_token", "t", "subdomain", "acme",
                "member_id", WorkableSimulator.MEMBER_ID));
        var dry = account.harness().post(Harness.activities(acme, "&switchboard_dry_run=true"),
                "{\"candidate_id\": \"3fc9a8\", \"body\": \"x\"}");
        assertEquals(200, dry.statusCode(), dry.body());
        assertEquals("https://acme.workable.com/spi/v3/candidates/3fc9a8/comments",
                ((Map<?, ?>) Harness.json(dry).get("request")).get("url"));
        // A host of Workable's own is accepted as a base_url; another is not.
        assertEquals(201, account.harness().post("/integrated-accounts?connect_check=skip",
                "{\"integration\": \"workable\", \"tenant_id\": \"t\", "
                + "\"context\": {\"api_token\": \"t\", \"subdomain\": \"acme\", \"base_url\": "
                + "\"https://other.workable.com/spi/v3\"}}").statusCode());
        var foreign = account.harness().post("/integrated-accounts?connect_check=skip",
                "{\"integration\": \"workable\", \"tenant_id\": \"t\", "
                + "\"context\": {\"api_token\": \"t\", \"subdomain\": \"acme\", \"base_url\": "
                + "\"https://acme.workable.com.evil.example/spi/v3\"}}");
        assertEquals(400, foreign.statusCode(), foreign.body());
    }

    @Test
    void aLongFeedIsWalkedByNextUrlWithinTheRateLimit() {
        String candidate = "walk-" + System.nanoTime();
        account.sandbox().workable().addCandidate(candidate);
        var written = new ArrayList<Object>();
        for (int i = 0; i < 23; i++) {
            written.add(account.sandbox().workable().addComment(candidate, WorkableSimulator.MEMBER_ID, "comment " + i));
        }
        int limitedBefore = account.sandbox().workable().rateLimited();
        var listed = account.walk("activities", "&candidate_id=" + candidate, 5);
        assertEquals(written, ids(listed), "each comment once, in order");
        assertEquals(23, new HashSet<>(ids(listed)).size());
        assertFalse(listed.isEmpty());
        // Switchboard kept under 10 calls per 10 s: Workable never had to refuse one.
        assertEquals(limitedBefore, account.sandbox().workable().rateLimited());
    }
}
