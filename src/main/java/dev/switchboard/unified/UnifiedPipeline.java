package dev.switchboard.unified;

import dev.switchboard.ratelimit.RateLimitHeaders;
import dev.switchboard.remote.OutcomeUnknown;
import dev.switchboard.remote.RemoteCaller;
import dev.switchboard.remote.RemoteErrors;

import dev.switchboard.accounts.AccountService;
import dev.switchboard.accounts.IntegratedAccount;
import dev.switchboard.catalog.Catalog;
import dev.switchboard.catalog.Operation;
import dev.switchboard.error.ApiException;
import dev.switchboard.mapping.Json;
import dev.switchboard.mapping.MappingException;
import dev.switchboard.observability.RequestTrace;
import dev.switchboard.remote.RemoteFailure;
import dev.switchboard.remote.RemoteResponse;
import dev.switchboard.remote.RemoteStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One unified write, start to end: account → operation → validation → mapping → provider
 * → error recognition → response mapping → shaping. Nothing is sent before the request
 * is known to be valid. It knows no keys and no retries: {@code writes.SafeWrites} wraps it
 * so that a write the provider may have acted on is never sent again blindly.
 */
public final class UnifiedPipeline {

    private static final Logger LOG = LoggerFactory.getLogger(UnifiedPipeline.class);
    public static final String IGNORED_FIELDS_HEADER = "x-switchboard-ignored-fields";
    public static final String REPLAYED_HEADER = "idempotent-replayed";
    public static final String RECOVERED_HEADER = "x-switchboard-recovered";

    private final Catalog catalog;
    private final AccountService accounts;
    private final RemoteCaller caller;

    public UnifiedPipeline(Catalog catalog, AccountService accounts, RemoteCaller caller) {
        this.catalog = catalog;
        this.accounts = accounts;
        this.caller = caller;
    }

    /** A validated request, ready to send. */
    public record Prepared(UnifiedRequest request, IntegratedAccount account, Operation operation,
            ValidatedBody body, Map<String, Object> input, Map<String, String> headers, RequestTrace trace) {
    }

    /** The provider request a dry run shows: mapped, never sent. */
    public dev.switchboard.remote.RemoteRequest providerRequest(Prepared prepared) {
        return build(prepared, prepared.account());
    }

    public Prepared prepare(UnifiedRequest request, RequestTrace trace) {
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

    /** Sends the request once: its answer, or {@link OutcomeUnknown} when the provider may have acted. */
    public Executed execute(Prepared prepared) throws OutcomeUnknown {
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

    /** The answer for an item found at the provider after an unknown outcome, marked as recovered. */
    public Executed recovered(Prepared prepared, Map<String, Object> item) {
        Operation operation = prepared.operation();
        var mapped = new LinkedHashMap<>(item);
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
    }

    private static Map<String, Object> shape(Operation operation, Map<String, Object> mapped, Object remote,
            ResponseOptions options) {
        return options.format() == ResponseFormat.NORMALIZED
                ? ResponseShaper.normalized(operation.model().responseFields(), mapped, options)
                : ResponseShaper.unified(mapped, remote, options);
    }

    private static dev.switchboard.remote.RemoteRequest build(Prepared prepared, IntegratedAccount account) {
        try {
            return RequestBuilder.build(prepared.operation(), account, prepared.input(), prepared.body(),
                    prepared.request().remoteQuery(), prepared.request().upload());
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
