package dev.switchboard.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Optional;
import java.util.Set;

/**
 * One method of a proxy resource: a provider endpoint the proxy API may call as it is.
 *
 * @param method          HTTP method at the provider
 * @param path            path below the base URL; {@code {name}} comes from the caller's query or
 *                        the account's context, {@code {id}} from the proxy path
 * @param queryAsBody     send the caller's other query parameters as the JSON body (Ashby's
 *                        RPC reads take their arguments in a POST body)
 * @param results         for a list: the answer's field that holds the items, or {@code $} when the
 *                        answer is the list itself (Greenhouse Harvest v3 answers a bare array)
 * @param nextCursor      for a list: the answer's field that holds the next page's cursor
 * @param hasMore         for a list: a boolean field that is false on the last page
 * @param cursorParameter for a list: the provider parameter that takes the cursor back
 * @param result          for a get: the answer's field that holds the item (the whole answer without it)
 */
public record ProxyEndpoint(
        @JsonProperty("method") String method,
        @JsonProperty("path") String path,
        @JsonProperty("query_as_body") boolean queryAsBody,
        @JsonProperty("results") String results,
        @JsonProperty("next_cursor") String nextCursor,
        @JsonProperty("has_more") String hasMore,
        @JsonProperty("cursor_parameter") String cursorParameter,
        @JsonProperty("result") String result) {

    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");
    /** The {@code results} or {@code result} that names the whole answer rather than a field of it. */
    public static final String WHOLE_ANSWER = "$";

    public ProxyEndpoint {
        if (!METHODS.contains(method)) {
            throw new IllegalArgumentException("method must be one of " + METHODS + ", not '" + method + "'");
        }
        if (path == null || !path.startsWith("/") || path.contains("..")) {
            throw new IllegalArgumentException("path must start with '/' and stay below the base URL");
        }
        if ((nextCursor == null) != (cursorParameter == null)) {
            throw new IllegalArgumentException("next_cursor and cursor_parameter go together");
        }
    }

    public Optional<String> resultsField() {
        return Optional.ofNullable(results);
    }

    public Optional<String> nextCursorField() {
        return Optional.ofNullable(nextCursor);
    }

    public Optional<String> hasMoreField() {
        return Optional.ofNullable(hasMore);
    }

    public Optional<String> cursorParameterName() {
        return Optional.ofNullable(cursorParameter);
    }

    public Optional<String> resultField() {
        return Optional.ofNullable(result);
    }
}
