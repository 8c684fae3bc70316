package dev.switchboard.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.Harness;
import dev.switchboard.config.ServerConfig;
import dev.switchboard.mapping.Json;
import dev.switchboard.sandbox.AshbySimulator;
import dev.switchboard.sandbox.Sandbox;
import dev.switchboard.webhooks.Receiver;
import java.security.SecureRandom;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * On PostgreSQL, which refuses NUL characters and over-long index entries: bad text is the
 * caller's 400, never the store's 503. And what expires is purged on schedule: spent link
 * tokens, OAuth states and delivered webhook messages.
 */
class StoreHygieneTest {

    static String url;
    static Sandbox sandbox;
    static Harness harness;

    @BeforeAll
    static void start() {
        url = TestDatabases.postgres();
        sandbox = Sandbox.start();
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        harness = Harness.start(ServerConfig.of(0, url, Harness.TOKEN).withSecretKey(Base64.getEncoder()
                .encodeToString(key)).withEnvironment(Map.of("SWITCHBOARD_LINK_RETENTION_MINUTES", "0",
                "SWITCHBOARD_WEBHOOK_RETENTION_HOURS", "0", "SWITCHBOARD_PURGE_INTERVAL_MS", "300",
                "SWITCHBOARD_WEBHOOK_POLL_MS", "100", "SWITCHBOARD_ASHBY_BASE_URL", sandbox.ashbyUrl())));
    }

    @AfterAll
    static void stop() {
        harness.close();
        sandbox.close();
        TestDatabases.dropPostgres(url);
    }

    @Test
    void textTheStoreCannotHoldIsA400() {
        var nul = harness.post("/integrated-account?connect_check=skip", Json.writeString(Map.of("integration",
                "ashby", "tenant_id", "acme\u0000", "context", Map.of("api_key", "k"))));
        assertEquals(400, nul.statusCode(), nul.body());
        assertTrue(nul.body().contains("body.tenant_id contains a NUL character"), nul.body());
        assertEquals("invalid_text", Harness.json(nul).get("code"));

        var longTenant = harness.post("/integrated-account?connect_check=skip", Json.writeString(Map.of("integration",
                "ashby", "tenant_id", "t".repeat(8_000), "context", Map.of("api_key", "k"))));
        assertEquals(400, longTenant.statusCode(), longTenant.body());
        assertTrue(longTenant.body().contains("longer than 256 characters"), longTenant.body());

        assertEquals(400, harness.get("/integrated-account?tenant_id=a%00b").statusCode());
        assertEquals(400, harness.get("/integrated-account?tenant_id=" + "t".repeat(3_000)).statusCode());
        var halfPair = harness.post("/link-token", "{\"tenant_id\": \"a\\ud800b\"}");
        assertEquals(400, halfPair.statusCode(), halfPair.body());
        assertEquals(200, harness.get("/ready").statusCode(), "the store was never troubled");
    }

    @Test
    void spentLinksOAuthStatesAndDeliveredMessagesArePurged() throws Exception {
        try (var receiver = Receiver.start()) {
            var webhook = harness.post("/webhook", Json.writeString(Map.of("url", receiver.url())));
            String webhookId = (String) Harness.json(webhook).get("id");
            receiver.secret((String) Harness.json(webhook).get("secret"));
            var issued = harness.post("/link-token", Json.writeString(Map.of("tenant_id", "purged",
                    "integrations", List.of("ashby"))));
            String link = (String) Harness.json(issued).get("link_token");
            var connected = harness.send("POST", "/connect/accounts", Json.writeString(Map.of("link_token", link,
                    "integration", "ashby", "context", Map.of("api_key", AshbySimulator.API_KEY))), Map.of());
            assertEquals(201, connected.statusCode(), connected.body());
            receiver.await(m -> m.event().equals("integrated_account:created"), Duration.ofSeconds(10));

            long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < end && (rows("link_tokens") > 0 || !deliveries(webhookId).isEmpty())) {
                Thread.sleep(100);
            }
            assertEquals(0, rows("link_tokens"), "the spent link is gone");
            assertEquals(0, rows("oauth_states"));
            assertEquals(List.of(), deliveries(webhookId), "delivered messages are gone after their retention");
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Object> deliveries(String webhook) {
        return (List<Object>) Harness.json(harness.get("/webhook/" + webhook + "/deliveries")).get("result");
    }

    private static long rows(String table) throws Exception {
        try (var connection = DriverManager.getConnection(url); var statement = connection.createStatement();
                var result = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
            result.next();
            return result.getLong(1);
        }
    }
}
