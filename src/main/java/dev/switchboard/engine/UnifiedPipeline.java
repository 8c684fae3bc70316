package dev.switchboard.engine;

import dev.switchboard.accounts.AccountService;
import dev.switchboard.accounts.IntegratedAccount;
import dev.switchboard.catalog.Catalog;
import dev.switchboard.catalog.Operation;
import dev.switchboard.error.ApiException;
import dev.switchboard.mapping.Json;
import dev.switchboard.mapping.MappingException;
import dev.switchboard.transport.ProviderClient;
import dev.switchboard.transport.RemoteFailure;
import dev.switchboard.transport.RemoteRequest;
import dev.switchboard.transport.RemoteResponse;
import dev.switchboard.transport.RemoteStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One unified call, start to end: account → operation → validation → mapping → provider
 * → error recognition → response mapping → shaping. Nothing is sent before the request
 * is known to be valid, and a failed call is never sent again.
 */
public final class UnifiedPipeline {

    private static final Logger LOG = LoggerFactory.getLogger(UnifiedPipeline.class);
    public static final String IGNORED_FIELDS_HEADER = "x-switchboard-ignored-fields";

    private final Catalog catalog;
    private final AccountService accounts;
    private final ProviderClient client;

    public UnifiedPipeline(Catalog catalog, AccountService accounts, ProviderClient client) {
        this.catalog = catalog;
        this.accounts = accounts;
        this.client = client;
    }

    public UnifiedResult run(UnifiedRequest request) {
        IntegratedAccount account = accounts.get(request.environment(), request.accountId());
        Operation operation = catalog.operation(account.integration(), request.resource(), request.method())
                .orElseThrow(() -> ApiException.badRequest(account.integration() + " does not support "
                        + request.method() + " on " + request.resource()));
        ValidatedBody body = BodyValidator.validate(operation, request.body());
        Map<String, Object> input = RequestBuilder.mappingInput(operation, account, body, request.query());
        RemoteRequest remote;
        try {
            remote = RequestBuilder.build(operation, account, input, body, request.remoteQuery());
        } catch (MappingException e) {
            LOG.error("request mapping failed: {}", e.getMessage());
            throw ApiException.of(500, "the request could not be mapped for " + operation.integration().label());
        }
        Map<String, String> headers = new LinkedHashMap<>();
        if (!body.ignored().isEmpty()) {
            headers.put(IGNORED_FIELDS_HEADER, String.join(",", body.ignored()));
        }
        ResponseOptions options = request.options();
        if (options.format() == ResponseFormat.STREAM) {
            RemoteStream stream = open(operation, account, remote);
            return new UnifiedResult.StreamBody(stream.status(), headers,
                    stream.header("content-type").orElse("application/octet-stream"), stream.body());
        }
        RemoteResponse response = send(operation, remote);
        Optional<ApiException> error = RemoteErrors.recognise(operation, response);
        if (error.isPresent() && error.get().status() == 401) {
            accounts.markNeedsReauth(account);
        }
        if (options.format() == ResponseFormat.RAW) {
            return new UnifiedResult.RawBody(response.status(), headers, response.contentType(), response.body());
        }
        if (error.isPresent()) {
            throw error.get();
        }
        Map<String, Object> mapped = mapResponse(operation, input, response);
        Map<String, Object> shaped = options.format() == ResponseFormat.NORMALIZED
                ? ResponseShaper.normalized(operation.model().responseFields(), mapped, options)
                : ResponseShaper.unified(mapped, Json.tryParse(response.body()).orElseThrow(), options);
        return new UnifiedResult.JsonBody(operation.method().status(), headers, shaped);
    }

    private RemoteResponse send(Operation operation, RemoteRequest remote) {
        long started = System.nanoTime();
        try {
            RemoteResponse response = client.send(remote);
            log(operation, remote, response.status(), started);
            return response;
        } catch (RemoteFailure failure) {
            log(operation, remote, failure.kind().name().toLowerCase(), started);
            throw RemoteErrors.failure(operation, failure);
        }
    }

    private RemoteStream open(Operation operation, IntegratedAccount account, RemoteRequest remote) {
        long started = System.nanoTime();
        try {
            RemoteStream stream = client.open(remote);
            log(operation, remote, stream.status(), started);
            // A streamed body is not read here, so only a plain 401 can mark the account.
            if (stream.status() == 401) {
                accounts.markNeedsReauth(account);
            }
            return stream;
        } catch (RemoteFailure failure) {
            log(operation, remote, failure.kind().name().toLowerCase(), started);
            throw RemoteErrors.failure(operation, failure);
        }
    }

    private static Map<String, Object> mapResponse(Operation operation, Map<String, Object> request,
            RemoteResponse response) {
        Object parsed = Json.tryParse(response.body()).orElseThrow(() ->
                RemoteErrors.unreadable(operation, response, "it is not JSON"));
        var input = new LinkedHashMap<String, Object>();
        input.put("status", response.status());
        input.put("response", parsed);
        input.put("request", request);
        try {
            return operation.response().evaluate(input).flatMap(Json::asObject).orElseThrow(() ->
                    RemoteErrors.unreadable(operation, response, "it does not have the expected shape"));
        } catch (MappingException e) {
            LOG.warn("response mapping failed: {}", e.getMessage());
            throw RemoteErrors.unreadable(operation, response, "it does not have the expected shape");
        }
    }

    private static void log(Operation operation, RemoteRequest remote, Object outcome, long started) {
        // The path only: query strings and headers stay out of the log.
        LOG.info("{} {} {} -> {} in {} ms", operation.integration().name(), remote.method(),
                remote.uri().getRawPath(), outcome, (System.nanoTime() - started) / 1_000_000);
    }
}
