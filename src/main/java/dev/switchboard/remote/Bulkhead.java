package dev.switchboard.remote;

import dev.switchboard.error.ApiException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * Caps the provider calls in flight per account and per integration, so one hanging
 * provider, or one busy tenant, cannot take every server thread: past a cap the call is
 * refused at once with 503 and never sent.
 */
public final class Bulkhead {

    private final int perAccount;
    private final int perIntegration;
    private final Map<String, Semaphore> accounts = new ConcurrentHashMap<>();
    private final Map<String, Semaphore> integrations = new ConcurrentHashMap<>();

    public Bulkhead(int perAccount, int perIntegration) {
        if (perAccount < 1 || perIntegration < 1) {
            throw new IllegalArgumentException("in-flight caps must be at least 1");
        }
        this.perAccount = perAccount;
        this.perIntegration = perIntegration;
    }

    /** A place for one call, released when it is over; a 503 when there is none. */
    public Permit enter(String integration, String accountId) {
        Semaphore integrationSlots = integrations.computeIfAbsent(integration, name -> new Semaphore(perIntegration));
        if (!integrationSlots.tryAcquire()) {
            throw full(perIntegration + " calls to " + integration + " are already in flight on this server");
        }
        Semaphore accountSlots = accounts.computeIfAbsent(accountId, id -> new Semaphore(perAccount));
        if (!accountSlots.tryAcquire()) {
            integrationSlots.release();
            throw full(perAccount + " calls of this account are already in flight");
        }
        return new Permit(() -> {
            accountSlots.release();
            integrationSlots.release();
        });
    }

    private static ApiException full(String why) {
        return ApiException.of(503, why + "; nothing was sent, retry shortly").withHeader("Retry-After", "1");
    }

    /** One call's place; closing it twice releases once. */
    public static final class Permit implements AutoCloseable {
        private final Runnable release;
        private boolean released;

        private Permit(Runnable release) {
            this.release = release;
        }

        @Override
        public synchronized void close() {
            if (!released) {
                released = true;
                release.run();
            }
        }
    }
}
