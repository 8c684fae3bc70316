package dev.switchboard.writes;

import dev.switchboard.error.ApiException;
import dev.switchboard.observability.RequestTrace;
import dev.switchboard.remote.OutcomeUnknown;
import dev.switchboard.unified.Executed;
import dev.switchboard.unified.ResponseFormat;
import dev.switchboard.unified.UnifiedPipeline;
import dev.switchboard.unified.UnifiedRequest;
import dev.switchboard.unified.UnifiedResult;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Writes made safe to retry. A write the provider may have acted on is never sent again
 * blindly: what it made is looked for first, by the model's match rule. With an
 * Idempotency-Key a retry gets the first answer; without one, an identical write still
 * running is waited for and one whose outcome stayed unknown is looked for, as SDKs that
 * retry without a key need.
 */
public final class SafeWrites {

    /** Where a write's mappings find the item it acts on, read before it (an endpoint's reads_first). */
    static final String CURRENT = "current";

    private final UnifiedPipeline pipeline;
    private final KeyedCreates keyed;
    private final RetryMemory memory;
    private final Reconciler reconciler;

    public SafeWrites(UnifiedPipeline pipeline, KeyedCreates keyed, RetryMemory memory, Reconciler reconciler) {
        this.pipeline = pipeline;
        this.keyed = keyed;
        this.memory = memory;
        this.reconciler = reconciler;
    }

    public UnifiedResult run(UnifiedRequest request, RequestTrace trace) {
        UnifiedPipeline.Prepared prepared = pipeline.prepare(request, trace);
        if (request.dryRun()) {
            return Answers.dryRun(prepared.operation().integration(), pipeline.providerRequest(prepared),
                    prepared.headers());
        }
        if (request.idempotencyKey().isEmpty()) {
            return request.options().format() == ResponseFormat.STREAM ? once(prepared) : remembered(prepared);
        }
        if (request.options().format() == ResponseFormat.STREAM) {
            throw ApiException.badRequest("an Idempotency-Key cannot be used with truto_response_format=stream: "
                    + "a streamed answer is not kept to replay");
        }
        return keyed(prepared, request.idempotencyKey().get());
    }

    private UnifiedResult once(UnifiedPipeline.Prepared prepared) {
        try {
            return settle(prepared, Instant.now(), Set::of).result();
        } catch (UnknownAfterSearch unknown) {
            throw unknown.error();
        }
    }

    /**
     * A keyless write, as clients that retry without a key send it: an identical write still
     * running is waited for, and one whose outcome stayed unknown is looked for first.
     */
    private UnifiedResult remembered(UnifiedPipeline.Prepared prepared) {
        String identity = prepared.account().id() + ":" + Fingerprint.of(prepared.request());
        try (RetryMemory.Turn turn = memory.begin(identity)) {
            if (turn.shared().isPresent()) {
                // An identical write was running when this one came (a client's retry) and made its item.
                return turn.shared().get().withHeader(UnifiedPipeline.REPLAYED_HEADER, "true");
            }
            Instant firstSent = turn.earlierAttempt().orElse(Instant.now());
            try {
                Optional<Executed> recovered = turn.earlierAttempt()
                        .flatMap(sentAt -> recoverEarlier(prepared, sentAt, Set::of));
                Executed executed = recovered.isPresent() ? recovered.get() : settle(prepared, firstSent, Set::of);
                if (executed.result() instanceof UnifiedResult.RawBody && executed.result().status() >= 500) {
                    turn.unknown(firstSent); // a raw provider fault, passed on as it came
                } else {
                    turn.settled(executed.result());
                }
                return executed.result();
            } catch (UnknownAfterSearch unknown) {
                turn.unknown(firstSent);
                throw unknown.error();
            }
        }
    }

    /** The Idempotency-Key path: one execution per key, its final answer kept for retries. */
    private UnifiedResult keyed(UnifiedPipeline.Prepared prepared, String key) {
        return keyed.run(prepared.account().id(), key, Fingerprint.of(prepared.request()), new KeyedCreates.Attempts() {
            @Override
            public Executed settle(Instant sentAt, Supplier<Set<String>> taken) {
                return SafeWrites.this.settle(prepared, sentAt, taken);
            }

            @Override
            public Optional<Executed> recover(Instant sentAt, Supplier<Set<String>> taken) {
                return recoverEarlier(prepared, sentAt, taken);
            }
        });
    }

    /**
     * Sends the request and settles its outcome: the answer, or — when the outcome is
     * unknown — the item found at the provider, or an honest error saying it is unknown.
     */
    private Executed settle(UnifiedPipeline.Prepared prepared, Instant sentAt, Supplier<Set<String>> taken) {
        if (prepared.operation().endpoint().readsFirst()) {
            // The provider wants the item's state named in the write: read it now, not from a stale copy.
            var model = prepared.operation().model();
            prepared.input().put(CURRENT, reconciler.current(prepared.operation(), prepared.account(),
                    prepared.body().fields(), prepared.trace()).orElseThrow(() -> ApiException.of(404,
                            prepared.operation().integration().label() + " has no such " + model.noun())));
        }
        try {
            return pipeline.execute(prepared);
        } catch (OutcomeUnknown unknown) {
            var model = prepared.operation().model();
            String searched;
            try {
                Optional<Executed> found = recover(prepared, sentAt, taken);
                if (found.isPresent()) {
                    return found.get();
                }
                searched = "it was not found among the listed " + model.plural();
            } catch (SearchUnfinished unfinished) {
                searched = "the search for it found no answer (" + unfinished.getMessage() + ")";
            }
            throw new UnknownAfterSearch(unknown.error()
                    .withInsight("outcome", "unknown")
                    .withInsight("detail", "The provider may or may not have created the " + model.noun()
                            + ", and " + searched + ". Retry with the same "
                            + "Idempotency-Key: Switchboard looks for it again before sending."));
        }
    }

    /**
     * Before a retry of a write whose outcome stayed unknown is sent: the item the earlier
     * attempt may have made. A search that reaches no verdict sends nothing: the outcome is
     * still unknown, and the retry hears so.
     */
    private Optional<Executed> recoverEarlier(UnifiedPipeline.Prepared prepared, Instant sentAt,
            Supplier<Set<String>> taken) {
        try {
            return recover(prepared, sentAt, taken);
        } catch (SearchUnfinished unfinished) {
            var operation = prepared.operation();
            var model = operation.model();
            throw new UnknownAfterSearch(ApiException.of(502, "an earlier attempt of this write to "
                    + operation.integration().label() + " may have acted, and the search for its " + model.noun()
                    + " found no answer (" + unfinished.getMessage() + "); nothing was sent again")
                    .withInsight("outcome", "unknown")
                    .withInsight("detail", "Retry later with the same Idempotency-Key: Switchboard looks for the "
                            + model.noun() + " again before sending, and never sends while it may exist."));
        }
    }

    /** Looks for the item an earlier attempt may have made, and answers with it if found. */
    private Optional<Executed> recover(UnifiedPipeline.Prepared prepared, Instant sentAt, Supplier<Set<String>> taken) {
        return reconciler.find(prepared.operation(), prepared.account(), prepared.body(),
                prepared.request().remoteQuery(), sentAt, taken, prepared.trace())
                .map(item -> pipeline.recovered(prepared, item));
    }
}
