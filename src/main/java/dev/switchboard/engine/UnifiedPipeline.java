package dev.switchboard.engine;

import dev.switchboard.accounts.AccountService;
import dev.switchboard.accounts.IntegratedAccount;
import dev.switchboard.catalog.Catalog;
import dev.switchboard.catalog.Operation;
import dev.switchboard.error.ApiException;
import dev.switchboard.idempotency.IdempotencyStore;
import dev.switchboard.mapping.Json;
import dev.switchboard.mapping.MappingException;
import dev.switchboard.observability.RequestTrace;
import dev.switchboard.transport.RemoteFailure;
import dev.switchboard.transport.RemoteResponse;
import dev.switchboard.transport.RemoteStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One unified call, start to end: account → operation → validation → mapping → provider
 * → error recognition → response mapping → shaping. Nothing is sent before the request
 * is known to be valid. A create the provider may have acted on is never sent again
 * blindly: its note is looked for first, and with an Idempotency-Key a retry gets the
 * first answer instead of a second note.
 */
public final class UnifiedPipeline {

    private static final Logger LOG = LoggerFactory.getLogger(UnifiedPipeline.class);
    public static final String IGNORED_FIELDS_HEADER = "x-switchboard-ignored-fields";
    public static final String REPLAYED_HEADER = "idempotent-replayed";
    public static final String RECOVERED_HEADER = "x-switchboard-recovered";

    private final Catalog catalog;
    private final AccountService accounts;
    private final RemoteCaller caller;
    private final Reconciler reconciler;
    private final IdempotencyStore keys;
    private final RetryMemory retries = new RetryMemory(Clock.systemUTC(), Duration.ofSeconds(10));
    private final KeyedCreates keyed;

    public UnifiedPipeline(Catalog catalog, AccountService accounts, RemoteCaller caller, IdempotencyStore keys) {
        this.catalog = catalog;
        this.accounts = accounts;
        this.caller = caller;
        this.reconciler = new Reconciler(catalog, new PageReader(caller, accounts));
        this.keys = keys;
        this.keyed = new KeyedCreates(keys);
    }

    /** A validated request, ready to send. */
    private record Prepared(UnifiedRequest request, IntegratedAccount account, Operation operation,
            ValidatedBody body, Map<String, Object> input, Map<String, String> headers, RequestTrace trace) {
    }


    public UnifiedResult run(UnifiedRequest request, RequestTrace trace) {
        Prepared prepared = prepare(request, trace);
        if (request.dryRun()) {
            return Answers.dryRun(prepared.operation().integration(), build(prepared, prepared.account()),
                    prepared.headers());
        }
        if (request.idempotencyKey().isEmpty()) {
            return request.options().format() == ResponseFormat.STREAM ? once(prepared) : remembered(prepared);
        }
        if (request.options().format() == ResponseFormat.STREAM) {
            throw ApiException.badRequest("an Idempotency-Key cannot be used with truto_response_format=stream: "
                    + "a streamed answer is not kept to replay");
        }
        return runOnce(prepared, request.idempotencyKey().get());
    }

    private Prepared prepare(UnifiedRequest request, RequestTrace trace) {
        IntegratedAccount account = accounts.get(request.environment(), request.accountId());
        trace.operation(account.integration(), request.resource(), request.method());
        Operation operation = catalog.operation(account.integration(), request.resource(), request.method())
                .orElseThrow(() -> unsupported(account.integration(), request.resource(), request.method()));
        ValidatedBody body = BodyValidator.validate(operation, request.body());
        ActingUsers.check(operation, account, request.remoteQuery());
        Map<String, Object> input = RequestBuilder.mappingInput(operation, account, body, request.query(),
                request.remoteQuery());
        Map<String, String> headers = new LinkedHashMap<>();
        if (!body.ignored().isEmpty()) {
            headers.put(IGNORED_FIELDS_HEADER, String.join(",", body.ignored()));
        }
        return new Prepared(request, account, operation, body, input, headers, trace);
    }

    private UnifiedResult once(Prepared prepared) {
        try {
            return settle(prepared, Instant.now(), Set::of).result();
        } catch (UnknownAfterSearch unknown) {
            throw unknown.error();
        }
    }

