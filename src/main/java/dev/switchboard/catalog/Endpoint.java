package dev.switchboard.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Optional;
import java.util.Set;

/**
 * Where a unified method goes at the provider.
 *
 * @param method HTTP method
 * @param path   path below the base URL; {@code {name}} placeholders are filled from
 *               the method's path mapping
 * @param actingUser the provider query parameter that names the user a write is made as
 *               (Lever's {@code perform_as}); a note found after an unknown outcome must be
 *               that user's
 */
public record Endpoint(@JsonProperty("method") String method, @JsonProperty("path") String path,
        @JsonProperty("acting_user_parameter") String actingUser) {

    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");

    /** True for the methods that carry a request body. */
    public boolean hasBody() {
        return method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
    }

    public Optional<String> actingUserParameter() {
        return Optional.ofNullable(actingUser);
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
