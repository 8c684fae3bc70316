package dev.switchboard.openapi;

import dev.switchboard.catalog.Catalog;
import dev.switchboard.catalog.UnifiedModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The OpenAPI 3.1 description of the API, generated from the catalog at start-up so that
 * it says what the server does: the fields, which integration requires or takes each one,
 * and which fields each integration's answer fills.
 */
public final class OpenApiDocument {

    private static final String ERROR = "#/components/schemas/ErrorResponse";

    private OpenApiDocument() {
    }

    public static Map<String, Object> build(Catalog catalog, String version) {
        var document = new LinkedHashMap<String, Object>();
        document.put("openapi", "3.1.0");
        document.put("info", Map.of("title", "Switchboard unified ATS API", "version", version,
                "description", "One API to the applicant tracking systems " + labels(catalog)
                        + ": " + catalog.models().stream().map(UnifiedModel::plural).toList()
                        + ". Follows the Truto unified ATS API parameter for parameter."));
        document.put("servers", List.of(Map.of("url", "/")));
        document.put("security", List.of(Map.of("bearer", List.of())));
        var paths = new LinkedHashMap<String, Object>();
        var schemas = new LinkedHashMap<String, Object>();
        for (UnifiedModel model : catalog.models()) {
            ResourceOperations.add(catalog, model, paths, schemas);
        }
        AccountOperations.addPaths(paths);
        ProxyOperations.addPaths(paths, catalog);
        ConnectOperations.addPaths(paths);
        paths.put("/health", Map.of("get", open("Liveness: the process answers.", "Health")));
        paths.put("/ready", Map.of("get", open("Readiness: the store answers and the catalog is loaded.", "Readiness")));
        document.put("paths", paths);
        document.put("components", components(catalog, schemas));
        return Guide.apply(document);
    }

    private static Map<String, Object> open(String description, String operationId) {
        return Map.of("operationId", "get" + operationId, "security", List.of(), "tags", List.of("Operations"),
                "responses", Map.of("200", Map.of("description", description)));
    }

    private static Map<String, Object> components(Catalog catalog, Map<String, Object> schemas) {
        // Named "ErrorResponse", not "Error": generators rename a schema called Error (ModelError in Java).
        var names = Map.of("type", "array", "items", Map.of("type", "string"));
        var reasons = Map.of("type", "object", "additionalProperties", Map.of("type", "string"));
        schemas.put("ErrorInsight", Map.of("type", "object", "properties", Map.ofEntries(
                Map.entry("missing_required_body_fields", names),
                Map.entry("invalid_body_fields", reasons),
                Map.entry("missing_required_query_fields", names),
                Map.entry("invalid_query_fields", reasons),
                Map.entry("missing_required_context_fields", names),
                Map.entry("invalid_context_fields", reasons),
                Map.entry("required_context_fields_one_of", Map.of("type", "array", "items", names,
                        "description", "Sets of context keys: an account needs every key of one set.")),
                Map.entry("network_error", Map.of("type", "string", "enum", List.of("dns", "refused",
                        "connect_timeout", "tls", "timeout", "broken", "too_large"),
                        "description", "Why the provider gave no answer.")),
                Map.entry("outcome", Map.of("type", "string", "enum", List.of("unknown"))),
                Map.entry("detail", Map.of("type", "string")))));
        schemas.put("ErrorResponse", Map.of("type", "object", "required", List.of("statusCode", "error", "code", "message"),
                "properties", Map.of(
                        "statusCode", Map.of("type", "integer"),
                        "error", Map.of("type", "string"),
                        "code", Map.of("type", "string", "description", "Stable: branch on this, not on the message. "
                                + "A provider's refusal is prefixed remote_ (remote_unauthorized against unauthorized)."),
                        "message", Map.of("type", "string"),
                        "truto_error_insight", ref("ErrorInsight"),
                        "truto_is_remote_error", Map.of("type", "boolean"),
                        "raw_response", Map.of("description", "The provider's body: JSON where it was JSON, else text."))));
        schemas.put("ProviderRequest", Map.of("type", "object", "properties", Map.of(
                "method", Map.of("type", "string"),
                "url", Map.of("type", "string"),
                "headers", Map.of("type", "object", "additionalProperties", Map.of("type", "string"),
                        "description", "Credentials masked."),
                "body", Map.of("description", "The JSON body, if the call has one."))));
        schemas.put("DryRun", Map.of("type", "object", "properties", Map.of(
                "dry_run", Map.of("type", "boolean"),
                "request", ref("ProviderRequest"))));
        schemas.put("Coverage", Map.of("type", "object", "properties", Map.of(
                "integration", Map.of("type", "string"),
                "resource", Map.of("type", "string"),
                "method", Map.of("type", "string"),
                "request_body_schema", Map.of("type", "object"),
                "ignored_fields", Map.of("type", "array", "items", Map.of("type", "string")),
                "query_schema", Map.of("type", "object"),
                "response_schema", Map.of("type", "object"),
                "response_fields", Map.of("type", "array", "items", Map.of("type", "string")))));
        AccountOperations.addSchemas(schemas, catalog);
        ProxyOperations.addSchemas(schemas);
        ConnectOperations.addSchemas(schemas, catalog.integrationNames());
        return Map.of("schemas", schemas,
                "securitySchemes", Map.of("bearer", Map.of("type", "http", "scheme", "bearer")));
    }

