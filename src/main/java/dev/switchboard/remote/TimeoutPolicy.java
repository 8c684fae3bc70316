package dev.switchboard.remote;

import dev.switchboard.catalog.IntegrationDefinition;
import dev.switchboard.catalog.Timeouts;
import dev.switchboard.config.ServerConfig;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An integration's timeouts: {@code SWITCHBOARD_<NAME>_CONNECT_TIMEOUT_MS} and
 * {@code SWITCHBOARD_<NAME>_TIMEOUT_MS} if set, else the server-wide overrides, else the
 * integration's definition.
 */
public final class TimeoutPolicy {

    private final ServerConfig config;
    private final Map<String, Timeouts> resolved = new ConcurrentHashMap<>();

    public TimeoutPolicy(ServerConfig config) {
        this.config = config;
    }

    public Timeouts of(IntegrationDefinition integration) {
        return resolved.computeIfAbsent(integration.name(), name -> {
            String prefix = "SWITCHBOARD_" + name.toUpperCase(Locale.ROOT) + "_";
            Duration connect = millis(prefix + "CONNECT_TIMEOUT_MS").or(config::connectTimeout)
                    .orElse(integration.timeouts().connect());
            Duration total = millis(prefix + "TIMEOUT_MS").or(config::remoteTimeout)
                    .orElse(integration.timeouts().total());
            return new Timeouts(Math.min(connect.toMillis(), total.toMillis()), total.toMillis());
        });
    }

    private Optional<Duration> millis(String variable) {
        String value = config.environment().get(variable);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Duration.ofMillis(Long.parseLong(value.trim())));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(variable + " must be a whole number of milliseconds");
        }
    }
}
