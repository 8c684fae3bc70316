package dev.switchboard.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Set;

/**
 * Where a unified method goes at the provider.
 *
 * @param method HTTP method
 * @param path   path below the base URL; {@code {name}} placeholders are filled from
 *               the method's path mapping
 */
public record Endpoint(@JsonProperty("method") String method, @JsonProperty("path") String path) {

    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");

    /** True for the methods that carry a request body. */
    public boolean hasBody() {
        return method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
    }

    public Endpoint {
        if (!METHODS.contains(method)) {
            throw new IllegalArgumentException("method must be one of " + METHODS + ", not '" + method + "'");
        }
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException("path must start with '/'");
        }
    }
}
