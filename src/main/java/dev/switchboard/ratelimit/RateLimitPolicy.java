package dev.switchboard.ratelimit;

import dev.switchboard.catalog.IntegrationDefinition;
import dev.switchboard.catalog.RateLimit;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An integration's client-side rate per account: its definition's, unless
 * {@code SWITCHBOARD_<NAME>_RATE_LIMIT} says otherwise — {@code off}, or
 * {@code <per second>/<burst>} for an operator whose provider grants more.
 */
public final class RateLimitPolicy {

    private final Map<String, String> environment;
    private final Map<String, Optional<RateLimit>> resolved = new ConcurrentHashMap<>();

    public RateLimitPolicy(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    public Optional<RateLimit> of(IntegrationDefinition integration) {
        return resolved.computeIfAbsent(integration.name(), name -> {
            String variable = "SWITCHBOARD_" + name.toUpperCase(Locale.ROOT) + "_RATE_LIMIT";
            String value = environment.get(variable);
            if (value == null || value.isBlank()) {
                return integration.rateLimitPerAccount();
            }
            if (value.trim().equals("off")) {
                return Optional.empty();
            }
            String[] parts = value.trim().split("/");
            try {
                return Optional.of(new RateLimit(Double.parseDouble(parts[0]),
                        parts.length > 1 ? Integer.parseInt(parts[1]) : (int) Math.ceil(Double.parseDouble(parts[0]))));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(variable + " must be 'off' or '<per second>/<burst>', not '" + value + "'");
            }
        });
    }
}
