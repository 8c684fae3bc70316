package dev.switchboard.integrations;

import static dev.switchboard.integrations.SandboxAccount.ids;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.Harness;
import dev.switchboard.sandbox.TeamtailorSimulator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Teamtailor through the unified API, against the simulated Teamtailor: JSON:API documents
 * sent with their media type and version header, the user a note is written as, activities
 * read by page number, and the account's region.
 */
class TeamtailorTest {

    @RegisterExtension
    static final SandboxAccount account = SandboxAccount.perClass("teamtailor");

    @Test
    void aNoteIsAJsonApiDocumentAndIsListedWithTheSameId() {
        var dry = account.harness().post(Harness.activities(account.id(), "&switchboard_dry_run=true"),
                "{\"candidate_id\": \"" + TeamtailorSimulator.CANDIDATE_ID + "\", \"body\": \"Teamtailor e2e\"}");
        @SuppressWarnings("unchecked")
        var request = (Map<String, Object>) Harness.json(dry).get("request");
        assertEquals(Map.of("data", Map.of("type", "notes", "attributes", Map.of("note", "Teamtailor e2e"),
                "relationships", Map.of("candidate", Map.of("data", Map.of("id", "4", "type", "candidates")),
                        "user", Map.of("data", Map.of("id", TeamtailorSimulator.USER_ID, "type", "users"))))),
                request.get("body"));
        var headers = (Map<?, ?>) request.get("headers");
        assertEquals("application/vnd.api+json", headers.get("Content-Type"));
        assertEquals("20240404", headers.get("X-Api-Version"));
        assertEquals("Token ********", headers.get("Authorization"), "the key is masked");

        var created = account.harness().post(Harness.activities(account.id(), ""),
                "{\"candidate_id\": \"" + TeamtailorSimulator.CANDIDATE_ID + "\", \"body\": \"Teamtailor e2e\"}");
        assertEquals(201, created.statusCode(), created.body());
        var note = Harness.json(created);
        assertEquals("public", note.get("visibility"));
        assertEquals(Map.of("id", TeamtailorSimulator.USER_ID, "type", "user"), note.get("actor"));
        var listed = account.walk("activities", "&candidate_id=" + TeamtailorSimulator.CANDIDATE_ID, 100);
        var found = listed.stream().filter(item -> note.get("id").equals(item.get("id"))).findFirst().orElseThrow();
        assertEquals("Teamtailor e2e", found.get("body"));
        // The candidate's "created" activity is no note.
        assertTrue(listed.stream().noneMatch(item -> item.get("body") == null), listed.toString());
    }

    @Test
    void privateCannotBeWrittenSoItIsRefused() {
        for (String visibility : List.of("private", "admin_only")) {
            var refused = account.harness().post(Harness.activities(account.id(), ""), "{\"candidate_id\": \""
                    + TeamtailorSimulator.CANDIDATE_ID + "\", \"body\": \"x\", \"visibility\": \"" + visibility + "\"}");
            assertEquals(400, refused.statusCode(), refused.body());
            assertTrue(refused.body().contains("visibility"), refused.body());
        }
    }

    @Test
    void pagesAreReadByNumberUpToThirtyAtATime() {
        String candidate = "90" + (System.nanoTime() % 1_000_000);
        account.sandbox().teamtailor().addCandidate(candidate);
        var written = new java.util.ArrayList<Object>();
        for (int i = 0; i < 47; i++) {
            var created = account.harness().post(Harness.activities(account.id(), ""),
                    "{\"candidate_id\": \"" + candidate + "\", \"body\": \"note " + i + "\"}");
            assertEquals(201, created.statusCode(), created.body());
            written.add(Harness.json(created).get("id"));
        }
        for (int limit : List.of(7, 30, 100)) {
            var listed = account.walk("activities", "&candidate_id=" + candidate, limit);
            assertEquals(written, ids(listed), "limit " + limit + ": each note once, in order");
            assertEquals(47, new HashSet<>(ids(listed)).size());
        }
    }

    @Test
    void theRegionChoosesTheHost() {
        for (var region : Map.of("na", "https://api.na.teamtailor.com/v1/notes",
                "eu", "https://api.teamtailor.com/v1/notes").entrySet()) {
            String regional = account.harness().account("teamtailor", Map.of("api_key", "k", "region", region.getKey()));
            var dry = account.harness().post(Harness.activities(regional, "&switchboard_dry_run=true"),
                    "{\"candidate_id\": \"4\", \"body\": \"x\"}");
            assertEquals(region.getValue(), ((Map<?, ?>) Harness.json(dry).get("request")).get("url"));
        }
        String unset = account.harness().account("teamtailor", Map.of("api_key", "k"));
        var dry = account.harness().post(Harness.activities(unset, "&switchboard_dry_run=true"),
                "{\"candidate_id\": \"4\", \"body\": \"x\"}");
        assertEquals("https://api.teamtailor.com/v1/notes", ((Map<?, ?>) Harness.json(dry).get("request")).get("url"));
        // Without a user in the context or the request, no user relationship is sent.
        assertEquals(Map.of("candidate", Map.of("data", Map.of("id", "4", "type", "candidates"))),
                ((Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) Harness.json(dry).get("request")).get("body")).get("data"))
                        .get("relationships"));
    }

    @Test
    void aRefusedKeyMarksTheAccountAndShowsTeamtailorsReason() {
        String wrong = account.harness().account("teamtailor", Map.of("api_key", "not-the-key", "base_url",
                account.sandbox().teamtailorUrl()));
        var refused = account.harness().get("/unified/ats/activities?integrated_account_id=" + wrong + "&candidate_id=4");
        assertEquals(401, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("The API key is missing or not valid"), refused.body());
        assertEquals("needs_reauth", Harness.json(account.harness().get("/integrated-account/" + wrong)).get("status"));
    }
}
