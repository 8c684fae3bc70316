package dev.switchboard.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;

/**
 * How long a call to the provider may take.
 *
 * @param connectMs connecting
 * @param totalMs   the whole call: connecting, sending and reading the whole answer
 */
public record Timeouts(@JsonProperty("connect_ms") long connectMs, @JsonProperty("total_ms") long totalMs) {

    public static final Timeouts DEFAULT = new Timeouts(5_000, 30_000);

    public Timeouts {
        if (connectMs <= 0 || totalMs <= 0 || connectMs > totalMs) {
            throw new IllegalArgumentException("timeouts need 0 < connect_ms <= total_ms");
        }
    }

    public Duration connect() {
        return Duration.ofMillis(connectMs);
    }

    public Duration total() {
        return Duration.ofMillis(totalMs);
    }
}
