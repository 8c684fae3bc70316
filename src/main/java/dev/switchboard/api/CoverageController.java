package dev.switchboard.api;

import dev.switchboard.accounts.AccountService;
import dev.switchboard.catalog.Catalog;
import dev.switchboard.catalog.Operation;
import dev.switchboard.catalog.UnifiedModel;
import dev.switchboard.error.ApiException;
import dev.switchboard.mapping.Json;
import dev.switchboard.openapi.JsonSchemas;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /unified/{resource}/{integration}/meta/{method}}: what one integration
 * requires, takes and fills for a method of a resource, from the same rules that drive validation.
 */
final class CoverageController {

    private final Catalog catalog;
    private final AccountService accounts;

    CoverageController(Catalog catalog, AccountService accounts) {
        this.catalog = catalog;
        this.accounts = accounts;
    }

    /** {@code …/{integration}/meta/{method}}. */
    Handler coverage(String resource) {
        return ctx -> render(ctx, resource, ctx.pathParam("integration"), ctx.pathParam("method"));
    }

    /** {@code …/meta/{method}?integrated_account_id=…}: Truto's SDK form, for the account's integration. */
    Handler forAccount(String resource) {
        return ctx -> forAccount(ctx, resource);
    }

    private void forAccount(Context ctx, String resource) {
        String id = ctx.queryParam("integrated_account_id");
        if (id == null || id.isBlank()) {
            throw ApiException.invalid("'integrated_account_id' is required", "query",
                    List.of("integrated_account_id"), Map.of());
        }
        for (String name : ctx.queryParamMap().keySet()) {
            if (!name.equals("integrated_account_id")) {
                throw ApiException.badRequest("unknown query parameter '" + name + "'; meta takes integrated_account_id");
            }
        }
        var account = accounts.get(TokenAuth.environment(ctx), Ids.check("integrated_account_id", id));
        render(ctx, resource, account.integration(), ctx.pathParam("method"));
    }

    private void render(Context ctx, String resource, String integration, String method) {
        var methods = catalog.model(resource).orElseThrow().methods().keySet().stream().sorted().toList();
        if (catalog.integration(integration).isEmpty()) {
            throw ApiException.of(404, "no integration '" + integration + "'; known: " + catalog.integrationNames());
        }
        if (!methods.contains(method)) {
            throw ApiException.of(404, "no method '" + method + "'; methods are " + methods);
        }
        var definition = catalog.integration(integration).orElseThrow();
        var model = catalog.model(resource).orElseThrow();
        if (method.equals(UnifiedModel.DOWNLOAD) && model.methods().get(method).integrations().containsKey(integration)) {
            // A download has no mapping: it takes a file_url and answers the file's bytes.
            var coverage = new LinkedHashMap<String, Object>();
            coverage.put("integration", integration);
            coverage.put("resource", resource);
            coverage.put("method", method);
            coverage.put("query_schema", Map.of("type", "object", "required", List.of("integrated_account_id", "file_url"),
                    "properties", Map.of("integrated_account_id", Map.of("type", "string"),
                            "file_url", Map.of("type", "string"))));
            coverage.put("response_schema", Map.of("type", "string", "format", "binary"));
            ctx.contentType("application/json").result(Json.write(coverage));
            return;
        }
        Operation operation = catalog.operation(integration, resource, method).orElseThrow(() ->
                ApiException.badRequest(definition.label() + " does not support " + method + " on " + resource
                        + definition.unsupportedReason(resource, method).map(why -> ": " + why).orElse("")));
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
        // Truto's meta answer names: method, query_schema, request_body_schema, response_schema.
        coverage.put("integration", integration);
        coverage.put("resource", resource);
        coverage.put("method", method);
        var required = operation.rules().required().stream().filter(operation.method().body()::contains).toList();
        coverage.put("request_body_schema", Map.of("type", "object", "required", required, "properties", properties));
        coverage.put("ignored_fields", ignored);
        coverage.put("query_schema", querySchema(operation));
        coverage.put("response_schema", responseSchema(operation));
        coverage.put("response_fields", operation.fills());
        ctx.contentType("application/json").result(Json.write(coverage));
    }

    /** The unified object, with only the fields this integration fills. */
    private static Map<String, Object> responseSchema(Operation operation) {
        var properties = new LinkedHashMap<String, Object>();
        operation.model().responseFields().forEach((field, schema) -> {
            if (operation.fills().contains(field)) {
                properties.put(field, JsonSchemas.of(schema));
            }
        });
        var item = Map.<String, Object>of("type", "object", "properties", properties);
        if (!operation.methodName().equals("list")) {
            return item;
        }
        return Map.of("type", "object", "properties", Map.of("result", Map.of("type", "array", "items", item),
                "next_cursor", Map.of("type", List.of("string", "null")), "result_count", Map.of("type", "integer")));
    }

    private static Map<String, Object> querySchema(Operation operation) {
        var properties = new LinkedHashMap<String, Object>();
        var required = new ArrayList<String>(List.of("integrated_account_id"));
        properties.put("integrated_account_id", Map.of("type", "string"));
        for (String field : operation.method().query()) {
            properties.put(field, JsonSchemas.of(operation.model().requestFields().get(field)));
            if (operation.rules().required().contains(field)) {
                required.add(field);
            }
        }
        boolean create = operation.method().isWrite();
        if (operation.methodName().equals("list")) {
            properties.put("limit", Map.of("type", "integer", "minimum", 1, "maximum", 100, "default", 100));
            properties.put("next_cursor", Map.of("type", "string"));
        }
        properties.put("truto_response_format", Map.of("type", "string",
                "enum", List.of("unified", "raw", "normalized", "stream")));
        properties.put("truto_ignore_remote_data", Map.of("type", "boolean"));
        properties.put("truto_exclude_fields[]", Map.of("type", "array", "items", Map.of("type", "string",
                "enum", List.copyOf(operation.model().responseFields().keySet()))));
        properties.put("remote_query", Map.of("type", "object", "additionalProperties", Map.of("type", "string")));
        if (create) {
            properties.put("switchboard_dry_run", Map.of("type", "boolean"));
        }
        return Map.of("type", "object", "required", required, "properties", properties);
    }
}
