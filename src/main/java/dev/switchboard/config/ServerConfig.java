package dev.switchboard.config;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The server's settings, read from the environment (contract §6). The API token is a
 * secret, so {@code toString} does not show it.
 *
 * @param port           {@code SWITCHBOARD_PORT}
 * @param databaseUrl    {@code SWITCHBOARD_DATABASE_URL}
 * @param apiToken       {@code SWITCHBOARD_API_TOKEN}
 * @param allowedHosts   {@code SWITCHBOARD_ALLOWED_HOSTS}, extra hosts for base_url overrides
 * @param connectTimeout {@code SWITCHBOARD_REMOTE_CONNECT_TIMEOUT_MS}
 * @param remoteTimeout  {@code SWITCHBOARD_REMOTE_TIMEOUT_MS}, until the provider's answer starts
 */
public record ServerConfig(
        int port,
        String databaseUrl,
        Optional<String> apiToken,
        Set<String> allowedHosts,
        Duration connectTimeout,
        Duration remoteTimeout) {

    public static ServerConfig fromEnvironment(Map<String, String> env) {
        return new ServerConfig(
                integer(env, "SWITCHBOARD_PORT", 8080),
                env.getOrDefault("SWITCHBOARD_DATABASE_URL", "jdbc:sqlite:switchboard.db"),
                Optional.ofNullable(env.get("SWITCHBOARD_API_TOKEN")).filter(token -> !token.isBlank()),
                Arrays.stream(env.getOrDefault("SWITCHBOARD_ALLOWED_HOSTS", "").split(","))
                        .map(String::trim).filter(host -> !host.isEmpty()).collect(Collectors.toUnmodifiableSet()),
                Duration.ofMillis(integer(env, "SWITCHBOARD_REMOTE_CONNECT_TIMEOUT_MS", 10_000)),
                Duration.ofMillis(integer(env, "SWITCHBOARD_REMOTE_TIMEOUT_MS", 30_000)));
    }

    public ServerConfig withApiToken(String token) {
        return new ServerConfig(port, databaseUrl, Optional.of(token), allowedHosts, connectTimeout, remoteTimeout);
    }

    public ServerConfig withAllowedHosts(Set<String> hosts) {
        return new ServerConfig(port, databaseUrl, apiToken, Set.copyOf(hosts), connectTimeout, remoteTimeout);
    }

    private static int integer(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, not '" + value + "'");
        }
    }

    @Override
    public String toString() {
        return "ServerConfig[port=" + port + ", databaseUrl=" + databaseUrl
                + ", apiToken=" + (apiToken.isPresent() ? "<set>" : "<none>") + ", allowedHosts=" + allowedHosts
                + ", connectTimeout=" + connectTimeout + ", remoteTimeout=" + remoteTimeout + "]";
    }
}
