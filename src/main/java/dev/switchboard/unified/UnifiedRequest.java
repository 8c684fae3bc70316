package dev.switchboard.unified;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One call to the unified API, parsed.
 *
 * @param environment the environment of the caller's API token
 * @param accountId   the integrated account to act on
 * @param resource    e.g. {@code ats/activities}
 * @param method      e.g. {@code create}
 * @param body        the unified request body
 * @param query       the unified query parameters, bracket syntax expanded
 * @param remoteQuery {@code remote_query[...]} parameters, to pass to the provider as they are
 * @param options     how to shape the answer
 * @param idempotencyKey the caller's {@code Idempotency-Key}, if it sent one
 * @param dryRun      validate and map only, answering with the provider request
 * @param upload      the file a write carries, kept aside from the body
 */
public record UnifiedRequest(
        String environment,
        String accountId,
        String resource,
        String method,
        Map<String, Object> body,
        Map<String, Object> query,
        List<Map.Entry<String, String>> remoteQuery,
        ResponseOptions options,
        Optional<String> idempotencyKey,
        boolean dryRun,
        Optional<Upload> upload) {

    public UnifiedRequest(String environment, String accountId, String resource, String method,
            Map<String, Object> body, Map<String, Object> query, List<Map.Entry<String, String>> remoteQuery,
            ResponseOptions options, Optional<String> idempotencyKey, boolean dryRun) {
        this(environment, accountId, resource, method, body, query, remoteQuery, options, idempotencyKey, dryRun,
                Optional.empty());
    }
}
