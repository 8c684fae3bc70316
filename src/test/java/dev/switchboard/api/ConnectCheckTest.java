package dev.switchboard.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.Harness;
import dev.switchboard.mapping.Json;
import dev.switchboard.sandbox.LeverSimulator;
import dev.switchboard.sandbox.Sandbox;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Credentials are checked at the door: POST /integrated-account and a PATCH of credentials
 * run the catalog's connect_check first, against the sandbox's Lever simulator (its GET
 * /users follows hire.lever.co/developer/documentation#list-all-users). A refusal stores
 * nothing; an explicit skip leaves the account needs_check until its first good call; and a
 * provider's 401 and Switchboard's own differ by their stable code.
 */
class ConnectCheckTest {

    static Sandbox sandbox;
    static Harness harness;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start();
        harness = Harness.start();
    }

    @AfterAll
    static void stop() {
        harness.close();
        sandbox.close();
    }

    @Test
    void aWrongKeyIsRefusedWithTheProvidersReasonAndNothingIsStored() {
        var refused = create("check-wrong", "wrong-key", "");
        assertEquals(401, refused.statusCode(), refused.body());
        var body = Harness.json(refused);
        assertEquals("remote_unauthorized", body.get("code"));
        assertEquals(true, body.get("truto_is_remote_error"));
        assertTrue(((String) body.get("message")).startsWith("Lever"), refused.body());
        assertFalse(refused.body().contains("wrong-key"), "the credential is not echoed");
        assertEquals(List.of(), accountsOf("check-wrong"), "nothing stored");

        var ours = harness.send("GET", "/integrated-account", null, Map.of("Authorization", "Bearer not-a-token"));
        assertEquals(401, ours.statusCode());
        assertEquals("unauthorized", Harness.json(ours).get("code"), "Switchboard's own 401 has its own code");
    }

    @Test
    void aGoodKeyIsStoredActive() {
        var created = create("check-good", LeverSimulator.API_KEY, "");
        assertEquals(201, created.statusCode(), created.body());
        assertEquals("active", Harness.json(created).get("status"));
    }

    @Test
    void aSkippedCheckLeavesTheAccountNeedsCheckUntilItsFirstGoodCall() {
        var created = create("check-skipped", LeverSimulator.API_KEY, "?connect_check=skip");
        assertEquals(201, created.statusCode(), created.body());
        String id = (String) Harness.json(created).get("id");
        assertEquals("needs_check", Harness.json(created).get("status"));

        var listed = harness.get("/unified/ats/activities?integrated_account_id=" + id + "&candidate_id="
                + LeverSimulator.OPPORTUNITY_ID);
        assertEquals(200, listed.statusCode(), listed.body());
        assertEquals("active", Harness.json(harness.get("/integrated-account/" + id)).get("status"));

        var badSkip = create("check-skipped", LeverSimulator.API_KEY, "?connect_check=no");
        assertEquals(400, badSkip.statusCode(), badSkip.body());
    }

    @Test
    void aPatchOfCredentialsIsCheckedBeforeItIsStored() {
        var created = create("check-patch", LeverSimulator.API_KEY, "");
        String id = (String) Harness.json(created).get("id");
        var refused = harness.send("PATCH", "/integrated-account/" + id,
                "{\"context\": {\"api_key\": \"wrong-key\"}}", Map.of("Authorization", "Bearer " + Harness.TOKEN));
        assertEquals(401, refused.statusCode(), refused.body());
        assertEquals("remote_unauthorized", Harness.json(refused).get("code"));
        // The stored key still works: the refused one was never stored.
        var listed = harness.get("/unified/ats/activities?integrated_account_id=" + id + "&candidate_id="
                + LeverSimulator.OPPORTUNITY_ID);
        assertEquals(200, listed.statusCode(), listed.body());
        assertEquals("active", Harness.json(harness.get("/integrated-account/" + id)).get("status"));
    }

    private static java.net.http.HttpResponse<String> create(String tenant, String key, String query) {
        return harness.post("/integrated-account" + query, Json.writeString(Map.of("integration", "lever",
                "tenant_id", tenant, "context", Map.of("api_key", key, "base_url", sandbox.leverUrl()))));
    }

    @SuppressWarnings("unchecked")
    private static List<Object> accountsOf(String tenant) {
        return (List<Object>) Harness.json(harness.get("/integrated-account?tenant_id=" + tenant)).get("result");
    }
}
