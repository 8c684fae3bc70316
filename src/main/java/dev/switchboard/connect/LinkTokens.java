package dev.switchboard.connect;

import dev.switchboard.mapping.Json;
import dev.switchboard.store.Database;
import dev.switchboard.store.Sql;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Link tokens and the OAuth states bound to them. A link token lives 30 minutes and is
 * spent by the connection it makes; a state lives 10 minutes and is spent by its callback.
 * Only hashes are stored: a copy of the database connects nothing.
 */
public final class LinkTokens {

    public static final Duration LIFETIME = Duration.ofMinutes(30);
    private static final Duration STATE_LIFETIME = Duration.ofMinutes(10);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A new token, shown once, and what it allows. */
    public record Issued(String token, LinkToken link) {
    }

    /** An OAuth state taken back by its callback. */
    public record State(String tokenHash, String integration, Optional<String> codeVerifier) {
    }

    private final Sql sql;
    private final Clock clock;

    public LinkTokens(Database database, Clock clock) {
        this.sql = new Sql(database);
        this.clock = clock;
    }

    public Issued issue(String environment, Optional<String> tenantId, Optional<String> accountId,
            List<String> integrations, Optional<String> redirectUri, Optional<String> origin) {
        String token = "lt_" + random(32);
        Instant now = clock.instant();
        var link = new LinkToken(hash(token), environment, tenantId, accountId, integrations, redirectUri, origin,
                now.plus(LIFETIME));
        sql.run(connection -> {
            try (var insert = connection.prepareStatement("INSERT INTO link_tokens (token_hash, environment, tenant_id, "
                    + "integrated_account_id, integrations, redirect_uri, origin, expires_at, created_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, link.hash());
                insert.setString(2, environment);
                insert.setString(3, tenantId.orElse(null));
                insert.setString(4, accountId.orElse(null));
                insert.setString(5, Json.writeString(integrations));
                insert.setString(6, redirectUri.orElse(null));
                insert.setString(7, origin.orElse(null));
                insert.setLong(8, link.expiresAt().toEpochMilli());
                insert.setLong(9, now.toEpochMilli());
                return insert.executeUpdate();
            }
        });
        return new Issued(token, link);
    }

    /** The link a token grants, while it is unspent and unexpired. */
    public Optional<LinkToken> open(String token) {
        if (token == null || !token.startsWith("lt_") || token.length() > 100) {
            return Optional.empty();
        }
        return byHash(hash(token));
    }

    public Optional<LinkToken> byHash(String hash) {
        return sql.run(connection -> {
            try (var select = connection.prepareStatement("SELECT * FROM link_tokens WHERE token_hash = ? "
                    + "AND used_at IS NULL AND expires_at > ?")) {
                select.setString(1, hash);
                select.setLong(2, clock.millis());
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Optional.of(read(rows)) : Optional.empty();
                }
            }
        });
    }

    /** Spends the token: true for exactly one caller, and only while it is valid. */
    public boolean spend(LinkToken link) {
        return sql.run(connection -> {
            try (var update = connection.prepareStatement("UPDATE link_tokens SET used_at = ? WHERE token_hash = ? "
                    + "AND used_at IS NULL AND expires_at > ?")) {
                update.setLong(1, clock.millis());
                update.setString(2, link.hash());
                update.setLong(3, clock.millis());
                return update.executeUpdate() == 1;
            }
        });
    }

