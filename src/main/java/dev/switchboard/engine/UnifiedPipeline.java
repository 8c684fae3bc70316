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
 * is known to be valid, and a create the provider may have received is never sent again.
 */
public final class UnifiedPipeline {

    private static final Logger LOG = LoggerFactory.getLogger(UnifiedPipeline.class);
    public static final String IGNORED_FIELDS_HEADER = "x-switchboard-ignored-fields";

    private final Catalog catalog;
    private final AccountService accounts;
    private final ProviderClient client;
    private final OAuthRefresher oauth;

    public UnifiedPipeline(Catalog catalog, AccountService accounts, ProviderClient client, OAuthRefresher oauth) {
        this.catalog = catalog;
        this.accounts = accounts;
        this.client = client;
        this.oauth = oauth;
    }

    public UnifiedResult run(UnifiedRequest request) {
        IntegratedAccount account = accounts.get(request.environment(), request.accountId());
        Operation operation = catalog.operation(account.integration(), request.resource(), request.method())
                .orElseThrow(() -> ApiException.badRequest(account.integration() + " does not support "
                        + request.method() + " on " + request.resource()));
        ValidatedBody body = BodyValidator.validate(operation, request.body());
        Map<String, Object> input = RequestBuilder.mappingInput(operation, account, body, request.query());
        Map<String, String> headers = new LinkedHashMap<>();
        if (!body.ignored().isEmpty()) {
            headers.put(IGNORED_FIELDS_HEADER, String.join(",", body.ignored()));
        }

        RemoteStream stream = call(operation, account, input, body, request);
        ResponseOptions options = request.options();
        if (options.format() == ResponseFormat.STREAM) {
            // A streamed body is not read here, so only a plain 401 can mark the account.
            if (stream.status() == 401) {
                accounts.markNeedsReauth(account);
            }
            return new UnifiedResult.StreamBody(stream.status(), headers,
                    stream.header("content-type").orElse("application/octet-stream"), stream.body());
        }
        RemoteResponse response = read(operation, stream);
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

    /**
     * Sends the call with usable credentials. An OAuth token the provider refuses is
     * refreshed and the call sent once more: a 401 means the provider did not act on it.
     */
    private RemoteStream call(Operation operation, IntegratedAccount account, Map<String, Object> input,
            ValidatedBody body, UnifiedRequest request) {
        IntegratedAccount current = oauth.ensureFresh(operation.integration(), account);
        RemoteStream stream = open(operation, build(operation, current, input, body, request));
        if (stream.status() == 401 && oauth.applies(operation.integration(), current)) {
            ProviderClient.discard(stream);
            current = oauth.afterRejection(operation.integration(), current);
            stream = open(operation, build(operation, current, input, body, request));
        }
        return stream;
    }

    private static RemoteRequest build(Operation operation, IntegratedAccount account, Map<String, Object> input,
            ValidatedBody body, UnifiedRequest request) {
        try {
            return RequestBuilder.build(operation, account, input, body, request.remoteQuery());
        } catch (MappingException e) {
            LOG.error("request mapping failed: {}", e.getMessage());
            throw ApiException.of(500, "the request could not be mapped for " + operation.integration().label());
        }
    }

    private RemoteStream open(Operation operation, RemoteRequest remote) {
        long started = System.nanoTime();
        try {
            RemoteStream stream = client.open(remote);
            log(operation, remote, stream.status(), started);
            return stream;
        } catch (RemoteFailure failure) {
            log(operation, remote, failure.kind().name().toLowerCase(), started);
            throw RemoteErrors.failure(operation, failure);
        }
    }

    private static RemoteResponse read(Operation operation, RemoteStream stream) {
        try {
            return ProviderClient.readWhole(stream);
        } catch (RemoteFailure failure) {
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
