package dev.switchboard.webhooks;

import dev.switchboard.accounts.AccountEvent;
import dev.switchboard.accounts.AccountEvents;
import dev.switchboard.mapping.Json;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;

/**
 * Writes each account event for every webhook of the account's environment that wants it,
 * on the connection and in the transaction that changed the account: an event is in the
 * outbox exactly when its change committed, and survives any restart until delivered.
 */
public final class Outbox implements AccountEvents {

    private final WebhookStore webhooks;
    private final Clock clock;

    public Outbox(WebhookStore webhooks, Clock clock) {
        this.webhooks = webhooks;
        this.clock = clock;
    }

    @Override
    public void record(Connection connection, String environment, List<AccountEvent> events) throws SQLException {
        if (events.isEmpty()) {
            return;
        }
        List<Webhook> subscribed = webhooks.of(connection, environment);
        for (AccountEvent event : events) {
            long now = clock.millis();
            // The message a receiver sees: the same event id at every webhook, for its own de-duplication.
            var message = new LinkedHashMap<String, Object>();
            message.put("id", "evt_" + UUID.randomUUID());
            message.put("event", event.type());
            message.put("environment", environment);
            message.put("created_at", dev.switchboard.mapping.Timestamps.format(java.time.Instant.ofEpochMilli(now)));
            message.put("payload", event.account());
            String payload = Json.writeString(message);
            for (Webhook webhook : subscribed) {
                if (!webhook.wants(event.type())) {
                    continue;
                }
                try (var insert = connection.prepareStatement("INSERT INTO webhook_outbox (id, webhook_id, event_type, "
                        + "payload, created_at, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                    insert.setString(1, "msg_" + UUID.randomUUID());
                    insert.setString(2, webhook.id());
                    insert.setString(3, event.type());
                    insert.setString(4, payload);
                    insert.setLong(5, now);
                    insert.setLong(6, now);
                    insert.executeUpdate();
                }
            }
        }
    }
}
