package dev.switchboard.openapi;

import dev.switchboard.mapping.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What makes the document readable as documentation, kept as data: the guides at its top
 * ({@code openapi/guide.md}), and per operation a summary where it has none and a {@code curl}
 * line; per schema an example ({@code openapi/examples.json}). Generators ignore both.
 */
final class Guide {

    private Guide() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> apply(Map<String, Object> built) {
        Map<String, Object> document = (Map<String, Object>) Json.tryParse(Json.write(built)).orElseThrow();
        Map<String, Object> examples = (Map<String, Object>) Json.tryParse(resource("/openapi/examples.json")).orElseThrow();
        var info = (Map<String, Object>) document.get("info");
        info.put("description", info.get("description") + "\n\n" + new String(resource("/openapi/guide.md"),
                StandardCharsets.UTF_8));
        var schemas = (Map<String, Object>) ((Map<String, Object>) document.get("components")).get("schemas");
        ((Map<String, Object>) examples.get("schema_examples")).forEach((name, example) -> {
            if (schemas.get(name) instanceof Map<?, ?> schema) {
                ((Map<String, Object>) schema).put("example", example);
            }
        });
        var summaries = (Map<String, Object>) examples.get("summaries");
        ((Map<String, Object>) document.get("paths")).forEach((path, operations) ->
                ((Map<String, Object>) operations).forEach((method, value) -> {
                    var operation = (Map<String, Object>) value;
                    Object id = operation.get("operationId");
                    if (operation.get("summary") == null && summaries.get(id) instanceof String summary) {
                        operation.put("summary", summary);
                    }
                    String curl = curl(path, method, operation, schemas, examples);
                    Object described = operation.get("description");
                    operation.put("description", (described == null ? "" : described + "\n\n") + "```sh\n" + curl + "\n```");
                }));
        return document;
    }

    /** The call as a person would type it, with the sandbox's variables and the catalog's example values. */
    @SuppressWarnings("unchecked")
    private static String curl(String path, String method, Map<String, Object> operation, Map<String, Object> schemas,
            Map<String, Object> examples) {
        var pathValues = (Map<String, Object>) examples.get("path_values");
        var queryValues = (Map<String, Object>) examples.get("query_values");
        String filled = path;
        for (var value : pathValues.entrySet()) {
            filled = filled.replace("{" + value.getKey() + "}", String.valueOf(value.getValue()));
        }
        var query = new ArrayList<String>();
        for (Object parameter : (List<Object>) operation.getOrDefault("parameters", List.of())) {
            var described = (Map<String, Object>) parameter;
            if ("query".equals(described.get("in")) && Boolean.TRUE.equals(described.get("required"))) {
                query.add(described.get("name") + "=" + queryValues.getOrDefault(described.get("name"), "…"));
            }
        }
        var line = new StringBuilder("curl -s");
        if (!method.equals("get")) {
            line.append(" -X ").append(method.toUpperCase(java.util.Locale.ROOT));
        }
        line.append(" \"$SWITCHBOARD").append(filled).append(query.isEmpty() ? "" : "?" + String.join("&", query))
                .append('"');
        boolean open = operation.get("security") instanceof List<?> security && security.isEmpty();
        if (!open) {
            line.append(" \\\n  -H \"Authorization: Bearer $TOKEN\"");
        }
        Object body = requestExample(operation, schemas);
        if (body != null) {
            line.append(" \\\n  -H 'Content-Type: application/json' -d '").append(Json.writeString(body)).append('\'');
        }
        return line.toString();
    }

    @SuppressWarnings("unchecked")
    private static Object requestExample(Map<String, Object> operation, Map<String, Object> schemas) {
        if (!(operation.get("requestBody") instanceof Map<?, ?> body)) {
            return null;
        }
        Object schema = ((Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) body).get("content"))
                .values().iterator().next()).get("schema");
        if (schema instanceof Map<?, ?> described && described.get("$ref") instanceof String ref) {
            Object named = schemas.get(ref.substring(ref.lastIndexOf('/') + 1));
            return named instanceof Map<?, ?> found ? found.get("example") : null;
        }
        return new LinkedHashMap<>();
    }

    private static byte[] resource(String name) {
        try (InputStream in = Guide.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException(name + " is missing");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
