package dev.switchboard.writes;

import dev.switchboard.mapping.Json;
import dev.switchboard.crypto.SecretBox;
import dev.switchboard.store.Database;
import dev.switchboard.store.Sql;
import dev.switchboard.store.StoredTime;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Idempotency-Keys, durably, in the shared store: a key is claimed by one request at a
 * time across every process, and its final answer is kept until it expires.
 */
public final class IdempotencyStore {

    private static final String IN_FLIGHT = "in_flight";
    private static final String DONE = "done";
    private static final String UNKNOWN = "unknown";

    private final Sql sql;
    private final SecretBox box;
    private final Clock clock;
    private final Duration ttl;
    private final Duration lease;
    private final Duration maxWait;

    /**
     * @param ttl     how long a key is remembered
     * @param lease   an in-flight claim older than this belongs to a process that died
     * @param maxWait how long a second request waits for the first before a 409
     */
    public IdempotencyStore(Database database, SecretBox box, Clock clock, Duration ttl, Duration lease,
            Duration maxWait) {
        this.sql = new Sql(database);
        this.box = box;
        this.clock = clock;
        this.ttl = ttl;
        this.lease = lease;
        this.maxWait = maxWait;
    }

    private record Row(String fingerprint, String state, String updatedAt, Instant createdAt, Instant expiresAt,
            Optional<StoredResponse> response) {
    }

    public Claim claim(String accountId, String key, String fingerprint) {
        // Waiting is measured on the machine's clock, not the (possibly fixed) business clock.
        long waitUntil = System.nanoTime() + maxWait.toNanos();
        long pause = 20;
        while (true) {
            Instant now = clock.instant();
            if (insert(accountId, key, fingerprint, now)) {
                return new Claim.Granted(Optional.empty());
            }
            Optional<Row> row = read(accountId, key);
            if (row.isEmpty()) {
                continue; // deleted between the insert and the read: try again
            }
            Row current = row.get();
            if (current.expiresAt().isBefore(now)) {
                delete(accountId, key, current.updatedAt());
                continue;
            }
            if (!current.fingerprint().equals(fingerprint)) {
                return new Claim.Mismatch();
            }
            if (current.state().equals(DONE)) {
                return new Claim.Replay(current.response().orElseThrow());
            }
            boolean abandoned = current.state().equals(IN_FLIGHT)
                    && StoredTime.parse(current.updatedAt()).plus(lease).isBefore(now);
            if (current.state().equals(UNKNOWN) || abandoned) {
                if (take(accountId, key, current.updatedAt(), now)) {
                    return new Claim.Granted(Optional.of(current.createdAt()));
                }
                continue;
            }
            if (System.nanoTime() - waitUntil >= 0) {
                // When a retry can know more: the claim's holder beats every third of the lease; if
                // it died, the claim is taken over once the lease has passed since its last beat.
                Duration left = Duration.between(now, StoredTime.parse(current.updatedAt()).plus(lease));
                return new Claim.InFlight(left.isNegative() ? Duration.ZERO : left);
            }
            sleep(pause);
            pause = Math.min(pause * 2, 250);
        }
    }

    /** How often a running request should {@link #heartbeat} its claim: three beats to a lease. */
    public Duration heartbeatEvery() {
        return lease.dividedBy(3);
    }

    /** The request holding the claim is still running: its lease starts again. */
    public void heartbeat(String accountId, String key) {
        sql.run(connection -> {
            try (var statement = connection.prepareStatement("UPDATE idempotency_keys SET updated_at = ? "
                    + "WHERE account_id = ? AND idempotency_key = ? AND state = ?")) {
                statement.setString(1, StoredTime.format(clock.instant()));
                statement.setString(2, accountId);
                statement.setString(3, key);
                statement.setString(4, IN_FLIGHT);
                return statement.executeUpdate();
            }
        });
    }

    /** The request is over: keep its answer for its retries. */
    public void complete(String accountId, String key, StoredResponse response, Optional<String> remoteId) {
        sql.run(connection -> {
            try (var statement = connection.prepareStatement("UPDATE idempotency_keys SET state = ?, status = ?, "
                    + "content_type = ?, headers = ?, body = ?, remote_id = ?, updated_at = ? "
                    + "WHERE account_id = ? AND idempotency_key = ?")) {
                statement.setString(1, DONE);
                statement.setInt(2, response.status());
                statement.setString(3, response.contentType());
                statement.setString(4, Json.writeString(response.headers()));
                // The answer holds what was written on a candidate: stored sealed, like credentials.
                statement.setString(5, box.seal(Base64.getEncoder().encodeToString(response.body()),
                        owner(accountId, key)));
                statement.setString(6, remoteId.orElse(null));
                statement.setString(7, StoredTime.format(clock.instant()));
                statement.setString(8, accountId);
                statement.setString(9, key);
                return statement.executeUpdate();
            }
        });
    }

    /** The provider did not act on the request: the key is free for a retry to use. */
    public void release(String accountId, String key) {
        sql.run(connection -> {
            try (var statement = connection.prepareStatement(
                    "DELETE FROM idempotency_keys WHERE account_id = ? AND idempotency_key = ?")) {
                statement.setString(1, accountId);
                statement.setString(2, key);
                return statement.executeUpdate();
            }
        });
    }

    /** The provider may have acted: a retry must look for the note before sending again. */
    public void markUnknown(String accountId, String key) {
        sql.run(connection -> {
            try (var statement = connection.prepareStatement("UPDATE idempotency_keys SET state = ?, updated_at = ? "
                    + "WHERE account_id = ? AND idempotency_key = ?")) {
                statement.setString(1, UNKNOWN);
                statement.setString(2, StoredTime.format(clock.instant()));
                statement.setString(3, accountId);
                statement.setString(4, key);
                return statement.executeUpdate();
            }
        });
    }

