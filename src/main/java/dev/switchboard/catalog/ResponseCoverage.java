package dev.switchboard.catalog;

import dev.switchboard.mapping.Json;
import dev.switchboard.mapping.Mapping;
import dev.switchboard.mapping.MappingException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which response fields an integration fills, found by running its response mapping on
 * a recorded answer with a request that sends every field the integration takes: the
 * docs and the coverage endpoint say what the mapping does, not what someone wrote down.
 */
final class ResponseCoverage {

    private ResponseCoverage() {
    }

    /** @throws IllegalArgumentException when the mapping gives a field the model does not have */
    static List<String> fills(Object recorded, Mapping response, Optional<Mapping> requestBody, UnifiedModel model,
            String methodName, FieldRules rules) throws MappingException {
        var body = new LinkedHashMap<String, Object>();
        for (String field : model.methods().get(methodName).body()) {
            FieldSchema schema = model.requestFields().get(field);
            if (rules.sends(field) && schema.type().equals("string")) {
                body.put(field, schema.isTimestamp() ? "2026-01-01T00:00:00Z"
                        : schema.enumValues().isEmpty() ? "example-" + field : schema.enumValues().get(0));
            }
        }
        var query = new LinkedHashMap<String, Object>();
        for (String field : model.methods().get(methodName).query()) {
            query.put(field, "example-" + field);
        }
        var input = new LinkedHashMap<String, Object>();
        input.put("status", 200);
        input.put("response", recorded);
        var request = new LinkedHashMap<String, Object>(Map.of("body", body, "query", query, "remote_query", Map.of(),
                "context", Map.of()));
        if (requestBody.isPresent()) {
            // The provider body that request writes, as the engine gives it to response mappings.
            request.put("remote_body", requestBody.get().evaluate(Map.of("body", body, "query", query,
                    "remote_query", Map.of(), "context", Map.of())).orElse(Map.of()));
        }
        input.put("request", request);
        Map<String, Object> mapped = response.evaluate(input).flatMap(Json::asObject).orElseThrow(() ->
                new IllegalArgumentException("gives no object for the recorded example"));
        if (mapped.containsKey("results")) {
            // A page: what its items fill.
            mapped = firstItem(mapped.get("results")).orElseThrow(() ->
                    new IllegalArgumentException("gives no item for the recorded example page"));
        }
        for (String field : mapped.keySet()) {
            if (!model.responseFields().containsKey(field)) {
                throw new IllegalArgumentException("gives '" + field + "', which is not a response field of "
                        + model.resource());
            }
        }
        var filled = new ArrayList<String>();
        for (String field : model.responseFields().keySet()) {
            if (mapped.get(field) != null || field.equals("remote_data")) {
                filled.add(field);
            }
        }
        return filled;
    }

    @SuppressWarnings("unchecked")
    private static Optional<Map<String, Object>> firstItem(Object results) {
        Object first = results instanceof List<?> list ? (list.isEmpty() ? null : list.get(0)) : results;
        return first instanceof Map<?, ?> item ? Optional.of((Map<String, Object>) item)
                : Optional.empty();
    }
}
