package dev.switchboard.unified;

import dev.switchboard.catalog.FieldSchema;
import dev.switchboard.catalog.Operation;
import dev.switchboard.error.ApiException;
import dev.switchboard.error.Suggestions;
import dev.switchboard.mapping.Timestamps;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a unified body against the model and one integration's rules before anything is
 * sent, naming every offending field at once. A field the model does not know is refused,
 * with the nearest known field suggested: a typo must not silently drop a restriction. A
 * known field the integration does not take is dropped and named, unless dropping it would
 * write something more widely visible than asked (the model marks such fields). What the
 * caller's {@code remote_data} sets in the provider body counts as the unified field it
 * carries (the integration's {@code body_fields}): it satisfies that field's requirement, and
 * it may not override a restriction the caller also asked for.
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

        for (String field : body.keySet()) {
            if (!takes.contains(field)) {
                invalid.put(field, unknown(field, takes));
            }
        }
        if (!invalid.isEmpty()) {
            throw ApiException.invalid(message(operation, missing, invalid), "body", missing, invalid)
                    .withCode("unknown_field");
        }
        Map<String, String> suppliedByRemoteData = body.get(REMOTE_DATA) instanceof Map<?, ?> given
                ? supplied(operation, (Map<String, Object>) given) : Map.of();
        for (String field : rules.required()) {
            if (body.get(field) == null && !suppliedByRemoteData.containsKey(field)) {
                missing.add(field);
            }
        }
        for (var entry : body.entrySet()) {
            String field = entry.getKey();
            Object value = entry.getValue();
            if (value == null) {
                continue; // absent, as far as the provider is concerned
            }
            FieldSchema schema = schemas.get(field);
            Optional<String> problem = problem(schema, value, rules.required().contains(field))
                    .or(() -> narrower(operation, field, value))
                    .or(() -> widenedByDropping(operation, field, schema, value))
                    .or(() -> overriddenByRemoteData(schema, value, suppliedByRemoteData.get(field)))
                    .or(() -> items(rules.itemsRequired().getOrDefault(field, List.of()), value,
                            rules.required().contains(field)))
                    .or(() -> value instanceof List<?> list && list.size() > rules.maxItems().getOrDefault(field,
                            Integer.MAX_VALUE) ? Optional.of(operation.integration().label() + " takes at most "
                            + rules.maxItems().get(field) + " here") : Optional.empty());
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

    /** Why a field is refused that this method does not take, with the nearest one it does. */
    private static String unknown(String field, List<String> known) {
        return Suggestions.nearest(field, known)
                .map(nearest -> "is not a field of this body; did you mean `" + nearest + "`?")
                .orElse("is not a field of this body; it takes " + String.join(", ", known));
    }

    /** The unified fields {@code remote_data} sets, each with the provider path it sets it at. */
    private static Map<String, String> supplied(Operation operation, Map<String, Object> remoteData) {
        var supplied = new LinkedHashMap<String, String>();
        operation.endpoint().bodyFields().forEach((field, paths) -> {
            for (String path : paths) {
                if (present(remoteData, path)) {
                    supplied.putIfAbsent(field, path);
                }
            }
        });
        return supplied;
    }

    private static boolean present(Map<String, Object> object, String dottedPath) {
        Object current = object;
        for (String step : dottedPath.split("\\.")) {
            if (!(current instanceof Map<?, ?> map) || !map.containsKey(step)) {
                return false;
            }
            current = map.get(step);
        }
        return true;
    }

    /** A restriction the integration does not take: dropping it would write for more eyes than asked. */
    private static Optional<String> widenedByDropping(Operation operation, String field, FieldSchema schema,
            Object value) {
        if (operation.rules().sends(field) || !schema.restrictsAccessWith(value)) {
            return Optional.empty();
        }
        return Optional.of("'" + value + "' cannot be kept by " + operation.integration().label()
                + ", which does not take " + field + "; leaving it out would make the write "
                + schema.restrictsAccess().unrestricted());
    }

    /** A restriction asked for that {@code remote_data} would replace with whatever it sets. */
    private static Optional<String> overriddenByRemoteData(FieldSchema schema, Object value, String remotePath) {
        if (remotePath == null || !schema.restrictsAccessWith(value)) {
            return Optional.empty();
        }
        return Optional.of("'" + value + "' would be overridden by remote_data." + remotePath
                + ", which sets the same thing at the provider; give one or the other");
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

    /** Each item of an array must hold, as text, what the integration needs of it. */
    private static Optional<String> items(List<String> needed, Object value, boolean required) {
        if (needed.isEmpty() || !(value instanceof List<?> list)) {
            return Optional.empty();
        }
        if (list.isEmpty()) {
            // An empty list asks for nothing (generated clients send one for every unset list), unless the field is required.
            return required ? Optional.of("must hold at least one item") : Optional.empty();
        }
        for (Object item : list) {
            for (String key : needed) {
                if (!(item instanceof Map<?, ?> object) || !(object.get(key) instanceof String text) || text.isBlank()) {
                    return Optional.of("each item needs '" + key + "'");
                }
            }
        }
        return Optional.empty();
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