    /** Ids of provider notes that requests with keys on this account already answered with. */
    public Set<String> remoteIds(String accountId) {
        return sql.run(connection -> {
            var ids = new HashSet<String>();
            try (var statement = connection.prepareStatement(
                    "SELECT remote_id FROM idempotency_keys WHERE account_id = ? AND remote_id IS NOT NULL")) {
                statement.setString(1, accountId);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        ids.add(rows.getString(1));
                    }
                }
            }
            return ids;
        });
    }

    /** Forgets keys past their time; returns how many. */
    public int purgeExpired() {
        return sql.run(connection -> {
            try (var statement = connection.prepareStatement("DELETE FROM idempotency_keys WHERE expires_at < ?")) {
                statement.setString(1, StoredTime.format(clock.instant()));
                return statement.executeUpdate();
            }
        });
    }

    private boolean insert(String accountId, String key, String fingerprint, Instant now) {
        return sql.run(connection -> {
            try (var statement = connection.prepareStatement("INSERT INTO idempotency_keys (account_id, "
                    + "idempotency_key, fingerprint, state, created_at, updated_at, expires_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
                statement.setString(1, accountId);
                statement.setString(2, key);
                statement.setString(3, fingerprint);
                statement.setString(4, IN_FLIGHT);
                statement.setString(5, StoredTime.format(now));
                statement.setString(6, StoredTime.format(now));
                statement.setString(7, StoredTime.format(now.plus(ttl)));
                return statement.executeUpdate() == 1;
            }
        });
    }

    /** Compare-and-set on updated_at: of two processes taking over one row, one wins. */
    private boolean take(String accountId, String key, String seenUpdatedAt, Instant now) {
        return sql.run(connection -> {
            try (var statement = connection.prepareStatement("UPDATE idempotency_keys SET state = ?, updated_at = ? "
                    + "WHERE account_id = ? AND idempotency_key = ? AND updated_at = ? AND state <> ?")) {
                statement.setString(1, IN_FLIGHT);
                statement.setString(2, StoredTime.format(now));
                statement.setString(3, accountId);
                statement.setString(4, key);
                statement.setString(5, seenUpdatedAt);
                statement.setString(6, DONE);
                return statement.executeUpdate() == 1;
            }
        });
    }

    private void delete(String accountId, String key, String seenUpdatedAt) {
        sql.run(connection -> {
            try (var statement = connection.prepareStatement("DELETE FROM idempotency_keys "
                    + "WHERE account_id = ? AND idempotency_key = ? AND updated_at = ?")) {
                statement.setString(1, accountId);
                statement.setString(2, key);
                statement.setString(3, seenUpdatedAt);
                return statement.executeUpdate();
            }
        });
    }

    private Optional<Row> read(String accountId, String key) {
        return sql.run(connection -> read(connection, accountId, key));
    }

    /** Binds a sealed answer to its account and key: copied onto another row it does not open. */
    private static String owner(String accountId, String key) {
        return accountId + "\n" + key;
    }

    /**
     * Seals every kept answer again with the current key, so a key rotation can drop the
     * old key without losing the answers retries are owed. Returns how many changed.
     */
    public int reseal() {
        return sql.run(connection -> {
            int changed = 0;
            try (var select = connection.prepareStatement(
                    "SELECT account_id, idempotency_key, body FROM idempotency_keys WHERE state = ?")) {
                select.setString(1, DONE);
                try (ResultSet rows = select.executeQuery();
                        var update = connection.prepareStatement("UPDATE idempotency_keys SET body = ? "
                                + "WHERE account_id = ? AND idempotency_key = ? AND body = ?")) {
                    while (rows.next()) {
                        String sealed = rows.getString("body");
                        if (!box.isStale(sealed)) {
                            continue;
                        }
                        String owner = owner(rows.getString("account_id"), rows.getString("idempotency_key"));
                        update.setString(1, box.seal(box.open(sealed, owner), owner));
                        update.setString(2, rows.getString("account_id"));
                        update.setString(3, rows.getString("idempotency_key"));
                        update.setString(4, sealed); // unless the row changed meanwhile
                        changed += update.executeUpdate();
                    }
                }
            }
            return changed;
        });
    }

    private Optional<Row> read(Connection connection, String accountId, String key) throws SQLException {
        try (var statement = connection.prepareStatement(
                "SELECT * FROM idempotency_keys WHERE account_id = ? AND idempotency_key = ?")) {
            statement.setString(1, accountId);
            statement.setString(2, key);
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                Optional<StoredResponse> response = Optional.empty();
                if (DONE.equals(rows.getString("state"))) {
                    response = Optional.of(new StoredResponse(rows.getInt("status"), rows.getString("content_type"),
                            headers(rows.getString("headers")), Base64.getDecoder().decode(
                                    box.open(rows.getString("body"), owner(accountId, key)))));
                }
                return Optional.of(new Row(rows.getString("fingerprint"), rows.getString("state"),
                        rows.getString("updated_at"), StoredTime.parse(rows.getString("created_at")),
                        StoredTime.parse(rows.getString("expires_at")), response));
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> headers(String json) throws SQLException {
        try {
            return (Map<String, String>) (Map<?, ?>) Json.asObject(Json.parse(json.getBytes(StandardCharsets.UTF_8)))
                    .orElse(Map.of());
        } catch (IOException e) {
            throw new SQLException("stored headers are not JSON");
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
