package dev.switchboard.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.Harness;
import dev.switchboard.mapping.Json;
import dev.switchboard.sandbox.AshbySimulator;
import dev.switchboard.sandbox.Sandbox;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Link tokens and the connect endpoints over HTTP: what they take, what they refuse, once only. */
class LinkTokenTest {

    static Sandbox sandbox;
    static Harness harness;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start();
        harness = Harness.start(Harness.sqliteConfig().withEnvironment(Map.of("SWITCHBOARD_ASHBY_BASE_URL",
                sandbox.ashbyUrl())));
    }

    @AfterAll
    static void stop() {
        harness.close();
        sandbox.close();
    }

    @Test
    void aLinkIsIssuedForATenantOrAnAccountAndIsSpentByItsConnection() {
        var issued = Harness.json(harness.post("/link-token", "{\"tenant_id\": \"acme\", \"integrations\": [\"ashby\"]}"));
        String token = (String) issued.get("link_token");
        assertTrue(((String) issued.get("url")).endsWith("/connect?link_token=" + token));
        assertTrue(issued.get("expires_at") instanceof String);
        var connected = connect(token, "ashby", Map.of("api_key", AshbySimulator.API_KEY));
        assertEquals(201, connected.statusCode(), connected.body());
        var again = connect(token, "ashby", Map.of("api_key", AshbySimulator.API_KEY));
        assertEquals(410, again.statusCode(), "single use: " + again.body());
    }

    @Test
    void thePageTakesOnlyTheCredentialsItAsksFor() {
        String token = token("{\"tenant_id\": \"acme\"}");
        // An unauthenticated page must not let anyone point an account, and its credentials, elsewhere.
        var elsewhere = connect(token, "ashby", Map.of("api_key", AshbySimulator.API_KEY,
                "base_url", "http://127.0.0.1:1"));
        assertEquals(400, elsewhere.statusCode());
        assertTrue(elsewhere.body().contains("'base_url' is not asked for here"), elsewhere.body());
        var notOffered = connect(token("{\"tenant_id\": \"acme\", \"integrations\": [\"lever\"]}"), "ashby",
                Map.of("api_key", "k"));
        assertEquals(400, notOffered.statusCode());
        var missing = connect(token, "recruitee", Map.of("api_token", "t"));
        assertEquals(400, missing.statusCode());
        assertEquals(List.of("company_id"), ((Map<?, ?>) Harness.json(missing).get("truto_error_insight"))
                .get("missing_required_context_fields"));
        var refused = connect(token, "ashby", Map.of("api_key", "wrong"));
        assertEquals(401, refused.statusCode());
        assertFalse(refused.body().contains("wrong\""), "the typed key is not echoed: " + refused.body());
        assertEquals(201, connect(token, "ashby", Map.of("api_key", AshbySimulator.API_KEY)).statusCode(),
                "refusals leave the link unspent");
    }

    @Test
    void badRequestsForLinksAreNamed() {
        for (String body : List.of("{}", "{\"tenant_id\": \"a\", \"integrated_account_id\": \"b\"}",
                "{\"tenant_id\": \"a\", \"integrations\": [\"bamboohr\"]}", "{\"tenant_id\": \"a\", \"origin\": \"https://app.example.com/path\"}",
                "{\"tenant_id\": \"a\", \"redirect_uri\": \"javascript:alert(1)\"}", "{\"tenant_id\": \"a\", \"colour\": \"red\"}")) {
            assertEquals(400, harness.post("/link-token", body).statusCode(), body);
        }
        assertEquals(404, harness.post("/link-token", "{\"integrated_account_id\": \"00000000-0000-0000-0000-000000000000\"}")
                .statusCode());
        assertEquals(401, harness.send("POST", "/link-token", "{\"tenant_id\": \"a\"}", Map.of()).statusCode());
        var page = harness.send("GET", "/connect?link_token=lt_unknown", null, Map.of());
        assertEquals(410, page.statusCode());
        assertTrue(page.body().contains("expired or was already used"));
        assertTrue(page.headers().firstValue("Content-Security-Policy").orElse("").contains("default-src 'none'"));
        assertEquals("no-referrer", page.headers().firstValue("Referrer-Policy").orElse(""));
    }

    @Test
    void aReconnectLinkOffersTheAccountsIntegrationOnly() {
        String account = harness.account("ashby", Map.of("api_key", AshbySimulator.API_KEY));
        String token = token("{\"integrated_account_id\": \"" + account + "\"}");
        var page = harness.send("GET", "/connect?link_token=" + token, null, Map.of());
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("\"reconnect\":true") && page.body().contains("\"name\":\"ashby\"")
                && !page.body().contains("\"name\":\"lever\""), page.body());
        var reconnected = connect(token, "ashby", Map.of("api_key", AshbySimulator.API_KEY));
        assertEquals(200, reconnected.statusCode(), reconnected.body());
        assertEquals(account, Harness.json(reconnected).get("integrated_account_id"));
    }

    @Test
    void aLinkExpiresAfterThirtyMinutesAndAStateAfterTen() {
        var now = new java.util.concurrent.atomic.AtomicReference<>(java.time.Instant.parse("2026-11-29T10:00:00Z"));
        var clock = new java.time.Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return java.time.ZoneOffset.UTC;
            }

            @Override
            public java.time.Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public java.time.Instant instant() {
                return now.get();
            }
        };
        try (var database = dev.switchboard.store.Database.open(dev.switchboard.store.TestDatabases.sqlite())) {
            var links = new LinkTokens(database, clock);
            var issued = links.issue("default", java.util.Optional.of("t"), java.util.Optional.empty(), List.of("lever"),
                    java.util.Optional.empty(), java.util.Optional.empty());
            String state = links.newState(issued.link(), "lever", java.util.Optional.empty(), "browser-nonce");
            now.set(now.get().plusSeconds(11 * 60));
            assertTrue(links.open(issued.token()).isPresent(), "still good at 11 minutes");
            assertTrue(links.takeState(state, java.util.Optional.of("browser-nonce")).isEmpty(),
                    "a state lasts 10 minutes");
            now.set(now.get().plusSeconds(20 * 60));
            assertTrue(links.open(issued.token()).isEmpty(), "gone after 30 minutes");
            assertFalse(links.spend(issued.link()));
        }
    }

    private static String token(String body) {
        var issued = harness.post("/link-token", body);
        assertEquals(201, issued.statusCode(), issued.body());
        return (String) Harness.json(issued).get("link_token");
    }

    private static java.net.http.HttpResponse<String> connect(String token, String integration,
            Map<String, Object> context) {
        return harness.send("POST", "/connect/accounts", Json.writeString(Map.of("link_token", token,
                "integration", integration, "context", context)), Map.of());
    }
}
