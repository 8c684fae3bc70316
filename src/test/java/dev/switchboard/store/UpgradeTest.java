package dev.switchboard.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.Harness;
import dev.switchboard.config.ServerConfig;
import dev.switchboard.crypto.KeyRing;
import dev.switchboard.crypto.SecretBox;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.DriverManager;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * The upgrade path: a store at the previous schema, holding an account and a token written
 * as that schema's release wrote them, is migrated forward at start-up and serves both.
 */
class UpgradeTest {

    /** The schema before the connect page and webhooks (V4): the last one this test starts from. */
    private static final String PREVIOUS_SCHEMA = "3";
    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String TOKEN = "sbt_upgrade-test-0123456789abcdefghijklmnop";

    @Test
    void sqliteUpgradesWithItsData() throws Exception {
        upgradesWithItsData(TestDatabases.sqlite());
    }

    @Test
    void postgresUpgradesWithItsData() throws Exception {
        String url = TestDatabases.postgres();
        try {
            upgradesWithItsData(url);
        } finally {
            TestDatabases.dropPostgres(url);
        }
    }

    private static void upgradesWithItsData(String url) throws Exception {
        var flyway = Flyway.configure().dataSource(url, null, null).locations(Dialect.MIGRATIONS)
                .target(PREVIOUS_SCHEMA);
        if (url.contains("currentSchema=")) {
            flyway.schemas(url.substring(url.indexOf("currentSchema=") + "currentSchema=".length())).createSchemas(true);
        }
        assertEquals(Integer.parseInt(PREVIOUS_SCHEMA), flyway.load().migrate().migrationsExecuted);
        String account = "5b0f5a7e-1d2c-4a8b-9f00-000000000001";
        try (var connection = DriverManager.getConnection(url)) {
            try (var insert = connection.prepareStatement("INSERT INTO integrated_accounts (id, environment, integration, "
                    + "tenant_id, status, context, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, account);
                insert.setString(2, "production");
                insert.setString(3, "ashby");
                insert.setString(4, "acme");
                insert.setString(5, "active");
                insert.setString(6, new SecretBox(KeyRing.parse(KEY)).seal("{\"api_key\":\"kept-across-upgrade\"}", account));
                insert.setString(7, "2026-01-15T09:30:00.000Z");
                insert.setString(8, "2026-01-15T09:30:00.000Z");
                assertEquals(1, insert.executeUpdate());
            }
            try (var insert = connection.prepareStatement("INSERT INTO api_tokens (id, environment, name, token_hash, "
                    + "created_at) VALUES (?, ?, ?, ?, ?)")) {
                insert.setString(1, "5b0f5a7e-1d2c-4a8b-9f00-000000000002");
                insert.setString(2, "production");
                insert.setString(3, "from the previous release");
                insert.setString(4, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(TOKEN.getBytes(StandardCharsets.UTF_8))));
                insert.setString(5, "2026-01-15T09:30:00.000Z");
                assertEquals(1, insert.executeUpdate());
            }
        }

        try (var harness = Harness.start(ServerConfig.of(0, url, Harness.TOKEN).withSecretKey(KEY)
                .withAllowedHosts(java.util.Set.of("http://127.0.0.1")))) {
            var auth = Map.of("Authorization", "Bearer " + TOKEN);
            var shown = harness.send("GET", "/integrated-account/" + account, null, auth);
            assertEquals(200, shown.statusCode(), shown.body());
            assertEquals("acme", Harness.json(shown).get("tenant_id"));
            assertEquals(Map.of("api_key", "********"), Harness.json(shown).get("context"));
            assertEquals("kept-across-upgrade", harness.server().accounts().get("production", account).context().get("api_key"));
            // What the newer schema added works on the upgraded store.
            var webhook = harness.send("POST", "/webhook", "{\"url\": \"http://127.0.0.1:9/hooks\"}", auth);
            assertEquals(201, webhook.statusCode(), webhook.body());
        }
        assertEquals(0, Database.migrate(url), "migrated once: a second start applies nothing");
    }
}
