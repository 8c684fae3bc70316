package dev.switchboard.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A provider's documented request rate per credential, kept under on the client side.
 *
 * @param requestsPerSecond the sustained rate
 * @param burst             how many may go at once after a quiet spell
 */
public record RateLimit(
        @JsonProperty("requests_per_second") double requestsPerSecond,
        @JsonProperty("burst") int burst) {

    public RateLimit {
        if (requestsPerSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("rate_limit needs requests_per_second > 0 and burst >= 1");
        }
    }
}
