package dev.switchboard.remote;

import dev.switchboard.error.ApiException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Per provider host: after consecutive calls that got no answer (no connection, or no
 * answer in time), calls are refused at once for a while instead of each waiting out its
 * timeout; then one call probes, and its answer closes the circuit again.
 */
public final class CircuitBreaker {

    private final int failuresToOpen;
    private final Duration openFor;
    private final Map<String, Host> hosts = new ConcurrentHashMap<>();

    public CircuitBreaker(int failuresToOpen, Duration openFor) {
        if (failuresToOpen < 1 || openFor.isNegative()) {
            throw new IllegalArgumentException("a circuit breaker needs failures >= 1 and a non-negative open time");
        }
        this.failuresToOpen = failuresToOpen;
        this.openFor = openFor;
    }

    private static final class Host {
        /** Read without the lock on every call: a healthy host costs one volatile read. */
        private volatile int failures;
        private long openUntilNanos;
        private final AtomicBoolean probing = new AtomicBoolean();
    }

    /**
     * Lets a call to the host go, or refuses it (503, never sent) while the circuit is open.
     *
     * @return true when this call is the half-open probe
     */
    public boolean admit(String host, String label) {
        Host state = hosts.get(host);
        if (state == null || state.failures == 0) {
            return false;
        }
        synchronized (state) {
            if (state.failures < failuresToOpen) {
                return false;
            }
            long waitNanos = state.openUntilNanos - System.nanoTime();
            if (waitNanos <= 0 && state.probing.compareAndSet(false, true)) {
                return true; // half open: this call finds out whether the provider is back
            }
            long seconds = Math.max(1, (Math.max(waitNanos, 0) + 999_999_999L) / 1_000_000_000L);
            throw ApiException.of(503, label + " has not answered the last " + state.failures + " calls from this "
                    + "server; calls to it are paused and this one was not sent").withHeader("Retry-After",
                    String.valueOf(seconds));
        }
    }

    /** The provider answered (any HTTP status): the circuit closes. */
    public void answered(String host) {
        Host state = hosts.get(host);
        if (state != null && (state.failures != 0 || state.probing.get())) {
            synchronized (state) {
                state.failures = 0;
                state.probing.set(false);
            }
        }
    }

    /** No connection, or no answer in time. */
    public void unanswered(String host) {
        Host state = hosts.computeIfAbsent(host, key -> new Host());
        synchronized (state) {
            state.failures++;
            state.probing.set(false);
            if (state.failures >= failuresToOpen) {
                state.openUntilNanos = System.nanoTime() + openFor.toNanos();
            }
        }
    }
}
