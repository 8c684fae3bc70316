package dev.switchboard.config;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The server's settings, read from the environment (docs/api.md §6). Tokens and keys are
 * secrets, so {@code toString} does not show them.
 *
 * @param port           {@code SWITCHBOARD_PORT}
 * @param databaseUrl    {@code SWITCHBOARD_DATABASE_URL}
 * @param apiToken       {@code SWITCHBOARD_API_TOKEN}, the bootstrap token
 * @param secretKey      {@code SWITCHBOARD_SECRET_KEY}, base64 AES-256 keys, newest first
 * @param allowedHosts   {@code SWITCHBOARD_ALLOWED_HOSTS}, extra hosts for base_url overrides
 * @param connectTimeout {@code SWITCHBOARD_REMOTE_CONNECT_TIMEOUT_MS}: overrides every integration's
 * @param remoteTimeout  {@code SWITCHBOARD_REMOTE_TIMEOUT_MS}: the whole provider call, overriding every integration's
 * @param maxBodyBytes   {@code SWITCHBOARD_MAX_BODY_BYTES}, the largest request body accepted
 * @param retryBudget    {@code SWITCHBOARD_RETRY_BUDGET_MS}: how long one request may wait to retry safely
 * @param idempotencyTtl {@code SWITCHBOARD_IDEMPOTENCY_TTL_HOURS}: how long an Idempotency-Key is remembered
 * @param environment    the raw environment, for names the catalog gives (OAuth client credentials)
 */
