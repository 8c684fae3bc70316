package dev.switchboard.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.Harness;
import dev.switchboard.TempDirs;
import dev.switchboard.config.ServerConfig;
import dev.switchboard.mapping.Json;
import dev.switchboard.store.TestDatabases;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The outbox holds an event until it is delivered, across a restart, and two processes
 * sharing PostgreSQL deliver each event once between them.
 */
class OutboxDurabilityTest {

    private static final Map<String, String> FAST = Map.of("SWITCHBOARD_WEBHOOK_POLL_MS", "100",
            "SWITCHBOARD_WEBHOOK_FIRST_RETRY_MS", "200");

    @Test
    @SuppressWarnings("try") // the second server is only started: its delivery loop does the work
    void anUndeliveredEventSurvivesARestart() throws Exception {
        String database = "jdbc:sqlite:" + TempDirs.create("outbox").resolve("outbox.db");
        try (var receiver = Receiver.start()) {
            receiver.answer(503, null); // the receiver is down while the first process runs
            String account;
            try (var first = Harness.start(ServerConfig.of(0, database, Harness.TOKEN).withEnvironment(FAST))) {
                receiver.secret(register(first, receiver));
                account = first.account("ashby", Map.of("api_key", "durable"));
                Thread.sleep(500);
            }
            assertTrue(receiver.received().isEmpty());
            receiver.answer(200, null);
            try (var second = Harness.start(ServerConfig.of(0, database, Harness.TOKEN).withEnvironment(FAST))) {
                var delivered = receiver.await(m -> m.account().get("id").equals(account), Duration.ofSeconds(10));
                assertTrue(delivered.verified());
                Thread.sleep(500);
                assertEquals(1, receiver.received().size(), "delivered once: " + receiver.received());
            }
        }
    }

    @Test
    void twoProcessesOnPostgresDeliverEachEventOnce() throws Exception {
        String url = TestDatabases.postgres();
        String key = Base64.getEncoder().encodeToString(new byte[32]);
        Function<String, ServerConfig> config = database -> ServerConfig.of(0, database, Harness.TOKEN)
                .withSecretKey(key).withEnvironment(FAST);
        try (var receiver = Receiver.start(); var first = Harness.start(config.apply(url));
                var second = Harness.start(config.apply(url))) {
            receiver.secret(register(first, receiver));
            int accounts = 40;
            for (int i = 0; i < accounts; i++) {
                (i % 2 == 0 ? first : second).account("ashby", Map.of("api_key", "shared-" + i));
            }
            long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (receiver.received().size() < accounts && System.nanoTime() < end) {
                Thread.sleep(50);
            }
            Thread.sleep(1_000); // time for a second delivery, if there were going to be one
            var byId = receiver.received().stream().collect(Collectors.groupingBy(Receiver.Received::id,
                    Collectors.counting()));
            assertEquals(accounts, byId.size(), "every event arrived");
            assertEquals(Set.of(1L), Set.copyOf(byId.values()), "each exactly once");
            assertTrue(receiver.received().stream().allMatch(Receiver.Received::verified));
        } finally {
            TestDatabases.dropPostgres(url);
        }
    }

    private static String register(Harness server, Receiver receiver) {
        var created = server.post("/webhook", Json.writeString(Map.of("url", receiver.url())));
        assertEquals(201, created.statusCode(), created.body());
        return (String) Harness.json(created).get("secret");
    }
}
