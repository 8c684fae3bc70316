package dev.switchboard.remote;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Closes provider answers still being read when their deadline passes, which unblocks the
 * thread reading them. One sweep every {@value #SWEEP_MILLIS} ms looks at the answers in
 * reading, rather than a timer per call: arming and cancelling a timer woke the timer
 * thread on nearly every call (about 4% of the CPU at 5k calls/s), while a deadline is
 * seconds long and needs no better precision than a sweep.
 */
public final class DeadlineSweeper {

    static final long SWEEP_MILLIS = 50;

    /** One answer being read. */
    public static final class Watch implements AutoCloseable {
        private final InputStream body;
        private final Instant deadline;
        private volatile boolean expired;

        private Watch(InputStream body, Instant deadline) {
            this.body = body;
            this.deadline = deadline;
        }

        /** True once the deadline passed and the body was closed under the reader. */
        public boolean expired() {
            return expired;
        }

        @Override
        public void close() {
            WATCHED.remove(this);
        }
    }

    private static final Set<Watch> WATCHED = ConcurrentHashMap.newKeySet();

    static {
        Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "provider-deadline");
            thread.setDaemon(true);
            return thread;
        }).scheduleWithFixedDelay(DeadlineSweeper::sweep, SWEEP_MILLIS, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
    }

    private DeadlineSweeper() {
    }

    /** Watches a body until the returned watch is closed. */
    public static Watch watch(InputStream body, Instant deadline) {
        var watch = new Watch(body, deadline);
        WATCHED.add(watch);
        return watch;
    }

    private static void sweep() {
        Instant now = Instant.now();
        for (Watch watch : WATCHED) {
            if (!now.isBefore(watch.deadline)) {
                watch.expired = true;
                WATCHED.remove(watch);
                try {
                    watch.body.close();
                } catch (IOException | RuntimeException ignored) {
                    // The reader sees the closed body, or has finished already: either way it is done.
                }
            }
        }
    }
}
