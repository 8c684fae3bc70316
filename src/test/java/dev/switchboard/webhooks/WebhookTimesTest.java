package dev.switchboard.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.Harness;
import dev.switchboard.accounts.AccountEvent;
import dev.switchboard.crypto.KeySource;
import dev.switchboard.crypto.SecretBox;
import dev.switchboard.mapping.Json;
import dev.switchboard.store.Database;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Webhook times have millisecond precision, as docs/api.md documents, even on a whole second
 * (where {@code Instant.toString()} would write none).
 */
class WebhookTimesTest {

    @RegisterExtension
    static final Harness harness = Harness.perClass(
            () -> Harness.sqliteConfig().withAllowedHosts(java.util.Set.of("http://127.0.0.1")));

    /** 2026-01-15T09:30:00Z, a whole second. */
    private static final Instant WHOLE_SECOND = Instant.parse("2026-01-15T09:30:00Z");

    @Test
    void aWebhookMadeOnAWholeSecondShowsItsMilliseconds() throws Exception {
        var created = harness.post("/webhook", "{\"url\": \"http://127.0.0.1:9/hooks\"}");
        assertEquals(201, created.statusCode(), created.body());
        String id = (String) Harness.json(created).get("id");
        try (var database = Database.open(harness.databaseUrl()); var connection = database.connection();
                var update = connection.prepareStatement("UPDATE webhooks SET created_at = ? WHERE id = ?")) {
            update.setLong(1, WHOLE_SECOND.toEpochMilli());
            update.setString(2, id);
            assertEquals(1, update.executeUpdate());
        }
        assertEquals("2026-01-15T09:30:00.000Z", Harness.json(harness.get("/webhook/" + id)).get("created_at"));
    }

    @Test
    void anEventWrittenOnAWholeSecondShowsItsMilliseconds() throws Exception {
        var created = harness.post("/webhook", "{\"url\": \"http://127.0.0.1:9/hooks\"}");
        String id = (String) Harness.json(created).get("id");
        try (var database = Database.open(harness.databaseUrl()); var connection = database.connection()) {
            var box = new SecretBox(KeySource.resolve(Optional.empty(), harness.databaseUrl()));
            var outbox = new Outbox(new WebhookStore(database, box, 16), Clock.fixed(WHOLE_SECOND, ZoneOffset.UTC));
            outbox.record(connection, "default", List.of(new AccountEvent(AccountEvent.CREATED, Map.of("id", "acct"))));
            try (var read = connection.prepareStatement("SELECT payload FROM webhook_outbox WHERE webhook_id = ?")) {
                read.setString(1, id);
                try (var rows = read.executeQuery()) {
                    rows.next();
                    var message = Json.asObject(Json.parse(rows.getString(1).getBytes(StandardCharsets.UTF_8))).orElseThrow();
                    assertEquals("2026-01-15T09:30:00.000Z", message.get("created_at"));
                }
            }
        }
        @SuppressWarnings("unchecked")
        var deliveries = (List<Map<String, Object>>) Harness.json(harness.get("/webhook/" + id + "/deliveries")).get("result");
        assertEquals("2026-01-15T09:30:00.000Z", deliveries.get(0).get("created_at"), deliveries.toString());
    }
}