public record ServerConfig(
        int port,
        String databaseUrl,
        Optional<String> apiToken,
        Optional<String> secretKey,
        Set<String> allowedHosts,
        Optional<Duration> connectTimeout,
        Optional<Duration> remoteTimeout,
        long maxBodyBytes,
        Duration retryBudget,
        Duration idempotencyTtl,
        Map<String, String> environment) {

    public ServerConfig {
        allowedHosts = Set.copyOf(allowedHosts);
        environment = Map.copyOf(environment);
    }

    public static ServerConfig fromEnvironment(Map<String, String> given) {
        Map<String, String> env = SecretFiles.resolve(given);
        return new ServerConfig(
                (int) number(env, "SWITCHBOARD_PORT", 8080),
                databaseUrl(env),
                nonBlank(env, "SWITCHBOARD_API_TOKEN"),
                nonBlank(env, "SWITCHBOARD_SECRET_KEY"),
                Arrays.stream(env.getOrDefault("SWITCHBOARD_ALLOWED_HOSTS", "").split(","))
                        .map(String::trim).filter(host -> !host.isEmpty()).collect(Collectors.toUnmodifiableSet()),
                millis(env, "SWITCHBOARD_REMOTE_CONNECT_TIMEOUT_MS"),
                millis(env, "SWITCHBOARD_REMOTE_TIMEOUT_MS"),
                number(env, "SWITCHBOARD_MAX_BODY_BYTES", 1024 * 1024),
                Duration.ofMillis(number(env, "SWITCHBOARD_RETRY_BUDGET_MS", 10_000)),
                Duration.ofHours(number(env, "SWITCHBOARD_IDEMPOTENCY_TTL_HOURS", 24)),
                env);
    }

    /**
     * {@code SWITCHBOARD_DATABASE_URL}, with {@code SWITCHBOARD_DATABASE_PASSWORD} (or its
     * {@code _FILE}) added as the JDBC {@code password} parameter, so that the password can be
     * a mounted secret rather than part of the URL.
     */
    private static String databaseUrl(Map<String, String> env) {
        String url = env.getOrDefault("SWITCHBOARD_DATABASE_URL", "jdbc:sqlite:switchboard.db");
        String password = env.get("SWITCHBOARD_DATABASE_PASSWORD");
        if (password == null || password.isEmpty()) {
            return url;
        }
        if (url.matches("(?i).*[?&]password=.*")) {
            throw new IllegalArgumentException("SWITCHBOARD_DATABASE_URL already holds a password: drop it there, "
                    + "or unset SWITCHBOARD_DATABASE_PASSWORD");
        }
        return url + (url.contains("?") ? "&" : "?") + "password="
                + java.net.URLEncoder.encode(password, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Defaults for tests and embedding: a given port, store and token, loopback allowed. */
    public static ServerConfig of(int port, String databaseUrl, String apiToken) {
        return fromEnvironment(Map.of()).withPort(port).withDatabaseUrl(databaseUrl).withApiToken(apiToken);
    }

    public ServerConfig withPort(int newPort) {
        return new ServerConfig(newPort, databaseUrl, apiToken, secretKey, allowedHosts, connectTimeout,
                remoteTimeout, maxBodyBytes, retryBudget, idempotencyTtl, environment);
    }

    public ServerConfig withDatabaseUrl(String url) {
        return new ServerConfig(port, url, apiToken, secretKey, allowedHosts, connectTimeout, remoteTimeout,
                maxBodyBytes, retryBudget, idempotencyTtl, environment);
    }

    public ServerConfig withApiToken(String token) {
        return new ServerConfig(port, databaseUrl, Optional.of(token), secretKey, allowedHosts, connectTimeout,
                remoteTimeout, maxBodyBytes, retryBudget, idempotencyTtl, environment);
    }

    public ServerConfig withSecretKey(String keys) {
        return new ServerConfig(port, databaseUrl, apiToken, Optional.of(keys), allowedHosts, connectTimeout,
                remoteTimeout, maxBodyBytes, retryBudget, idempotencyTtl, environment);
    }

    public ServerConfig withAllowedHosts(Set<String> hosts) {
        return new ServerConfig(port, databaseUrl, apiToken, secretKey, hosts, connectTimeout, remoteTimeout,
                maxBodyBytes, retryBudget, idempotencyTtl, environment);
    }

    /** Overrides every integration's timeouts. */
    public ServerConfig withRemoteTimeouts(Duration connect, Duration total) {
        return new ServerConfig(port, databaseUrl, apiToken, secretKey, allowedHosts, Optional.of(connect),
                Optional.of(total), maxBodyBytes, retryBudget, idempotencyTtl, environment);
    }

    public ServerConfig withRetryBudget(Duration budget) {
        return new ServerConfig(port, databaseUrl, apiToken, secretKey, allowedHosts, connectTimeout,
                remoteTimeout, maxBodyBytes, budget, idempotencyTtl, environment);
    }

    public ServerConfig withEnvironment(Map<String, String> variables) {
        return new ServerConfig(port, databaseUrl, apiToken, secretKey, allowedHosts, connectTimeout,
                remoteTimeout, maxBodyBytes, retryBudget, idempotencyTtl, variables);
    }

    /**
     * {@code SWITCHBOARD_ACCOUNT_CACHE_MS}: how long a read account is reused. It bounds how late another
     * process's change shows only where changes are not announced (SQLite, or a lost listening connection).
     */
    public Duration accountCacheTtl() {
        return Duration.ofMillis(number(environment, "SWITCHBOARD_ACCOUNT_CACHE_MS", 5_000));
    }

    /**
     * {@code SWITCHBOARD_MIGRATE}: migrate the store's schema at start-up ({@code true}, the
     * default), or only check it is current ({@code false}, for clusters that run
     * {@code switchboard migrate} once before rolling out).
     */
    public boolean migrateOnStart() {
        String value = environment.getOrDefault("SWITCHBOARD_MIGRATE", "true").trim();
        if (!value.equals("true") && !value.equals("false")) {
            throw new IllegalArgumentException("SWITCHBOARD_MIGRATE must be true or false, not '" + value + "'");
        }
        return value.equals("true");
    }

    /** A whole-number {@code SWITCHBOARD_*} setting from the environment, or its default. */
    public long setting(String name, long fallback) {
        return number(environment, name, fallback);
    }

    /** The store's URL without its parameters, which may carry a password. */
    public String redactedDatabaseUrl() {
        int query = databaseUrl.indexOf('?');
        String base = query < 0 ? databaseUrl : databaseUrl.substring(0, query) + "?…";
        return base.replaceAll("//[^/@]*@", "//…@");
    }

    private static Optional<String> nonBlank(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).filter(value -> !value.isBlank());
    }

    private static Optional<Duration> millis(Map<String, String> env, String name) {
        return env.containsKey(name) && !env.get(name).isBlank()
                ? Optional.of(Duration.ofMillis(number(env, name, 0))) : Optional.empty();
    }

    private static long number(Map<String, String> env, String name, long fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, not '" + value + "'");
        }
    }

    @Override
    public String toString() {
        return "ServerConfig[port=" + port + ", databaseUrl=" + redactedDatabaseUrl()
                + ", apiToken=" + (apiToken.isPresent() ? "<set>" : "<none>")
                + ", secretKey=" + (secretKey.isPresent() ? "<set>" : "<none>") + ", allowedHosts=" + allowedHosts
                + ", connectTimeout=" + connectTimeout + ", remoteTimeout=" + remoteTimeout
                + ", maxBodyBytes=" + maxBodyBytes + ", retryBudget=" + retryBudget
                + ", idempotencyTtl=" + idempotencyTtl + ", environment=<" + environment.size() + " variables>]";
    }
}
