package dev.switchboard.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.Harness;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Notes created through Switchboard land in the simulated providers and can be listed there. */
class SandboxEndToEndTest {

    static Sandbox sandbox;
    static Harness harness;
    static Map<String, String> accounts;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start();
        harness = Harness.start();
        accounts = harness.demoAccounts(sandbox);
    }

    @AfterAll
    static void stop() {
        harness.close();
        sandbox.close();
    }

    @Test
    void ashbyNoteIsCreatedAndListed() {
        var created = harness.post(Harness.activities(accounts.get("ashby"), ""),
                "{\"candidate_id\": \"" + AshbySimulator.CANDIDATE_ID + "\", \"body\": \"Ashby e2e\"}");
        assertEquals(201, created.statusCode(), created.body());
        String id = (String) Harness.json(created).get("id");
        assertTrue(sandbox.ashby().notesOf(AshbySimulator.CANDIDATE_ID).stream()
                .anyMatch(note -> note.get("id").equals(id) && note.get("content").equals("Ashby e2e")));
    }

    @Test
    void leverNoteKeepsItsAuthorVisibilityAndTime() {
        var created = harness.post(Harness.activities(accounts.get("lever"),
                "&remote_query[perform_as]=" + LeverSimulator.OTHER_USER), """
                {"candidate_id": "%s", "body": "Lever e2e", "visibility": "private",
                 "created_at": "2026-01-15T09:30:00.250Z"}""".formatted(LeverSimulator.OPPORTUNITY_ID));
        assertEquals(201, created.statusCode(), created.body());
        var body = Harness.json(created);
        assertEquals("private", body.get("visibility"));
        assertEquals("2026-01-15T09:30:00.250Z", body.get("created_at"));
        assertEquals(Map.of("id", LeverSimulator.OTHER_USER, "type", "user"), body.get("actor"));
        var stored = sandbox.lever().notesOf(LeverSimulator.OPPORTUNITY_ID).stream()
                .filter(note -> note.get("id").equals(body.get("id"))).findFirst().orElseThrow();
        assertEquals(true, stored.get("secret"));
        assertEquals(1768469400250L, ((Number) stored.get("createdAt")).longValue());
    }

    @Test
    void recruiteeNoteIsCreatedAndListed() {
        var created = harness.post(Harness.activities(accounts.get("recruitee"), ""),
                "{\"candidate_id\": \"" + RecruiteeSimulator.CANDIDATE_ID + "\", \"body\": \"Recruitee e2e\"}");
        assertEquals(201, created.statusCode(), created.body());
        String id = (String) Harness.json(created).get("id");
        assertTrue(sandbox.recruitee().notesOf(RecruiteeSimulator.CANDIDATE_ID).stream()
                .anyMatch(note -> String.valueOf(note.get("id")).equals(id)));
    }

    @Test
    void providerRefusalsComeBackInTheUnifiedShape() {
        var ashby = harness.post(Harness.activities(accounts.get("ashby"), ""),
                "{\"candidate_id\": \"no-such-candidate\", \"body\": \"x\"}");
        assertEquals(404, ashby.statusCode(), ashby.body());
        var lever = harness.post(Harness.activities(accounts.get("lever"), ""),
                "{\"candidate_id\": \"" + LeverSimulator.OPPORTUNITY_ID + "\", \"body\": \"x\","
                        + " \"created_at\": \"2999-01-01T00:00:00Z\"}");
        assertEquals(400, lever.statusCode(), lever.body());
        assertTrue(Harness.json(lever).get("message").toString().contains("future"));
        var recruitee = harness.post(Harness.activities(accounts.get("recruitee"), ""),
                "{\"candidate_id\": \"1\", \"body\": \"x\"}");
        assertEquals(404, recruitee.statusCode(), recruitee.body());
        assertEquals(List.of(), sandbox.recruitee().notesOf("1"));
    }

    @Test
    void runningTheDemoSetupAgainKeepsTheAccountIds() {
        var again = DemoAccounts.ensure(harness.server().accounts(), sandbox);
        assertEquals(accounts.get("lever"), again.get("lever").id());
        assertEquals(1, harness.server().accounts().list("default", java.util.Optional.of(DemoAccounts.TENANT),
                java.util.Optional.empty(), 100).accounts().stream()
                .filter(account -> account.integration().equals("lever")).count());
    }
}