    /**
     * A keyless create, as clients that retry without a key send it: an identical create
     * still running is waited for, and one whose outcome stayed unknown is looked for first.
     */
    private UnifiedResult remembered(Prepared prepared) {
        String identity = prepared.account().id() + ":" + Fingerprint.of(prepared.request());
        try (RetryMemory.Turn turn = retries.begin(identity)) {
            if (turn.shared().isPresent()) {
                // An identical create was running when this one came (a client's retry) and wrote its note.
                return turn.shared().get().withHeader(REPLAYED_HEADER, "true");
            }
            Instant firstSent = turn.earlierAttempt().orElse(Instant.now());
            try {
                Optional<Executed> recovered = turn.earlierAttempt()
                        .flatMap(sentAt -> recover(prepared, sentAt, Set::of));
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
    private UnifiedResult runOnce(Prepared prepared, String key) {
        return keyed.run(prepared.account().id(), key, Fingerprint.of(prepared.request()), new KeyedCreates.Attempts() {
            @Override
            public Executed settle(Instant sentAt, Supplier<Set<String>> taken) {
                return UnifiedPipeline.this.settle(prepared, sentAt, taken);
            }

            @Override
            public Optional<Executed> recover(Instant sentAt, Supplier<Set<String>> taken) {
                return UnifiedPipeline.this.recover(prepared, sentAt, taken);
            }
        });
    }

    /**
     * Sends the request and settles its outcome: the answer, or — when the outcome is
     * unknown — the note found at the provider, or an honest error saying it is unknown.
     */
    private Executed settle(Prepared prepared, Instant sentAt, Supplier<Set<String>> taken) {
        try {
            return execute(prepared);
        } catch (OutcomeUnknown unknown) {
            return recover(prepared, sentAt, taken).orElseThrow(() -> new UnknownAfterSearch(unknown.error()
                    .withInsight("outcome", "unknown")
                    .withInsight("detail", "The provider may or may not have created the note, and it was not found "
                            + "among the candidate's notes. Retry with the same Idempotency-Key: "
                            + "Switchboard looks for the note again before sending.")));
        }
    }

    private Executed execute(Prepared prepared) throws OutcomeUnknown {
        Operation operation = prepared.operation();
        IntegratedAccount account = prepared.account();
        ResponseOptions options = prepared.request().options();
        RemoteStream stream = caller.call(operation, account, current -> build(prepared, current), prepared.trace());
        var headers = new LinkedHashMap<>(prepared.headers());
        headers.putAll(RateLimitHeaders.normalised(stream::header));
        if (options.format() == ResponseFormat.STREAM) {
            // A streamed body is not read here, so only a plain 401 can mark the account.
            if (stream.status() == 401) {
                accounts.markNeedsReauth(account);
            }
            return new Executed(new UnifiedResult.StreamBody(stream.status(), headers,
                    stream.header("content-type").orElse("application/octet-stream"), stream.body()), Optional.empty());
        }
        RemoteResponse response;
        try {
            response = caller.read(stream);
        } catch (RemoteFailure failure) {
            throw new OutcomeUnknown(RemoteErrors.failure(operation, failure));
        }
        Optional<Object> parsed = Json.tryParse(response.body());
        Optional<ApiException> error = RemoteErrors.recognise(operation, response, parsed)
                .map(e -> RemoteErrors.redacted(withHeaders(e, headers), operation.integration(), account));
        if (error.isPresent() && error.get().status() == 401) {
            accounts.markNeedsReauth(account);
        } else if (error.isEmpty()) {
            accounts.markChecked(account);
        }
        if (options.format() == ResponseFormat.RAW) {
            return new Executed(new UnifiedResult.RawBody(response.status(), headers, response.contentType(),
                    response.body()), Optional.empty());
        }
        if (error.isPresent()) {
            if (response.status() >= 500) {
                throw new OutcomeUnknown(error.get()); // a provider fault may come after the note was written
            }
            throw error.get();
        }
        // A 2xx with no body at all (Workable documents 201 and nothing else) is read as null.
        Object remote = parsed.orElse(null);
        Map<String, Object> mapped;
        try {
            if (parsed.isEmpty() && !new String(response.body(), java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
                // A 2xx said the note exists, but its answer is unreadable: look for it.
                throw new OutcomeUnknown(RemoteErrors.unreadable(operation, response, "it is not JSON"));
            }
            mapped = mapResponse(operation, prepared.input(), response, remote);
        } catch (OutcomeUnknown unreadable) {
            throw new OutcomeUnknown(RemoteErrors.redacted(unreadable.error(), operation.integration(), account));
        }
        Map<String, Object> shaped = shape(operation, mapped, remote, options);
        return new Executed(new UnifiedResult.JsonBody(operation.method().status(), headers, shaped), idOf(mapped));
    }

    /** Looks for the note an earlier attempt may have made, and answers with it if found. */
    private Optional<Executed> recover(Prepared prepared, Instant sentAt, Supplier<Set<String>> taken) {
        Operation operation = prepared.operation();
        return reconciler.find(operation, prepared.account(), prepared.body(), prepared.request().remoteQuery(),
                sentAt, taken, prepared.trace())
                .map(note -> {
            var mapped = new LinkedHashMap<>(note);
            Object remote = mapped.remove("remote_data");
            var headers = new LinkedHashMap<>(prepared.headers());
            headers.put(RECOVERED_HEADER, "true");
            ResponseOptions options = prepared.request().options();
            UnifiedResult result = options.format() == ResponseFormat.RAW
                    ? new UnifiedResult.RawBody(operation.method().status(), headers, "application/json",
                            Json.write(remote))
                    : new UnifiedResult.JsonBody(operation.method().status(), headers,
                            shape(operation, mapped, remote, options));
            return new Executed(result, idOf(mapped));
        });
    }

    private static Map<String, Object> shape(Operation operation, Map<String, Object> mapped, Object remote,
            ResponseOptions options) {
        return options.format() == ResponseFormat.NORMALIZED
                ? ResponseShaper.normalized(operation.model().responseFields(), mapped, options)
                : ResponseShaper.unified(mapped, remote, options);
    }

    private static dev.switchboard.transport.RemoteRequest build(Prepared prepared, IntegratedAccount account) {
        try {
            return RequestBuilder.build(prepared.operation(), account, prepared.input(), prepared.body(),
                    prepared.request().remoteQuery());
        } catch (MappingException e) {
            LOG.error("request mapping failed: {}", e.getMessage());
            throw ApiException.of(500, "the request could not be mapped for "
                    + prepared.operation().integration().label());
        }
    }

    private static Map<String, Object> mapResponse(Operation operation, Map<String, Object> request,
            RemoteResponse response, Object remote) throws OutcomeUnknown {
        var input = new LinkedHashMap<String, Object>();
        input.put("status", response.status());
        input.put("response", remote);
        input.put("request", request);
        try {
            Optional<Map<String, Object>> mapped = operation.response().evaluate(input).flatMap(Json::asObject);
            if (mapped.isPresent()) {
                return mapped.get();
            }
        } catch (MappingException e) {
            LOG.warn("response mapping failed: {}", e.getMessage());
        }
        throw new OutcomeUnknown(RemoteErrors.unreadable(operation, response, "it does not have the expected shape"));
    }

    /** A 400 for a method the integration lacks, with the catalog's reason where it gives one. */
    private ApiException unsupported(String integration, String resource, String method) {
        var definition = catalog.integration(integration);
        String label = definition.map(d -> d.label()).orElse(integration);
        return ApiException.badRequest(definition.flatMap(d -> d.unsupportedReason(resource, method))
                .map(why -> label + " cannot " + method + " " + resource + ": " + why)
                .orElse(label + " does not support " + method + " on " + resource));
    }

    private static ApiException withHeaders(ApiException error, Map<String, String> headers) {
        ApiException result = error;
        for (var header : headers.entrySet()) {
            result = result.withHeader(header.getKey(), header.getValue());
        }
        return result;
    }

    private static Optional<String> idOf(Map<String, Object> mapped) {
        return mapped.get("id") instanceof String id ? Optional.of(id) : Optional.empty();
    }

}
