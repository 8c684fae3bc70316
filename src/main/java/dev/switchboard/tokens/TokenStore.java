package dev.switchboard.tokens;

import dev.switchboard.store.Database;
import dev.switchboard.store.Sql;
import dev.switchboard.store.StoredTime;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * API tokens, each scoped to one environment. Only a SHA-256 of a token is stored: the
 * tokens are 256 random bits, so a fast hash is enough and a lookup is one index probe.
 */
public final class TokenStore {

    private static final Pattern ENVIRONMENT = Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");
    private static final String PREFIX = "sbt_";

    private final Sql sql;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public TokenStore(Database database, Clock clock) {
        this.sql = new Sql(database);
        this.clock = clock;
    }

    public IssuedToken create(String environment, String name) {
        if (!ENVIRONMENT.matcher(environment).matches()) {
            throw new IllegalArgumentException("an environment is 1 to 32 of a-z, 0-9, _ and -, starting with a letter or digit");
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        return new IssuedToken(insert(environment, name, secret), secret);
    }

    private ApiToken insert(String environment, String name, String secret) {
        if (!ENVIRONMENT.matcher(environment).matches()) {
            throw new IllegalArgumentException("an environment is 1 to 32 of a-z, 0-9, _ and -, starting with a letter or digit");
        }
        var token = new ApiToken(UUID.randomUUID().toString(), environment, name, clock.instant(), Optional.empty());
        sql.run(connection -> {
            try (var statement = connection.prepareStatement(
                    "INSERT INTO api_tokens (id, environment, name, token_hash, created_at) VALUES (?, ?, ?, ?, ?)")) {
                statement.setString(1, token.id());
                statement.setString(2, environment);
                statement.setString(3, name);
                statement.setString(4, hash(secret));
                statement.setString(5, StoredTime.format(token.createdAt()));
                return statement.executeUpdate();
            }
        });
        return token;
    }

    /**
     * A token whose secret the caller chose (the sandbox derives its own, so it survives a
     * restart), stored as any other: listed, revocable, hashed. Nothing is written when it is
     * already stored; a revoked one stays revoked.
     */
    public ApiToken keep(String environment, String name, String secret) {
        if (!secret.startsWith(PREFIX) || secret.length() < PREFIX.length() + 32) {
            throw new IllegalArgumentException("a kept token starts with " + PREFIX + " and holds at least 32 more characters");
        }
        Optional<ApiToken> stored = verify(secret);
        if (stored.isPresent()) {
            return stored.get();
        }
        boolean revoked = sql.run(connection -> {
            try (var statement = connection.prepareStatement("SELECT 1 FROM api_tokens WHERE token_hash = ?")) {
                statement.setString(1, hash(secret));
                try (var rows = statement.executeQuery()) {
                    return rows.next();
                }
            }
        });
        if (revoked) {
            throw new IllegalStateException("the token '" + name + "' was revoked; it is not made again");
        }
        return insert(environment, name, secret);
    }

    /** The active token with this secret, if there is one. */
    public Optional<ApiToken> verify(String secret) {
        if (!secret.startsWith(PREFIX)) {
            return Optional.empty();
        }
        return sql.run(connection -> {
            try (var statement = connection.prepareStatement(
                    "SELECT * FROM api_tokens WHERE token_hash = ? AND revoked_at IS NULL")) {
                statement.setString(1, hash(secret));
                return read(statement.executeQuery()).stream().findFirst();
            }
        });
    }

    public List<ApiToken> list() {
        return sql.run(connection -> {
            try (var statement = connection.prepareStatement("SELECT * FROM api_tokens ORDER BY created_at, id")) {
                return read(statement.executeQuery());
            }
        });
    }

    /** False when there is no active token with that id. */
    public boolean revoke(String id) {
        return sql.run(connection -> {
            try (var statement = connection.prepareStatement(
                    "UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")) {
                statement.setString(1, StoredTime.format(clock.instant()));
                statement.setString(2, id);
                return statement.executeUpdate() == 1;
            }
        });
    }

    private static List<ApiToken> read(ResultSet rows) throws SQLException {
        try (rows) {
            var tokens = new ArrayList<ApiToken>();
            while (rows.next()) {
                tokens.add(new ApiToken(rows.getString("id"), rows.getString("environment"), rows.getString("name"),
                        StoredTime.parse(rows.getString("created_at")),
                        Optional.ofNullable(rows.getString("revoked_at")).map(StoredTime::parse)));
            }
            return tokens;
        }
    }

    static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