    /**
     * A failed credential check through the link: true when that was its last, and the link
     * is now spent.
     */
    public boolean failedCheck(LinkToken link, int allowed) {
        return sql.inTransaction(connection -> {
            try (var update = connection.prepareStatement("UPDATE link_tokens SET failed_checks = failed_checks + 1, "
                    + "used_at = CASE WHEN failed_checks + 1 >= ? THEN ? ELSE used_at END WHERE token_hash = ?")) {
                update.setInt(1, allowed);
                update.setLong(2, clock.millis());
                update.setString(3, link.hash());
                update.executeUpdate();
            }
            try (var select = connection.prepareStatement("SELECT failed_checks FROM link_tokens WHERE token_hash = ?")) {
                select.setString(1, link.hash());
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() && rows.getInt(1) >= allowed;
                }
            }
        });
    }

    /**
     * A new OAuth state for this link and integration, its PKCE verifier where one is used,
     * bound to the browser that holds the nonce.
     */
    public String newState(LinkToken link, String integration, Optional<String> codeVerifier, String browserNonce) {
        String state = random(24);
        sql.run(connection -> {
            try (var insert = connection.prepareStatement("INSERT INTO oauth_states (state_hash, token_hash, integration, "
                    + "code_verifier, expires_at, browser_hash) VALUES (?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, hash(state));
                insert.setString(2, link.hash());
                insert.setString(3, integration);
                insert.setString(4, codeVerifier.orElse(null));
                insert.setLong(5, clock.instant().plus(STATE_LIFETIME).toEpochMilli());
                insert.setString(6, hash(browserNonce));
                return insert.executeUpdate();
            }
        });
        return state;
    }

    /**
     * Takes a state back, once, in the browser that started it: a replayed or unknown one, or
     * one brought by another browser (an authorize URL handed on), is empty.
     */
    public Optional<State> takeState(String state, Optional<String> browserNonce) {
        if (state == null || state.length() > 100 || browserNonce.isEmpty() || browserNonce.get().length() > 100) {
            return Optional.empty();
        }
        String hashed = hash(state);
        return sql.inTransaction(connection -> {
            try (var update = connection.prepareStatement("UPDATE oauth_states SET used_at = ? WHERE state_hash = ? "
                    + "AND used_at IS NULL AND expires_at > ? AND browser_hash = ?")) {
                update.setLong(1, clock.millis());
                update.setString(2, hashed);
                update.setLong(3, clock.millis());
                update.setString(4, hash(browserNonce.get()));
                if (update.executeUpdate() != 1) {
                    return Optional.<State>empty();
                }
            }
            try (var select = connection.prepareStatement("SELECT * FROM oauth_states WHERE state_hash = ?")) {
                select.setString(1, hashed);
                try (ResultSet rows = select.executeQuery()) {
                    rows.next();
                    return Optional.of(new State(rows.getString("token_hash"), rows.getString("integration"),
                            Optional.ofNullable(rows.getString("code_verifier"))));
                }
            }
        });
    }

    /**
     * Forgets links and OAuth states that expired or were spent more than {@code retention}
     * ago: the rows a connect page leaves behind. The number of rows removed.
     */
    public int purge(Duration retention) {
        long before = clock.millis() - retention.toMillis();
        return sql.run(connection -> {
            int removed = 0;
            try (var states = connection.prepareStatement("DELETE FROM oauth_states WHERE expires_at < ? "
                    + "OR used_at < ?")) {
                states.setLong(1, before);
                states.setLong(2, before);
                removed += states.executeUpdate();
            }
            try (var links = connection.prepareStatement("DELETE FROM link_tokens WHERE expires_at < ? OR used_at < ?")) {
                links.setLong(1, before);
                links.setLong(2, before);
                removed += links.executeUpdate();
            }
            return removed;
        });
    }

    @SuppressWarnings("unchecked")
    private static LinkToken read(ResultSet rows) throws SQLException {
        return new LinkToken(rows.getString("token_hash"), rows.getString("environment"),
                Optional.ofNullable(rows.getString("tenant_id")), Optional.ofNullable(rows.getString("integrated_account_id")),
                (List<String>) Json.tryParse(rows.getString("integrations").getBytes(StandardCharsets.UTF_8))
                        .orElse(List.of()),
                Optional.ofNullable(rows.getString("redirect_uri")), Optional.ofNullable(rows.getString("origin")),
                Instant.ofEpochMilli(rows.getLong("expires_at")));
    }

    public static String random(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }

    public static String hash(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
