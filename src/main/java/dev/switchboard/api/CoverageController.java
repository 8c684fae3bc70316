package dev.switchboard.api;

import dev.switchboard.catalog.Catalog;
import dev.switchboard.catalog.Operation;
import dev.switchboard.error.ApiException;
import dev.switchboard.mapping.Json;
import dev.switchboard.openapi.JsonSchemas;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /unified/ats/activities/{integration}/meta/create}: what one integration
 * requires, takes and fills, from the same rules that drive validation.
 */
final class CoverageController {

    private static final String RESOURCE = "ats/activities";

    private final Catalog catalog;

    CoverageController(Catalog catalog) {
        this.catalog = catalog;
    }

    void create(Context ctx) {
        String integration = ctx.pathParam("integration");
        Operation operation = catalog.operation(integration, RESOURCE, "create").orElseThrow(() ->
                ApiException.of(404, "no integration '" + integration + "'; known: " + catalog.integrationNames()));
        var properties = new LinkedHashMap<String, Object>();
        var ignored = new ArrayList<String>();
        for (String field : operation.method().body()) {
            if (operation.rules().sends(field) || field.equals("remote_data")) {
                var schema = JsonSchemas.of(operation.model().requestFields().get(field));
                operation.rules().valuesOf(field).ifPresent(values -> schema.put("enum", values));
                properties.put(field, schema);
            } else {
                ignored.add(field);
            }
        }
        var coverage = new LinkedHashMap<String, Object>();
        coverage.put("integration", integration);
        coverage.put("resource", RESOURCE);
        coverage.put("method", "create");
        coverage.put("request_body_schema", Map.of("type", "object", "required", operation.rules().required(),
                "properties", properties));
        coverage.put("ignored_fields", ignored);
        coverage.put("query_schema", querySchema(operation));
        coverage.put("response_fields", operation.fills());
        ctx.contentType("application/json").result(Json.write(coverage));
    }

    private static Map<String, Object> querySchema(Operation operation) {
        var properties = new LinkedHashMap<String, Object>();
        properties.put("integrated_account_id", Map.of("type", "string"));
        properties.put("truto_response_format", Map.of("type", "string",
                "enum", List.of("unified", "raw", "normalized", "stream")));
        properties.put("truto_ignore_remote_data", Map.of("type", "boolean"));
        properties.put("truto_exclude_fields[]", Map.of("type", "array", "items", Map.of("type", "string",
                "enum", List.copyOf(operation.model().responseFields().keySet()))));
        properties.put("remote_query", Map.of("type", "object", "additionalProperties", Map.of("type", "string")));
        properties.put("switchboard_dry_run", Map.of("type", "boolean"));
        return Map.of("type", "object", "required", List.of("integrated_account_id"), "properties", properties);
    }
}
