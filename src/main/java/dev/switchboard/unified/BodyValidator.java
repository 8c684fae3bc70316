package dev.switchboard.unified;

import dev.switchboard.catalog.FieldSchema;
import dev.switchboard.catalog.Operation;
import dev.switchboard.error.ApiException;
import dev.switchboard.mapping.Timestamps;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a unified body against the model and one integration's rules before anything is
 * sent, naming every offending field at once.
 */
public final class BodyValidator {

    static final String REMOTE_DATA = "remote_data";

    private BodyValidator() {
    }

    @SuppressWarnings("unchecked")
    public static ValidatedBody validate(Operation operation, Map<String, Object> body) {
        var rules = operation.rules();
        var schemas = operation.model().requestFields();
        var takes = operation.method().body();
        List<String> missing = new ArrayList<>();
        Map<String, Object> invalid = new LinkedHashMap<>();
        Map<String, Object> fields = new LinkedHashMap<>();
        List<String> ignored = new ArrayList<>();
        Optional<Map<String, Object>> remoteData = Optional.empty();

        for (String field : rules.required()) {
            if (body.get(field) == null) {
                missing.add(field);
            }
        }
        for (var entry : body.entrySet()) {
            String field = entry.getKey();
            Object value = entry.getValue();
            if (!takes.contains(field)) {
                ignored.add(field);
                continue;
            }
            if (value == null) {
                continue; // absent, as far as the provider is concerned
            }
            Optional<String> problem = problem(schemas.get(field), value, rules.required().contains(field))
                    .or(() -> narrower(operation, field, value));
            if (problem.isPresent()) {
                invalid.put(field, problem.get());
            } else if (field.equals(REMOTE_DATA)) {
                remoteData = Optional.of((Map<String, Object>) value);
            } else if (rules.sends(field)) {
                fields.put(field, value);
            } else {
                ignored.add(field);
            }
        }
        if (!missing.isEmpty() || !invalid.isEmpty()) {
            throw ApiException.invalid(message(operation, missing, invalid), "body", missing, invalid);
        }
        return new ValidatedBody(fields, remoteData, ignored);
    }

    private static Optional<String> problem(FieldSchema schema, Object value, boolean required) {
        return switch (schema.type()) {
            case "string" -> {
                if (!(value instanceof String text)) {
                    yield Optional.of("must be a string");
                }
                if (required && text.isBlank()) {
                    yield Optional.of("must not be empty");
                }
                if (schema.isBadId(text)) {
                    yield Optional.of("must be an id: at most 256 characters, no slashes or control characters");
                }
                if (!schema.enumValues().isEmpty() && !schema.enumValues().contains(text)) {
                    yield Optional.of("must be one of " + String.join(", ", schema.enumValues()));
                }
                if (schema.isTimestamp() && !Timestamps.isIso(text)) {
                    yield Optional.of("must be an ISO-8601 date-time with a time zone, e.g. 2026-11-29T10:15:30Z");
                }
                yield Optional.empty();
            }
            case "object" -> value instanceof Map ? Optional.empty() : Optional.of("must be an object");
            case "array" -> value instanceof List ? Optional.empty() : Optional.of("must be an array");
            case "boolean" -> value instanceof Boolean ? Optional.empty() : Optional.of("must be a boolean");
            case "number" -> value instanceof Number ? Optional.empty() : Optional.of("must be a number");
            // An upload's bytes are kept aside; the body holds what is known of them.
            case "file" -> value instanceof Map ? Optional.empty()
                    : Optional.of("must be a file: a multipart part, or base64 in 'content' with 'file_name'");
            default -> throw new IllegalStateException("unknown schema type " + schema.type());
        };
    }

    /**
     * A value the model allows but this integration cannot express. Sending the nearest
     * wider value instead (a public note for an admin-only one) would break the caller's
     * trust, so it is refused.
     */
    private static Optional<String> narrower(Operation operation, String field, Object value) {
        return operation.rules().valuesOf(field)
                .filter(allowed -> !allowed.contains(value))
                .map(allowed -> "'" + value + "' cannot be expressed by " + operation.integration().label()
                        + "; it takes " + String.join(", ", allowed));
    }

    private static String message(Operation operation, List<String> missing, Map<String, Object> invalid) {
        var parts = new ArrayList<String>();
        if (!missing.isEmpty()) {
            parts.add("missing required " + String.join(", ", missing));
        }
        invalid.forEach((field, why) -> parts.add(field + " " + why));
        return "the body is not valid for " + operation.integration().label() + ": " + String.join("; ", parts);
    }
}
