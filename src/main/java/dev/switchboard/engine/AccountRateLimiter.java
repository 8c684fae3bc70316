package dev.switchboard.engine;

import dev.switchboard.catalog.RateLimit;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per integrated account, so that Switchboard stays under a provider's
 * documented rate instead of drawing its 429s. A request that would have to wait longer
 * than it may is turned away with how long to wait.
 */
public final class AccountRateLimiter {

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    /** Waits for a slot; empty when the call may go, else how long the caller should wait. */
    public Optional<Duration> acquire(String accountId, RateLimit limit, Duration maxWait) {
        Bucket bucket = buckets.computeIfAbsent(accountId, id -> new Bucket(limit));
        long waitNanos = bucket.reserve(maxWait.toNanos());
        if (waitNanos < 0) {
            return Optional.of(Duration.ofNanos(-waitNanos));
        }
        if (waitNanos > 0) {
            try {
                Thread.sleep(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return Optional.empty();
    }

    private static final class Bucket {
        private final double perNano;
        private final double burst;
        private double tokens;
        private long updated = System.nanoTime();

        Bucket(RateLimit limit) {
            this.perNano = limit.requestsPerSecond() / 1e9;
            this.burst = limit.burst();
            this.tokens = limit.burst();
        }

        /** Nanoseconds to wait for a reserved token; negative (the wait needed) when it is too long. */
        synchronized long reserve(long maxWaitNanos) {
            long now = System.nanoTime();
            tokens = Math.min(burst, tokens + (now - updated) * perNano);
            updated = now;
            long wait = tokens >= 1 ? 0 : (long) Math.ceil((1 - tokens) / perNano);
            if (wait > maxWaitNanos) {
                return -wait;
            }
            tokens -= 1; // may go below zero: the slot is held for whoever waits for it
            return wait;
        }
    }
}
