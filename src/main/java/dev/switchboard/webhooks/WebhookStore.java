package dev.switchboard.webhooks;

import dev.switchboard.crypto.SecretBox;
import dev.switchboard.mapping.Json;
import dev.switchboard.mapping.Timestamps;
import dev.switchboard.store.Database;
import dev.switchboard.store.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Webhooks and their deliveries, in the store; secrets sealed like account contexts. */
public final class WebhookStore {

    private final Sql sql;
    private final SecretBox box;
    private final int perEnvironment;

    public WebhookStore(Database database, SecretBox box, int perEnvironment) {
        this.sql = new Sql(database);
        this.box = box;
        this.perEnvironment = perEnvironment;
    }

    /** How many webhooks one environment may have: each is delivery work every event causes. */
    public int perEnvironment() {
        return perEnvironment;
    }

    /** The new webhook, or empty when the environment already has as many as it may. */
    public Optional<Webhook> create(String environment, String url, List<String> events) {
        var webhook = new Webhook("wh_" + UUID.randomUUID(), environment, url, events, Signature.newSecret(),
                Instant.now());
        // One statement, so that SQLite never has to upgrade a read to a write mid-transaction.
        boolean made = sql.run(connection -> {
            try (var insert = connection.prepareStatement("INSERT INTO webhooks (id, environment, url, events, secret, "
                    + "created_at) SELECT ?, ?, ?, ?, ?, ? WHERE (SELECT COUNT(*) FROM webhooks WHERE environment = ?) < ?")) {
                insert.setString(1, webhook.id());
                insert.setString(2, environment);
                insert.setString(3, url);
                insert.setString(4, Json.writeString(events));
                insert.setString(5, box.seal(webhook.secret(), webhook.id()));
                insert.setLong(6, webhook.createdAt().toEpochMilli());
                insert.setString(7, environment);
                insert.setInt(8, perEnvironment);
                return insert.executeUpdate() == 1;
            }
        });
        return made ? Optional.of(webhook) : Optional.empty();
    }

    public List<Webhook> list(String environment) {
        return sql.run(connection -> of(connection, environment));
    }

    /** The environment's webhooks, read on the caller's connection (inside its transaction). */
    List<Webhook> of(Connection connection, String environment) throws SQLException {
        try (var select = connection.prepareStatement(
                "SELECT * FROM webhooks WHERE environment = ? ORDER BY created_at, id")) {
            select.setString(1, environment);
            try (ResultSet rows = select.executeQuery()) {
                var all = new ArrayList<Webhook>();
                while (rows.next()) {
                    all.add(read(rows));
                }
                return all;
            }
        }
    }

    public Optional<Webhook> find(String environment, String id) {
        return sql.run(connection -> {
            try (var select = connection.prepareStatement("SELECT * FROM webhooks WHERE id = ? AND environment = ?")) {
                select.setString(1, id);
                select.setString(2, environment);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Optional.of(read(rows)) : Optional.empty();
                }
            }
        });
    }

    /** For delivery: the webhook whatever its environment, if it still exists. */
    Optional<Webhook> byId(String id) {
        return sql.run(connection -> {
            try (var select = connection.prepareStatement("SELECT * FROM webhooks WHERE id = ?")) {
                select.setString(1, id);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Optional.of(read(rows)) : Optional.empty();
                }
            }
        });
    }

    /** Deletes the webhook and what it had still to deliver. */
    public boolean delete(String environment, String id) {
        return sql.inTransaction(connection -> {
            try (var delete = connection.prepareStatement("DELETE FROM webhooks WHERE id = ? AND environment = ?")) {
                delete.setString(1, id);
                delete.setString(2, environment);
                if (delete.executeUpdate() == 0) {
                    return false;
                }
            }
            try (var pending = connection.prepareStatement("DELETE FROM webhook_outbox WHERE webhook_id = ?")) {
                pending.setString(1, id);
                pending.executeUpdate();
            }
            return true;
        });
    }

    /**
     * Forgets messages delivered, or given up on, more than {@code retention} ago: the
     * deliveries list shows them until then. The number removed.
     */
    public int purgeSettled(java.time.Duration retention) {
        long before = System.currentTimeMillis() - retention.toMillis();
        return sql.run(connection -> {
            try (var delete = connection.prepareStatement("DELETE FROM webhook_outbox WHERE (delivered_at IS NOT NULL "
                    + "AND delivered_at < ?) OR (dead = 1 AND next_attempt_at < ?)")) {
                delete.setLong(1, before);
                delete.setLong(2, before);
                return delete.executeUpdate();
            }
        });
    }

    /** The newest deliveries of a webhook, as the API shows them. */
    public List<Map<String, Object>> deliveries(String webhookId, int limit) {
        return sql.run(connection -> {
            try (var select = connection.prepareStatement("SELECT * FROM webhook_outbox WHERE webhook_id = ? "
                    + "ORDER BY created_at DESC, id DESC LIMIT ?")) {
                select.setString(1, webhookId);
                select.setInt(2, limit);
                try (ResultSet rows = select.executeQuery()) {
                    var all = new ArrayList<Map<String, Object>>();
                    while (rows.next()) {
                        all.add(delivery(rows));
                    }
                    return all;
                }
            }
        });
    }

    private static Map<String, Object> delivery(ResultSet rows) throws SQLException {
        var shown = new LinkedHashMap<String, Object>();
        shown.put("id", rows.getString("id"));
        shown.put("event", rows.getString("event_type"));
        long delivered = rows.getLong("delivered_at");
        boolean wasDelivered = !rows.wasNull();
        shown.put("status", wasDelivered ? "delivered" : rows.getInt("dead") == 1 ? "failed" : "pending");
        shown.put("attempts", rows.getInt("attempts"));
        shown.put("created_at", Timestamps.format(Instant.ofEpochMilli(rows.getLong("created_at"))));
        shown.put("delivered_at", wasDelivered ? Timestamps.format(Instant.ofEpochMilli(delivered)) : null);
        shown.put("next_attempt_at", wasDelivered || rows.getInt("dead") == 1 ? null
                : Timestamps.format(Instant.ofEpochMilli(rows.getLong("next_attempt_at"))));
        int status = rows.getInt("last_status");
        shown.put("last_status", rows.wasNull() ? null : status);
        shown.put("last_error", rows.getString("last_error"));
        return shown;
    }

    @SuppressWarnings("unchecked")
    private Webhook read(ResultSet rows) throws SQLException {
        String id = rows.getString("id");
        List<String> events = (List<String>) Json.tryParse(rows.getString("events").getBytes(
                java.nio.charset.StandardCharsets.UTF_8)).orElse(List.of());
        return new Webhook(id, rows.getString("environment"), rows.getString("url"), events,
                box.open(rows.getString("secret"), id), Instant.ofEpochMilli(rows.getLong("created_at")));
    }
}
