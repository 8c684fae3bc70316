package dev.switchboard.writes;

import dev.switchboard.unified.UnifiedPipeline;
import dev.switchboard.unified.Executed;
import dev.switchboard.unified.UnifiedResult;

import dev.switchboard.error.ApiException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates sent with an Idempotency-Key: one execution per key and account, its final answer
 * kept for retries, its claim kept alive while it runs and free again when the provider
 * never acted.
 */
public final class KeyedCreates {

    private static final Logger LOG = LoggerFactory.getLogger(KeyedCreates.class);
    private static final ScheduledExecutorService HEARTBEATS = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "idempotency-heartbeat");
        thread.setDaemon(true);
        return thread;
    });

    /** A create's two ways to an answer, as the pipeline makes them. */
    public interface Attempts {
        /** Sends it and settles the outcome; throws {@link UnknownAfterSearch} when it stays unknown. */
        Executed settle(Instant sentAt, Supplier<Set<String>> taken);

        /** Looks for the note an earlier attempt may have made. */
        Optional<Executed> recover(Instant sentAt, Supplier<Set<String>> taken);
    }

    private final IdempotencyStore keys;

    public KeyedCreates(IdempotencyStore keys) {
        this.keys = keys;
    }

    public UnifiedResult run(String accountId, String key, String fingerprint, Attempts attempts) {
        Claim claim = keys.claim(accountId, key, fingerprint);
        if (claim instanceof Claim.Replay replay) {
            StoredResponse stored = replay.response();
            var headers = new LinkedHashMap<>(stored.headers());
            headers.put(UnifiedPipeline.REPLAYED_HEADER, "true");
            return new UnifiedResult.RawBody(stored.status(), headers, stored.contentType(), stored.body());
        }
        if (claim instanceof Claim.Mismatch) {
            throw ApiException.of(422, "this Idempotency-Key was used with a different request; "
                    + "a key stands for one request body and query");
        }
        if (claim instanceof Claim.InFlight inFlight) {
            long seconds = Math.max(1, (inFlight.takeoverIn().toMillis() + 999) / 1000);
            // The time after which a retry is sure to get somewhere: the first request's answer, or,
            // if its process died, the key.
            throw ApiException.of(409, "a request with this Idempotency-Key is still in progress; if it was "
                    + "stopped, its claim can be taken over in " + seconds + " s").withHeader("Retry-After",
                    String.valueOf(seconds));
        }
        Optional<Instant> earlier = ((Claim.Granted) claim).earlierAttempt();
        // While this request runs its claim stays alive; a process that dies stops beating.
        ScheduledFuture<?> heartbeat = HEARTBEATS.scheduleAtFixedRate(() -> beat(accountId, key),
                keys.heartbeatEvery().toMillis(), keys.heartbeatEvery().toMillis(), TimeUnit.MILLISECONDS);
        try {
            // Read only if a search happens: most requests never need it.
            Supplier<Set<String>> taken = () -> keys.remoteIds(accountId);
            Optional<Executed> recovered = earlier.flatMap(sentAt -> attempts.recover(sentAt, taken));
            Executed executed = recovered.isPresent() ? recovered.get()
                    : attempts.settle(earlier.orElse(Instant.now()), taken);
            int status = executed.result().status();
            if (executed.result() instanceof UnifiedResult.RawBody && status >= 500) {
                // A raw answer passes a provider fault through as it came; the key stays open
                // for a retry, which looks for the note before sending again.
                keys.markUnknown(accountId, key);
            } else if (executed.result() instanceof UnifiedResult.RawBody && (status == 401 || status == 429)) {
                keys.release(accountId, key);
            } else {
                keys.complete(accountId, key, Answers.stored(executed.result()), executed.remoteId());
            }
            return executed.result();
        } catch (UnknownAfterSearch unknown) {
            keys.markUnknown(accountId, key);
            throw unknown.error();
        } catch (ApiException e) {
            if (providerActed(e)) {
                keys.complete(accountId, key, Answers.stored(e), Optional.empty());
            } else {
                keys.release(accountId, key);
            }
            throw e;
        } catch (RuntimeException e) {
            keys.release(accountId, key);
            throw e;
        } finally {
            heartbeat.cancel(false);
        }
    }

    private void beat(String accountId, String key) {
        try {
            keys.heartbeat(accountId, key);
        } catch (RuntimeException e) {
            LOG.warn("Idempotency-Key heartbeat failed: {}", e.getMessage());
        }
    }

    /** False for answers given before the provider acted: the key is free for a retry. */
    private static boolean providerActed(ApiException e) {
        return e.status() != 401 && e.status() != 429 && e.status() < 500;
    }
}
