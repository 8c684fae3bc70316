package dev.switchboard.writes;

import dev.switchboard.unified.UnifiedResult;

import dev.switchboard.error.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Remembers keyless creates, so that a client retrying without an Idempotency-Key (Truto's
 * SDKs re-send a POST after 408, 409, 425, 429, 502, 503 and 504) never writes a second note:
 * an identical create that arrives while one is running waits for it and gets its answer
 * when it wrote the note, and after one whose outcome stayed unknown it looks for that
 * one's note before anything is sent.
 *
 * <p>Kept in this process: with SQLite there is one process; behind a load balancer with
 * several, a retry that lands on another process is only covered with an Idempotency-Key.
 */
public final class RetryMemory {

    /** How long an unknown outcome is remembered for an identical retry. */
    static final Duration WINDOW = Duration.ofMinutes(10);

    private final Map<String, CompletableFuture<Optional<UnifiedResult>>> running = new ConcurrentHashMap<>();
    private final Map<String, Instant> unknown = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration maxWait;

    public RetryMemory(Clock clock, Duration maxWait) {
        this.clock = clock;
        this.maxWait = maxWait;
    }

    /**
     * One identical create at a time. When one is already running, waits for it: if it
     * wrote its note, that answer is this one's too; otherwise this one takes its turn.
     */
    public Turn begin(String identity) {
        var mine = new CompletableFuture<Optional<UnifiedResult>>();
        long deadline = System.nanoTime() + maxWait.toNanos();
        while (true) {
            CompletableFuture<Optional<UnifiedResult>> other = running.putIfAbsent(identity, mine);
            if (other == null) {
                return new Turn(identity, mine, earlier(identity), Optional.empty());
            }
            try {
                Optional<UnifiedResult> written = other.get(Math.max(1, deadline - System.nanoTime()),
                        TimeUnit.NANOSECONDS);
                if (written.isPresent()) {
                    return new Turn(identity, null, Optional.empty(), written);
                }
            } catch (TimeoutException e) {
                throw ApiException.of(409, "an identical create is still in progress; retry shortly, or send an "
                        + "Idempotency-Key").withHeader("Retry-After", "1");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw ApiException.of(503, "interrupted while waiting for an identical create");
            } catch (ExecutionException e) {
                // the other request failed: its outcome is recorded, take the turn
            }
        }
    }

    private Optional<Instant> earlier(String identity) {
        Instant now = clock.instant();
        unknown.values().removeIf(sentAt -> sentAt.plus(WINDOW).isBefore(now));
        return Optional.ofNullable(unknown.get(identity));
    }

    /** The place of one create among identical ones. */
    public final class Turn implements AutoCloseable {
        private final String identity;
        private final CompletableFuture<Optional<UnifiedResult>> done;
        private final Optional<Instant> earlierAttempt;
        private final Optional<UnifiedResult> shared;
        private Optional<UnifiedResult> written = Optional.empty();

        private Turn(String identity, CompletableFuture<Optional<UnifiedResult>> done, Optional<Instant> earlierAttempt,
                Optional<UnifiedResult> shared) {
            this.identity = identity;
            this.done = done;
            this.earlierAttempt = earlierAttempt;
            this.shared = shared;
        }

        /** The answer of an identical create that was running when this one came, and wrote its note. */
        public Optional<UnifiedResult> shared() {
            return shared;
        }

        /** When an identical create whose outcome stayed unknown was first sent. */
        public Optional<Instant> earlierAttempt() {
            return earlierAttempt;
        }

        /** This create's outcome is unknown too: an identical retry looks for the note first. */
        public void unknown(Instant firstSent) {
            unknown.put(identity, firstSent);
        }

        /** This create is settled: written (its answer shared with identical ones waiting), refused, or found. */
        public void settled(UnifiedResult result) {
            unknown.remove(identity);
            if (result.status() >= 200 && result.status() < 300 && !(result instanceof UnifiedResult.StreamBody)) {
                written = Optional.of(result);
            }
        }

        @Override
        public void close() {
            if (done != null) {
                running.remove(identity, done);
                done.complete(written);
            }
        }
    }
}
