package dev.switchboard.catalog;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A provider's documented request rate per credential, kept under on the client side.
 *
 * <p>The catalog gives it either as a sustained rate with a burst (Lever: 10 a second), or
 * as a window, {@code requests} per {@code per_seconds} (Workable: 10 per 10 s). A window
 * becomes a bucket that can never put more than {@code requests} calls into any window of
 * that length: half of them at once, the rest spread over the window.
 *
 * @param requestsPerSecond the sustained rate
 * @param burst             how many may go at once after a quiet spell
 */
public record RateLimit(double requestsPerSecond, int burst) {

    public RateLimit {
        if (requestsPerSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("rate_limit needs requests_per_second > 0 and burst >= 1");
        }
    }

    @JsonCreator
    static RateLimit fromCatalog(@JsonProperty("requests_per_second") Double requestsPerSecond,
            @JsonProperty("burst") Integer burst, @JsonProperty("requests") Integer requests,
            @JsonProperty("per_seconds") Integer perSeconds) {
        boolean rate = requestsPerSecond != null || burst != null;
        boolean window = requests != null || perSeconds != null;
        if (rate == window) {
            throw new IllegalArgumentException("rate_limit takes either requests_per_second and burst, "
                    + "or requests and per_seconds");
        }
        if (rate) {
            if (requestsPerSecond == null || burst == null) {
                throw new IllegalArgumentException("rate_limit needs requests_per_second and burst");
            }
            return new RateLimit(requestsPerSecond, burst);
        }
        return window(requests == null ? 0 : requests, perSeconds == null ? 0 : perSeconds);
    }

    /**
     * A bucket of {@code ceil(n/2)} that refills the other {@code floor(n/2)} over the window:
     * at most the burst plus what refills, {@code n}, in any window.
     */
    public static RateLimit window(int requests, int perSeconds) {
        if (requests < 2 || perSeconds < 1) {
            throw new IllegalArgumentException("rate_limit needs requests >= 2 and per_seconds >= 1");
        }
        int burst = (requests + 1) / 2;
        return new RateLimit((double) (requests - burst) / perSeconds, burst);
    }
}
