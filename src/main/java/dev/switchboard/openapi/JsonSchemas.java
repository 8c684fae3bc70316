package dev.switchboard.openapi;

import dev.switchboard.catalog.FieldSchema;
import java.util.LinkedHashMap;
import java.util.Map;

/** The unified model's field schemas as JSON Schema (2020-12, as OpenAPI 3.1 uses it). */
public final class JsonSchemas {

    private JsonSchemas() {
    }

    public static Map<String, Object> of(FieldSchema field) {
        var schema = new LinkedHashMap<String, Object>();
        schema.put("type", field.isFile() ? "string" : field.type());
        if (field.isFile()) {
            schema.put("format", "binary");
        }
        if (field.title() != null) {
            schema.put("title", field.title());
        }
        if (field.description() != null) {
            schema.put("description", field.description());
        }
        if (field.isTimestamp()) {
            schema.put("format", "date-time");
        }
        if ("id".equals(field.format())) {
            schema.put("maxLength", 256);
            schema.put("pattern", "^[^/\\u0000-\\u001f\\u007f]+$");
        }
        if (!field.enumValues().isEmpty()) {
            schema.put("enum", field.enumValues());
        }
        if (!field.properties().isEmpty()) {
            var properties = new LinkedHashMap<String, Object>();
            field.properties().forEach((name, property) -> properties.put(name, of(property)));
            schema.put("properties", properties);
        }
        if (field.items() != null) {
            schema.put("items", of(field.items()));
        }
        return schema;
    }
}
