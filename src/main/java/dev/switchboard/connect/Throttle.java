package dev.switchboard.connect;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * A token bucket per key (a link, a client address): {@code burst} at once, then one every
 * {@code every}. Memory is bounded: a key whose bucket has refilled holds nothing worth
 * keeping and is dropped, and past {@code maxKeys} the least recently seen key goes first,
 * so no number of checks leaves entries behind.
 */
final class Throttle {

    private record Bucket(double tokens, long at) {
    }

    private final int burst;
    private final long everyNanos;
    private final int maxKeys;
    private final LongSupplier nanos;
    private final LinkedHashMap<String, Bucket> buckets = new LinkedHashMap<>(16, 0.75f, true);

    Throttle(int burst, Duration every, int maxKeys, LongSupplier nanos) {
        if (burst < 1 || every.isNegative() || every.isZero() || maxKeys < 1) {
            throw new IllegalArgumentException("a throttle needs a burst of at least 1, a positive interval and room");
        }
        this.burst = burst;
        this.everyNanos = every.toNanos();
        this.maxKeys = maxKeys;
        this.nanos = nanos;
    }

    /** Takes one go for the key: empty when allowed, else how long until the next is. */
    synchronized Optional<Duration> take(String key) {
        long now = nanos.getAsLong();
        Bucket bucket = buckets.get(key);
        double tokens = bucket == null ? burst : Math.min(burst, bucket.tokens() + (double) (now - bucket.at()) / everyNanos);
        if (tokens < 1) {
            return Optional.of(Duration.ofNanos((long) Math.ceil((1 - tokens) * everyNanos)));
        }
        buckets.put(key, new Bucket(tokens - 1, now));
        dropIdle(now);
        return Optional.empty();
    }

    /** Keys now held; for tests of the bound. */
    synchronized int size() {
        return buckets.size();
    }

    private void dropIdle(long now) {
        var oldest = buckets.entrySet().iterator();
        while (oldest.hasNext()) {
            Map.Entry<String, Bucket> entry = oldest.next();
            boolean refilled = entry.getValue().tokens() + (double) (now - entry.getValue().at()) / everyNanos >= burst;
            if (refilled || buckets.size() > maxKeys) {
                oldest.remove();
            } else {
                break; // access order: the rest were seen more recently
            }
        }
    }
}
