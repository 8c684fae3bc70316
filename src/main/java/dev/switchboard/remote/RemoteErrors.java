package dev.switchboard.remote;

import dev.switchboard.accounts.ContextSecrets;
import dev.switchboard.accounts.IntegratedAccount;
import dev.switchboard.catalog.IntegrationDefinition;
import dev.switchboard.catalog.Operation;
import dev.switchboard.error.ApiException;
import dev.switchboard.mapping.Json;
import dev.switchboard.mapping.Mapping;
import dev.switchboard.mapping.MappingException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns what a provider said, or failed to say, into the errors of docs/api.md §5. */
public final class RemoteErrors {

    private static final Logger LOG = LoggerFactory.getLogger(RemoteErrors.class);
    /** Keeps an error body readable when a provider answers with a whole HTML page. */
    private static final int MAX_RAW_TEXT = 16 * 1024;

    private RemoteErrors() {
    }

    /**
     * The provider's error, when its error rule or its status says it failed.
     *
     * @param parsed the body as JSON, parsed once by the caller; empty when it is not JSON
     */
    public static Optional<ApiException> recognise(Operation operation, RemoteResponse response, Optional<Object> parsed) {
        return recognise(operation.integration(), operation.errorRule(), response, parsed);
    }

    /** The same, for a call read with the integration's error rule alone (the proxy API). */
    public static Optional<ApiException> recognise(IntegrationDefinition integration, Mapping errorRule,
            RemoteResponse response, Optional<Object> parsed) {
        // What raw_response shows: the body as JSON where it is JSON, else as text.
        Object raw = parsed.orElseGet(() -> text(response.body()));
        var input = new LinkedHashMap<String, Object>();
        input.put("status", response.status());
        input.put("body", raw);
        Optional<Map<String, Object>> verdict;
        try {
            verdict = errorRule.evaluate(input).flatMap(Json::asObject);
        } catch (MappingException e) {
            LOG.warn("error rule failed: {}", e.getMessage());
            verdict = Optional.empty();
        }
        boolean success = response.status() >= 200 && response.status() < 300;
        if (verdict.isEmpty() && success) {
            return Optional.empty();
        }
        int remoteStatus = verdict.map(v -> v.get("status")).filter(Number.class::isInstance)
                .map(s -> ((Number) s).intValue()).orElse(success ? 400 : response.status());
        String message = verdict.map(v -> v.get("message")).filter(String.class::isInstance).map(String.class::cast)
                .orElse(integration.label() + " answered HTTP " + response.status());
        var error = ApiException.of(callerStatus(remoteStatus), integration.label() + ": " + message)
                .withExtra("truto_is_remote_error", true)
                .withExtra("raw_response", raw);
        if (remoteStatus == 429) {
            Optional<String> retryAfter = response.header("retry-after");
            if (retryAfter.isPresent()) {
                error = error.withHeader("Retry-After", retryAfter.get());
            }
        }
        return Optional.of(error);
    }

    /** A 2xx answer that cannot be turned into a unified object. */
    public static ApiException unreadable(Operation operation, RemoteResponse response, String why) {
        return ApiException.of(502, operation.integration().label() + "'s answer could not be read: " + why)
                .withExtra("truto_is_remote_error", true)
                .withExtra("raw_response", text(response.body()));
    }

    public static ApiException failure(Operation operation, RemoteFailure failure) {
        return failure(operation.integration(), failure);
    }

    public static ApiException failure(IntegrationDefinition integration, RemoteFailure failure) {
        int status = failure.kind() == RemoteFailure.Kind.TIMEOUT ? 504 : 502;
        // Which network failure it was, so that a caller can tell a typo in a host from a provider that is down.
        return ApiException.of(status, integration.label() + ": " + failure.getMessage())
                .withExtra("truto_is_remote_error", true)
                .withInsight("network_error", failure.networkCause().wire());
    }

    /** The error with the account's secret values masked wherever the provider's body echoed them. */
    public static ApiException redacted(ApiException error, IntegrationDefinition integration, IntegratedAccount account) {
        return error.redacting(ContextSecrets.secretValues(integration.context().properties(), account.context()));
    }

    /** docs/api.md §5: client errors as given, provider faults as 502. */
    public static int callerStatus(int remoteStatus) {
        return remoteStatus >= 400 && remoteStatus < 500 ? remoteStatus : 502;
    }

    private static String text(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        return text.length() > MAX_RAW_TEXT ? text.substring(0, MAX_RAW_TEXT) + "…(truncated)" : text;
    }
}
