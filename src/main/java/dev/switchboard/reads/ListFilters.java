package dev.switchboard.reads;

import dev.switchboard.catalog.FieldSchema;
import dev.switchboard.catalog.Operation;
import dev.switchboard.error.ApiException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The filters of one read (a list's {@code candidate_id}, {@code job_id}), checked against the
 * model and the integration before anything is sent. A filter the integration cannot apply
 * is refused rather than dropped: dropping it would answer with more than was asked for.
 */
record ListFilters(Map<String, String> values) {

    static ListFilters of(Operation operation, Map<String, Object> query) {
        var values = new LinkedHashMap<String, String>();
        var missing = new ArrayList<String>();
        var invalid = new LinkedHashMap<String, Object>();
        for (String name : operation.method().query()) {
            Object value = query.get(name);
            boolean absent = value == null || (value instanceof String text && text.isBlank());
            if (absent) {
                if (operation.rules().required().contains(name)) {
                    missing.add(name);
                }
                continue;
            }
            FieldSchema schema = operation.model().requestFields().get(name);
            if (!(value instanceof String text)) {
                invalid.put(name, "must be given once, as one value");
            } else if (schema.isBadId(text)) {
                invalid.put(name, "must be an id: at most 256 characters, no slashes or control characters");
            } else if (!operation.rules().sends(name)) {
                invalid.put(name, operation.integration().label() + " cannot filter "
                        + operation.model().plural() + " by " + name);
            } else {
                values.put(name, text);
            }
        }
        if (!missing.isEmpty() || !invalid.isEmpty()) {
            var parts = new ArrayList<String>();
            missing.forEach(name -> parts.add("'" + name + "' is required: " + operation.integration().label()
                    + " lists " + operation.model().plural() + " only by " + name));
            invalid.forEach((name, why) -> parts.add("'" + name + "' " + why));
            throw ApiException.invalid(String.join("; ", parts), "query", List.copyOf(missing), invalid);
        }
        return new ListFilters(Map.copyOf(values));
    }

    /** The filters as one stable text, so that a cursor given for one set is refused for another. */
    String binding() {
        var text = new StringBuilder();
        new TreeMap<>(values).forEach((name, value) -> text.append(name).append('=').append(value.length())
                .append(':').append(value).append(';'));
        return text.toString();
    }
}
