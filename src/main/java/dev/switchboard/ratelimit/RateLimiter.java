package dev.switchboard.ratelimit;

import dev.switchboard.catalog.RateLimit;
import java.time.Duration;

/**
 * Keeps the calls on one integrated account under a provider's documented rate, so that
 * Switchboard queues briefly instead of drawing the provider's 429s.
 */
public interface RateLimiter {

    /**
     * Reserves the next slot for the account's calls: the wait before this call may go
     * (zero: now), or, when that wait would be longer than {@code maxWait}, no slot:
     * {@link Slot#refused()}, with how long the caller should wait.
     */
    public Slot reserve(String accountId, RateLimit limit, Duration maxWait);

    /** A reserved slot, or a refusal. */
    public record Slot(Duration delay, boolean refused) {

        public static Slot after(Duration delay) {
            return new Slot(delay, false);
        }

        public static Slot refusedFor(Duration delay) {
            return new Slot(delay, true);
        }
    }
}
