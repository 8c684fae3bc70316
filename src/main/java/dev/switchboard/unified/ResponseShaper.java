package dev.switchboard.unified;

import dev.switchboard.catalog.FieldSchema;
import dev.switchboard.mapping.Timestamps;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Gives a mapped object the shape the caller asked for (docs/api.md §4). */
public final class ResponseShaper {

    private ResponseShaper() {
    }

    /** The unified object: what the mapping gave, minus empties, plus the provider body. */
    public static Map<String, Object> unified(Map<String, Object> mapped, Object remoteBody, ResponseOptions options) {
        var result = withoutNulls(mapped);
        if (!options.ignoreRemoteData()) {
            result.put("remote_data", remoteBody);
        }
        options.excludeFields().forEach(result::remove);
        return result;
    }

    /** Only schema fields, no empty values, timestamps in UTC, enums lower-case. */
    public static Map<String, Object> normalized(Map<String, FieldSchema> schema, Map<String, Object> mapped,
            ResponseOptions options) {
        var result = conformObject(schema, mapped);
        result.remove(BodyValidator.REMOTE_DATA);
        options.excludeFields().forEach(result::remove);
        return result;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> withoutNulls(Map<String, Object> value) {
        var result = new LinkedHashMap<String, Object>();
        value.forEach((key, item) -> {
            if (item instanceof Map<?, ?> nested) {
                result.put(key, withoutNulls((Map<String, Object>) nested));
            } else if (item != null) {
                result.put(key, item);
            }
        });
        return result;
    }

    private static Map<String, Object> conformObject(Map<String, FieldSchema> schema, Map<String, Object> value) {
        var result = new LinkedHashMap<String, Object>();
        schema.forEach((field, fieldSchema) -> {
            Object conformed = conform(fieldSchema, value.get(field));
            if (!isEmpty(conformed)) {
                result.put(field, conformed);
            }
        });
        return result;
    }

    @SuppressWarnings("unchecked")
    private static Object conform(FieldSchema schema, Object value) {
        if (value == null) {
            return null;
        }
        return switch (schema.type()) {
            case "object" -> value instanceof Map<?, ?> map
                    ? (schema.properties().isEmpty() ? map : conformObject(schema.properties(), (Map<String, Object>) map))
                    : null;
            case "array" -> {
                if (!(value instanceof List<?> list)) {
                    yield null;
                }
                var items = new ArrayList<Object>();
                for (Object item : list) {
                    Object conformed = conform(schema.items(), item);
                    if (!isEmpty(conformed)) {
                        items.add(conformed);
                    }
                }
                yield items;
            }
            case "string" -> {
                String text = value instanceof String s ? s : String.valueOf(value);
                if (schema.isTimestamp()) {
                    // Not a timestamp: dropped rather than passed off as one.
                    yield Timestamps.utc(text).orElse(null);
                }
                yield schema.enumValues().isEmpty() ? text : text.toLowerCase(Locale.ROOT);
            }
            default -> value;
        };
    }

    private static boolean isEmpty(Object value) {
        return value == null
                || (value instanceof String text && text.isEmpty())
                || (value instanceof Collection<?> collection && collection.isEmpty())
                || (value instanceof Map<?, ?> map && map.isEmpty());
    }
}
