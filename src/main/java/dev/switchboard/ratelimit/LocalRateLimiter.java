package dev.switchboard.ratelimit;

import dev.switchboard.catalog.RateLimit;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per integrated account, in this process: right where one process serves
 * the accounts (the embedded SQLite store). Processes sharing PostgreSQL share
 * {@link SharedRateLimiter} instead.
 */
public final class LocalRateLimiter implements RateLimiter {

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    @Override
    public Slot reserve(String accountId, RateLimit limit, Duration maxWait) {
        return buckets.computeIfAbsent(accountId, id -> new Bucket(limit)).reserve(maxWait.toNanos());
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

        public synchronized Slot reserve(long maxWaitNanos) {
            long now = System.nanoTime();
            tokens = Math.min(burst, tokens + (now - updated) * perNano);
            updated = now;
            long wait = tokens >= 1 ? 0 : (long) Math.ceil((1 - tokens) / perNano);
            if (wait > maxWaitNanos) {
                return Slot.refusedFor(Duration.ofNanos(wait));
            }
            tokens -= 1; // may go below zero: the slot is held for whoever waits for it
            return Slot.after(Duration.ofNanos(wait));
        }
    }
}
