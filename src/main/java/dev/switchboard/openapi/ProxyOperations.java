package dev.switchboard.openapi;

import dev.switchboard.catalog.Catalog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** The proxy API: each integration's own resources, as its catalog names them. */
final class ProxyOperations {

    private static final String TAG = "Proxy";

    private ProxyOperations() {
    }

    static void addPaths(Map<String, Object> paths, Catalog catalog) {
        String resources = resources(catalog);
        paths.put("/proxy/{resource}", Map.of(
                "get", operation("proxyList", "List a provider resource, in the provider's shape, a page at a time",
                        resources, false, false, "ProxyPage"),
                "post", operation("proxyCreate", "Create through a provider resource", resources, false, true, null)));
        paths.put("/proxy/{resource}/{id}", Map.of(
                "get", operation("proxyGet", "Get one item of a provider resource", resources, true, false, null),
                "patch", operation("proxyUpdate", "Update one item of a provider resource", resources, true, true, null),
                "delete", operation("proxyDelete", "Delete one item of a provider resource", resources, true, false,
                        null)));
    }

    static void addSchemas(Map<String, Object> schemas) {
        schemas.put("ProxyPage", Map.of("type", "object", "properties", Map.of(
                "result", Map.of("type", "array", "items", Map.of("type", "object"),
                        "description", "The provider's items, as the provider gives them."),
                "next_cursor", Map.of("type", List.of("string", "null"),
                        "description", "The provider's own cursor; pass it back as next_cursor."))));
    }

    private static Map<String, Object> operation(String operationId, String summary, String resources, boolean byId,
            boolean withBody, String schema) {
        var parameters = new ArrayList<Object>();
        parameters.add(Map.of("name", "resource", "in", "path", "required", true, "schema", Map.of("type", "string"),
                "description", "A resource the integration's catalog names: " + resources));
        if (byId) {
            parameters.add(Map.of("name", "id", "in", "path", "required", true, "schema", Map.of("type", "string")));
        }
        parameters.add(OpenApiDocument.query("integrated_account_id", true, Map.of("type", "string"), "The account."));
        if (schema != null) {
            parameters.add(OpenApiDocument.query("next_cursor", false, Map.of("type", "string"),
                    "The next_cursor of the previous page; absent or empty for the first."));
        }
        var operation = new LinkedHashMap<String, Object>();
        operation.put("operationId", operationId);
        operation.put("summary", summary);
        operation.put("description", "Path values the resource needs (e.g. opportunity_id) come from the query or the "
                + "account's context; every other query parameter goes to the provider as it is. The answer is the "
                + "provider's body; its errors come back as the error shape, with raw_response.");
        operation.put("tags", List.of(TAG));
        operation.put("parameters", parameters);
        if (withBody) {
            operation.put("requestBody", Map.of("required", true, "content", Map.of("application/json",
                    Map.of("schema", Map.of("type", "object", "description", "Sent to the provider as it is.")))));
        }
        var responses = new LinkedHashMap<String, Object>();
        responses.put("200", schema != null ? OpenApiDocument.json("A page of the provider's items.", schema)
                : Map.of("description", "The provider's answer.", "content", Map.of("application/json",
                        Map.of("schema", Map.of("type", "object")))));
        OpenApiDocument.errors(responses, Map.of("400", "A path value missing, or a method the resource lacks.",
                "404", "No such account, or no such resource for its integration.",
                "502", "The provider failed.", "504", "The provider did not answer in time."));
        operation.put("responses", responses);
        return operation;
    }

    private static String resources(Catalog catalog) {
        var parts = new ArrayList<String>();
        for (String name : catalog.integrationNames()) {
            var proxy = catalog.integration(name).orElseThrow().proxy();
            if (!proxy.isEmpty()) {
                parts.add(name + ": " + String.join(", ", new TreeSet<>(proxy.keySet())));
            }
        }
        return String.join("; ", parts);
    }
}
