package dev.switchboard.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A unified resource's schema ({@code models/<resource>.json}): its request fields, its
 * response fields, and per method what each integration requires and supports.
 *
 * @param noun what one item is called in messages ("candidate", "note")
 * @param match how a create of unknown outcome is found among the listed items; without
 *              one, such a create stays unknown
 */
public record UnifiedModel(
        @JsonProperty("resource") String resource,
        @JsonProperty("noun") String noun,
        @JsonProperty("description") String description,
        @JsonProperty("request_fields") Map<String, FieldSchema> requestFields,
        @JsonProperty("response_fields") Map<String, FieldSchema> responseFields,
        @JsonProperty("methods") Map<String, MethodModel> methods,
        @JsonProperty("match") MatchRule match) {

    public UnifiedModel {
        if (resource == null || noun == null || requestFields == null || responseFields == null || methods == null) {
            throw new IllegalArgumentException(
                    "a model needs 'resource', 'noun', 'request_fields', 'response_fields' and 'methods'");
        }
        // Kept in file order: error messages and docs list fields as the model does.
        requestFields = Collections.unmodifiableMap(new LinkedHashMap<>(requestFields));
        responseFields = Collections.unmodifiableMap(new LinkedHashMap<>(responseFields));
        methods = Map.copyOf(methods);
        if (match != null) {
            match.check(requestFields, responseFields, methods);
        }
        for (var method : methods.entrySet()) {
            for (String field : concat(method.getValue().body(), method.getValue().query())) {
                if (!requestFields.containsKey(field)) {
                    throw new IllegalArgumentException(
                            "method '" + method.getKey() + "' takes '" + field + "', which is not a request field");
                }
            }
            for (var rules : method.getValue().integrations().entrySet()) {
                for (String field : rules.getValue().required()) {
                    checkBodyField(method, rules.getKey(), field);
                }
                for (String field : rules.getValue().supported()) {
                    checkBodyField(method, rules.getKey(), field);
                }
                for (var narrowed : rules.getValue().values().entrySet()) {
                    List<String> allowed = requestFields.get(narrowed.getKey()).enumValues();
                    if (allowed.isEmpty() || !allowed.containsAll(narrowed.getValue())) {
                        throw new IllegalArgumentException("integration '" + rules.getKey() + "' narrows '"
                                + narrowed.getKey() + "' to " + narrowed.getValue()
                                + ", which are not all values of its enum " + allowed);
                    }
                }
            }
        }
    }

    /** What several items are called in messages: the resource's last path segment ("candidates"). */
    public String plural() {
        return resource.substring(resource.lastIndexOf('/') + 1).replace('_', ' ');
    }

    public java.util.Optional<MatchRule> matchRule() {
        return java.util.Optional.ofNullable(match);
    }

    private static List<String> concat(List<String> first, List<String> second) {
        var all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    private static void checkBodyField(Map.Entry<String, MethodModel> method, String integration, String field) {
        if (!method.getValue().takes(field)) {
            throw new IllegalArgumentException("integration '" + integration + "' of method '" + method.getKey()
                    + "' names '" + field + "', which the method does not take");
        }
    }
}
