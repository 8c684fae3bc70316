package dev.switchboard.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where a unified method goes at the provider.
 *
 * @param method HTTP method
 * @param path   path below the base URL; {@code {name}} placeholders are filled from
 *               the method's path mapping
 * @param actingUser who a write is made as, where the provider lets it be named
 * @param pagination how a list pages; {@link Pagination#CURSOR} when not given
 * @param upload     for a write that carries a file: how the file is sent
 * @param bodyFields per unified field, the dotted paths of the provider body that carry it
 *                   (Lever's {@code visibility} is its {@code secret}): what a caller's
 *                   {@code remote_data} sets there counts as that field when the body is checked
 * @param readsFirst  for a write on an existing item (an action): read the item by the model's
 *                    {@code get} first and give its unified form to the mappings as {@code current},
 *                    where the provider wants to be told the item's state (a move that names
 *                    the stage it moves from)
 */
public record Endpoint(@JsonProperty("method") String method, @JsonProperty("path") String path,
        @JsonProperty("acting_user") ActingUser actingUser,
        @JsonProperty("pagination") Pagination pagination,
        @JsonProperty("upload") UploadFormat upload,
        @JsonProperty("body_fields") Map<String, List<String>> bodyFields,
        @JsonProperty("reads_first") boolean readsFirst) {

    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");

    /** True for the methods that carry a request body. */
    public boolean hasBody() {
        return method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
    }

    public Optional<UploadFormat> uploadFormat() {
        return Optional.ofNullable(upload);
    }

    public Optional<ActingUser> actingUserRule() {
        return Optional.ofNullable(actingUser);
    }

    public Endpoint {
        if (!METHODS.contains(method)) {
            throw new IllegalArgumentException("method must be one of " + METHODS + ", not '" + method + "'");
        }
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException("path must start with '/'");
        }
        pagination = pagination == null ? Pagination.CURSOR : pagination;
        if (upload != null && !Set.of("POST", "PUT", "PATCH").contains(method)) {
            throw new IllegalArgumentException("'upload' needs a method that sends a body, not " + method);
        }
        bodyFields = bodyFields == null ? Map.of() : Map.copyOf(bodyFields);
        if (!bodyFields.isEmpty() && !Set.of("POST", "PUT", "PATCH").contains(method)) {
            throw new IllegalArgumentException("body_fields is for a method that sends a body, not a " + method);
        }
        if (readsFirst && !Set.of("POST", "PUT", "PATCH").contains(method)) {
            throw new IllegalArgumentException("'reads_first' is for a write, not a " + method);
        }
        if (pagination.followsUrls() && !method.equals("GET")) {
            throw new IllegalArgumentException("pagination '" + pagination.format() + "' follows URLs, so its list "
                    + "must be a GET");
        }
    }
}
