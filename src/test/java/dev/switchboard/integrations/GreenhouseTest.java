package dev.switchboard.integrations;

import static dev.switchboard.integrations.SandboxAccount.ids;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.Concurrently;
import dev.switchboard.Harness;
import dev.switchboard.sandbox.GreenhouseSimulator;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Greenhouse Harvest v3 through the unified API, against the simulated Greenhouse: tokens
 * fetched with the account's own client credentials and its {@code sub} user, once however
 * many requests need one; notes paged by the Link header; and a create refused with the
 * reason, since v3 has no note write.
 */
class GreenhouseTest {

    @RegisterExtension
    static final SandboxAccount account = SandboxAccount.perClass("greenhouse");

    @Test
    void concurrentFirstCallsFetchOneTokenAndItIsKept() throws Exception {
        String fresh = freshAccount();
        int before = account.sandbox().greenhouse().tokenRequests();
        var answers = Concurrently.run(8, i -> account.harness().get("/unified/ats/activities?integrated_account_id=" + fresh
                + "&candidate_id=" + GreenhouseSimulator.CANDIDATE_ID));
        answers.forEach(answer -> assertEquals(200, answer.statusCode(), answer.body()));
        assertEquals(before + 1, account.sandbox().greenhouse().tokenRequests(), "one token for eight calls");
        assertEquals(200, account.harness().get("/unified/ats/activities?integrated_account_id=" + fresh + "&candidate_id="
                + GreenhouseSimulator.CANDIDATE_ID).statusCode());
        assertEquals(before + 1, account.sandbox().greenhouse().tokenRequests(), "the token is reused while it lasts");
        // The token is kept in the account, masked like every credential.
        var shown = account.harness().get("/integrated-account/" + fresh).body();
        assertTrue(shown.contains("access_token"), shown);
        assertFalse(shown.contains("gh_"), shown);
        assertFalse(shown.contains(GreenhouseSimulator.CLIENT_SECRET), shown);
    }

    @Test
    void aRevokedTokenIsReplacedOnceAndTheCallSucceeds() {
        String fresh = freshAccount();
        String list = "/unified/ats/activities?integrated_account_id=" + fresh + "&candidate_id="
                + GreenhouseSimulator.CANDIDATE_ID;
        assertEquals(200, account.harness().get(list).statusCode());
        int before = account.sandbox().greenhouse().tokenRequests();
        account.sandbox().greenhouse().revokeTokens();
        var again = account.harness().get(list);
        assertEquals(200, again.statusCode(), again.body());
        assertEquals(before + 1, account.sandbox().greenhouse().tokenRequests());
        assertEquals("active", Harness.json(account.harness().get("/integrated-account/" + fresh)).get("status"));
    }

    @Test
    void anExpiringTokenIsRenewedBeforeItIsRefused() {
        account.sandbox().greenhouse().tokenLifetime(30); // inside the catalog's 60 s margin: renewed on the next call
        try {
            String fresh = freshAccount();
            String list = "/unified/ats/activities?integrated_account_id=" + fresh + "&candidate_id="
                    + GreenhouseSimulator.CANDIDATE_ID;
            int before = account.sandbox().greenhouse().tokenRequests();
            assertEquals(200, account.harness().get(list).statusCode());
            assertEquals(200, account.harness().get(list).statusCode());
            assertEquals(before + 2, account.sandbox().greenhouse().tokenRequests());
        } finally {
            account.sandbox().greenhouse().tokenLifetime(3600);
        }
    }

    @Test
    void aRefusedClientMarksTheAccountForReauthentication() {
        String wrong = account.harness().account("greenhouse", Map.of("client_id", GreenhouseSimulator.CLIENT_ID,
                "client_secret", "wrong-secret", "sub", GreenhouseSimulator.USER_ID, "base_url",
                        account.sandbox().greenhouseUrl()));
        var refused = account.harness().get("/unified/ats/activities?integrated_account_id=" + wrong + "&candidate_id="
                + GreenhouseSimulator.CANDIDATE_ID);
        assertEquals(401, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("invalid_client"), refused.body());
        assertFalse(refused.body().contains("wrong-secret"), refused.body());
        assertEquals("needs_reauth", Harness.json(account.harness().get("/integrated-account/" + wrong)).get("status"));
    }

    @Test
    void notesArePagedByTheLinkHeader() {
        String candidate = "7" + (System.nanoTime() % 1_000_000_000L);
        var written = new ArrayList<Object>();
        for (int i = 0; i < 26; i++) {
            written.add(String.valueOf(account.sandbox().greenhouse().addNote(candidate, GreenhouseSimulator.USER_ID,
                    "note " + i, i % 2 == 0 ? "public" : "private").get("id")));
        }
        for (int limit : List.of(4, 26, 100)) {
            var listed = account.walk("activities", "&candidate_id=" + candidate, limit);
            assertEquals(written, ids(listed), "limit " + limit);
            assertEquals(26, new HashSet<>(ids(listed)).size());
            assertEquals("private", listed.get(1).get("visibility"));
        }
    }

    @Test
    void aCreateIsRefusedWithTheReasonAndMetaSaysSo() {
        var refused = account.harness().post(Harness.activities(account.id(), ""),
                "{\"candidate_id\": \"" + GreenhouseSimulator.CANDIDATE_ID + "\", \"body\": \"x\"}");
        assertEquals(400, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("Harvest v3 documents no note write"), refused.body());
        var meta = account.harness().get("/unified/ats/activities/greenhouse/meta/create");
        assertEquals(400, meta.statusCode(), meta.body());
        assertTrue(meta.body().contains("Harvest v3 documents no note write"), meta.body());
        assertEquals(200, account.harness().get("/unified/ats/activities/greenhouse/meta/list").statusCode());
        var openapi = account.harness().get("/openapi.json").body();
        assertTrue(openapi.contains("Greenhouse cannot create notes (answers 400)"), "the create operation says so");
    }

    private static String freshAccount() {
        return account.harness().account("greenhouse", Map.of("client_id", GreenhouseSimulator.CLIENT_ID,
                "client_secret", GreenhouseSimulator.CLIENT_SECRET, "sub", GreenhouseSimulator.USER_ID,
                "base_url", account.sandbox().greenhouseUrl()));
    }
}
