package dev.switchboard.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.Harness;
import dev.switchboard.config.ServerConfig;
import dev.switchboard.store.TestDatabases;
import java.net.URI;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import ch.qos.logback.classic.Level;
import dev.switchboard.LogCapture;
import org.junit.jupiter.api.Test;

/** The shared PostgreSQL goes away and comes back: callers hear it fast and plainly, and nothing needs a restart. */
class StoreDownTest {

    @Test
    void aStoreThatIsDownIsAFast503AndTheServerRecoversByItself() throws Exception {
        String direct = TestDatabases.postgres();
        URI target = URI.create(TestDatabases.POSTGRES.substring("jdbc:".length()));
        try (var relay = new TcpRelay(target.getPort() < 0 ? 5432 : target.getPort())) {
            String relayed = direct.replace(target.getHost() + ":" + target.getPort(), "127.0.0.1:" + relay.port());
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            ServerConfig config = ServerConfig.of(0, relayed, Harness.TOKEN)
                    .withSecretKey(Base64.getEncoder().encodeToString(key));
            // The warnings a cut store causes are checked here, not printed among the test output.
            try (var harness = Harness.start(config);
                    var logs = LogCapture.of("dev.switchboard.api.ErrorResponses", "dev.switchboard.store.ChangeListener")) {
                assertEquals(200, harness.send("GET", "/ready", null, Map.of()).statusCode());
                relay.cut();

                long started = System.nanoTime();
                var read = harness.get("/integrated-account/" + UUID.randomUUID());
                long tookMs = (System.nanoTime() - started) / 1_000_000;
                assertEquals(503, read.statusCode(), read.body());
                assertTrue(tookMs < 2_800, "answered in " + tookMs + " ms");
                assertTrue(read.headers().firstValue("Retry-After").isPresent());
                assertEquals(503, Harness.json(read).get("statusCode"));
                assertTrue(!read.body().contains("Exception") && !read.body().contains("at dev."), read.body());
                // One log line for the failed request, without a stack trace (README, "Store down").
                var storeLines = logs.events().stream().filter(e -> e.getFormattedMessage().startsWith("store unavailable"))
                        .toList();
                assertEquals(1, storeLines.size(), storeLines.toString());
                assertEquals(Level.WARN, storeLines.get(0).getLevel());
                assertNull(storeLines.get(0).getThrowableProxy(), "no stack trace");

                started = System.nanoTime();
                assertEquals(503, harness.send("GET", "/ready", null, Map.of()).statusCode());
                assertTrue((System.nanoTime() - started) / 1_000_000 < 1_500, "/ready answers within a second");

                relay.restore();
                long deadline = System.nanoTime() + 15_000_000_000L;
                int status = 0;
                while (System.nanoTime() < deadline && status != 200) {
                    status = harness.send("GET", "/ready", null, Map.of()).statusCode();
                    Thread.sleep(200);
                }
                assertEquals(200, status, "ready again without a restart");
                assertEquals(404, harness.get("/integrated-account/" + UUID.randomUUID()).statusCode());
            }
        } finally {
            TestDatabases.dropPostgres(direct);
        }
    }
}
