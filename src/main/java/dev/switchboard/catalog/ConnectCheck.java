package dev.switchboard.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import java.util.Set;

/**
 * The one cheap, documented provider call that proves new credentials work, made by the
 * connect page before an account is stored (list one user, describe the key).
 *
 * @param method HTTP method
 * @param path   below the base URL; {@code {key}} placeholders come from the context
 * @param query  query parameters, as given
 * @param body   a JSON body, for providers whose reads are POSTs (Ashby)
 */
public record ConnectCheck(
        @JsonProperty("method") String method,
        @JsonProperty("path") String path,
        @JsonProperty("query") Map<String, String> query,
        @JsonProperty("body") Map<String, Object> body) {

    public ConnectCheck {
        if (!Set.of("GET", "POST").contains(method)) {
            throw new IllegalArgumentException("connect_check.method must be GET or POST, not '" + method + "'");
        }
        if (path == null || !path.startsWith("/") || path.contains("..")) {
            throw new IllegalArgumentException("connect_check.path must start with '/' and stay below the base URL");
        }
        query = query == null ? Map.of() : Map.copyOf(query);
        body = body == null ? null : Map.copyOf(body);
    }
}