    static Map<String, Object> query(String name, boolean required, Map<String, Object> schema,
            String description) {
        return Map.of("name", name, "in", "query", "required", required, "schema", schema,
                "description", description);
    }

    static Map<String, Object> arrayQuery(String name, List<String> values, String description) {
        return Map.of("name", name, "in", "query", "required", false, "explode", true, "description", description,
                "schema", Map.of("type", "array", "items", Map.of("type", "string", "enum", values)));
    }

    /**
     * {@code remote_query[...]} passes any parameter to the provider. It is described as the
     * one named parameter integrations document ({@code remote_query[perform_as]}), a plain
     * string: generators write that out exactly, where a free-form deepObject comes out wrong
     * (OpenAPI Generator's Java client calls a method a Map lacks, or forgets an import).
     */
    static List<Map<String, Object>> remoteQuery(Catalog catalog, UnifiedModel model) {
        var byParameter = new LinkedHashMap<String, List<String>>(); // in the integrations' order: Lever's first
        for (String integration : catalog.integrationNames()) {
            catalog.operation(integration, model.resource(), "create").flatMap(op -> op.endpoint().actingUserRule())
                    .ifPresent(rule -> byParameter.computeIfAbsent(rule.parameter(), p -> new ArrayList<>())
                            .add(catalog.integration(integration).orElseThrow().label()));
        }
        var parameters = new ArrayList<Map<String, Object>>();
        byParameter.forEach((parameter, labels) -> parameters.add(Map.of("name", "remote_query[" + parameter + "]",
                "in", "query", "required", false, "schema", Map.of("type", "string"),
                "description", String.join(", ", labels) + ": the id of the user the " + model.noun()
                        + " is written as. "
                        + "Any remote_query[name]=value is passed to the provider as name=value, untransformed, "
                        + "except an acting user the provider takes in the body.")));
        return parameters;
    }

    private static String labels(Catalog catalog) {
        var labels = catalog.integrationNames().stream()
                .map(name -> catalog.integration(name).orElseThrow().label()).toList();
        return String.join(", ", labels.subList(0, labels.size() - 1)) + " and " + labels.get(labels.size() - 1);
    }



    static Map<String, Object> json(String description, String schema) {
        return Map.of("description", description,
                "content", Map.of("application/json", Map.of("schema", ref(schema))));
    }

    static void errors(Map<String, Object> responses, Map<String, String> byStatus) {
        byStatus.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry ->
                responses.put(entry.getKey(), Map.of("description", entry.getValue(),
                        "content", Map.of("application/json", Map.of("schema", Map.of("$ref", ERROR))))));
    }

    static Map<String, Object> ref(String schema) {
        return Map.of("$ref", "#/components/schemas/" + schema);
    }
}
