package dev.switchboard.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * One unified method of a resource.
 *
 * @param body         the request body fields it takes
 * @param query        the unified query parameters it takes besides the standard ones
 *                     (a list needs to know whose notes)
 * @param status       the HTTP status of its success
 * @param integrations per integration, which body fields are required and supported
 * @param match        for a write: how it is recognised at the provider when its outcome is
 *                     unknown; without one, such a write stays unknown
 * @param description  what it does, for the API's reference (an action's name alone says little)
 */
public record MethodModel(
        @JsonProperty("body") List<String> body,
        @JsonProperty("query") List<String> query,
        @JsonProperty("status") int status,
        @JsonProperty("integrations") Map<String, FieldRules> integrations,
        @JsonProperty("match") MatchRule match,
        @JsonProperty("description") String description) {

    public MethodModel {
        body = body == null ? List.of() : List.copyOf(body);
        query = query == null ? List.of() : List.copyOf(query);
        if (status < 200 || status > 299) {
            throw new IllegalArgumentException("status must be a 2xx code");
        }
        if (integrations == null) {
            // Empty is allowed: a method the model defines and no integration offers yet.
            throw new IllegalArgumentException("missing key 'integrations'");
        }
        integrations = Map.copyOf(integrations);
    }

    /** True for a method that sends a body: a write. */
    public boolean isWrite() {
        return !body.isEmpty();
    }

    public java.util.Optional<MatchRule> matchRule() {
        return java.util.Optional.ofNullable(match);
    }

    /** True for a field this method takes, in its body or its query. */
    public boolean takes(String field) {
        return body.contains(field) || query.contains(field);
    }
}
