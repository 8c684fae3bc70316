package dev.switchboard.store;

import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.slf4j.MDC;

/**
 * Platform threads for SQLite's JDBC work. The driver waits for another connection's write lock
 * inside native code (its busy timeout), and a virtual thread in native code keeps its carrier:
 * a few such waits take every carrier, and the lock's holder, if it parked meanwhile (a token
 * refresh waiting on its provider), cannot run again to release the lock. Measured on two
 * carriers: the holder's 100 ms park lasted 10.2 s, until the waiting writes failed as
 * SQLITE_BUSY, and nothing else ran. Here a wait holds only its own thread.
 */
final class StoreThreads implements AutoCloseable {

    private final ExecutorService threads;

    StoreThreads(int count) {
        this.threads = Executors.newFixedThreadPool(count,
                Thread.ofPlatform().name("switchboard-store-", 1).daemon().factory());
    }

    /**
     * The work's result, computed on a store thread when the caller is a virtual thread; in
     * place otherwise (a store thread's own nested call, start-up, the scheduled purges).
     */
    <T> T run(Supplier<T> work) {
        if (!Thread.currentThread().isVirtual()) {
            return work.get();
        }
        Map<String, String> logContext = MDC.getCopyOfContextMap();
        Future<T> result = threads.submit(() -> {
            if (logContext != null) {
                MDC.setContextMap(logContext); // the request's id stays on what the work logs
            }
            try {
                return work.get();
            } finally {
                MDC.clear();
            }
        });
        return outcome(result);
    }

    /** Waits for the work to end, as the caller would have had it run in place, interrupted or not. */
    private static <T> T outcome(Future<T> result) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return result.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException failure) {
                        throw failure;
                    }
                    if (e.getCause() instanceof Error error) {
                        throw error;
                    }
                    throw new StoreException("store operation failed: " + e.getCause(), e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        threads.shutdown();
    }
}
