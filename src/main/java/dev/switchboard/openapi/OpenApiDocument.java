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
    private static final String RESOURCE = "ats/activities";

    private OpenApiDocument() {
    }

    public static Map<String, Object> build(Catalog catalog, String version) {
        UnifiedModel model = catalog.model(RESOURCE).orElseThrow();
        var document = new LinkedHashMap<String, Object>();
        document.put("openapi", "3.1.0");
        document.put("info", Map.of("title", "Switchboard unified ATS API", "version", version,
                "description", "One API to write and read notes on candidates in " + labels(catalog)
                        + ". Follows the Truto unified ATS API parameter for parameter."));
        document.put("servers", List.of(Map.of("url", "/")));
        document.put("security", List.of(Map.of("bearer", List.of())));
        var paths = new LinkedHashMap<String, Object>();
        var activities = new LinkedHashMap<String, Object>();
        activities.put("post", createActivity(catalog, model));
        activities.put("get", ActivityReads.list(catalog, model));
        paths.put("/unified/ats/activities", activities);
        paths.put("/unified/ats/activities/dry-run", Map.of("post", dryRunActivity(catalog, model)));
        paths.put("/unified/ats/activities/{id}", Map.of("get", ActivityReads.get(catalog, model)));
        paths.put("/unified/ats/activities/meta/{method}", Map.of("get", meta(catalog, true)));
        paths.put("/unified/ats/activities/{integration}/meta/{method}", Map.of("get", meta(catalog, false)));
        AccountOperations.addPaths(paths);
        ProxyOperations.addPaths(paths, catalog);
        ConnectOperations.addPaths(paths);
        paths.put("/health", Map.of("get", open("Liveness: the process answers.", "Health")));
        paths.put("/ready", Map.of("get", open("Readiness: the store answers and the catalog is loaded.", "Readiness")));
        document.put("paths", paths);
        document.put("components", components(catalog, model));
        return Guide.apply(document);
    }

    private static Map<String, Object> createActivity(Catalog catalog, UnifiedModel model) {
        var operation = new LinkedHashMap<String, Object>();
        operation.put("operationId", "createActivity");
        operation.put("summary", "Create an activity (a note) on a candidate");
        operation.put("tags", List.of("Activities"));
        var cannot = new ArrayList<String>();
        for (String integration : catalog.integrationNames()) {
            var definition = catalog.integration(integration).orElseThrow();
            if (catalog.operation(integration, RESOURCE, "create").isEmpty()) {
                cannot.add(definition.label() + " cannot create notes (answers 400): "
                        + definition.unsupportedReason(RESOURCE, "create").orElse("its API has no note write") + ".");
            }
        }
        if (!cannot.isEmpty()) {
            operation.put("description", String.join(" ", cannot));
        }
        var parameters = new ArrayList<Object>(List.of(
                query("integrated_account_id", true, Map.of("type", "string"), "The connected account to act on."),
                query("truto_response_format", false, Map.of("type", "string",
                        "enum", List.of("unified", "raw", "normalized", "stream"), "default", "unified"),
                        "The shape of the answer."),
                query("truto_ignore_remote_data", false, Map.of("type", "boolean", "default", false),
                        "Drop remote_data from the unified answer."),
                arrayQuery("truto_exclude_fields[]", new ArrayList<>(model.responseFields().keySet()),
                        "Top-level response fields to drop."),
                header("Idempotency-Key", "Makes retries safe: a retry with the same key and request gets the "
                        + "first answer (marked idempotent-replayed: true) instead of a second note.")));
        // Parameters published earlier keep their places (remote_query[perform_as] before the
        // Idempotency-Key), so a regenerated client's method only grows at the end.
        var remote = remoteQuery(catalog);
        parameters.add(parameters.size() - 1, remote.get(0));
        parameters.addAll(remote.subList(1, remote.size()));
        operation.put("parameters", parameters);
        operation.put("requestBody", Map.of("required", true, "content",
                Map.of("application/json", Map.of("schema", ref("ActivityCreateRequest")))));
        var responses = new LinkedHashMap<String, Object>();
        responses.put("201", Map.of("description", "Created. x-switchboard-ignored-fields lists body fields the "
                        + "integration does not take.",
                "headers", Map.of(
                        "x-switchboard-ignored-fields", Map.of("schema", Map.of("type", "string")),
                        "idempotent-replayed", Map.of("schema", Map.of("type", "string")),
                        "ratelimit-limit", Map.of("schema", Map.of("type", "string")),
                        "ratelimit-remaining", Map.of("schema", Map.of("type", "string")),
                        "ratelimit-reset", Map.of("schema", Map.of("type", "string"))),
                "content", Map.of("application/json", Map.of("schema", ref("Activity")))));
        errors(responses, Map.of(
                "400", "Invalid body or query; truto_error_insight names every offending field.",
                "401", "Missing or wrong API token, or the provider refused the account's credentials.",
                "404", "Unknown integrated account, or the provider has no such candidate.",
                "409", "A request with this Idempotency-Key is still running.",
                "422", "The Idempotency-Key was used with another request, or the provider refused the body.",
                "429", "Rate limited; Retry-After says when to retry.",
                "502", "The provider failed or answered unreadably.",
                "504", "The provider did not answer in time."));
        operation.put("responses", responses);
        return operation;
    }

    /**
     * A dry run as an operation of its own: a create has exactly one success answer, the
     * activity, so that generated clients read it as one.
     */
    private static Map<String, Object> dryRunActivity(Catalog catalog, UnifiedModel model) {
        var operation = new LinkedHashMap<String, Object>();
        operation.put("operationId", "dryRunCreateActivity");
        operation.put("summary", "Validate and map a create, and show the provider request it would send");
        operation.put("description", "Nothing is sent and nothing is stored. The same as POST "
                + "/unified/ats/activities?switchboard_dry_run=true.");
        operation.put("tags", List.of("Activities"));
        var parameters = new ArrayList<Object>(List.of(
                query("integrated_account_id", true, Map.of("type", "string"), "The connected account to act on.")));
        parameters.addAll(remoteQuery(catalog));
        operation.put("parameters", parameters);
        operation.put("requestBody", Map.of("required", true, "content",
                Map.of("application/json", Map.of("schema", ref("ActivityCreateRequest")))));
        var responses = new LinkedHashMap<String, Object>();
        responses.put("200", json("The provider request that would be sent, credentials masked.", "DryRun"));
        errors(responses, Map.of("400", "Invalid body or query; truto_error_insight names every offending field.",
                "401", "Missing or wrong API token.", "404", "Unknown integrated account."));
        operation.put("responses", responses);
        return operation;
    }

    /** Meta for one integration by name, or (Truto's SDK form) for the integration of an account. */
    private static Map<String, Object> meta(Catalog catalog, boolean byAccount) {
        var operation = new LinkedHashMap<String, Object>();
        operation.put("operationId", byAccount ? "activityMeta" : "activityCoverage");
        operation.put("summary", byAccount
                ? "The account's integration: the schemas of a method's query, body and answer, and what it ignores"
                : "Which fields an integration requires, takes and fills for a method");
        operation.put("tags", List.of("Activities"));
        var method = Map.of("name", "method", "in", "path", "required", true,
                "schema", Map.of("type", "string", "enum", List.of("create", "list", "get")));
        operation.put("parameters", byAccount
                ? List.of(method, query("integrated_account_id", true, Map.of("type", "string"), "The account."))
                : List.of(Map.of("name", "integration", "in", "path", "required", true,
                        "schema", Map.of("type", "string", "enum", catalog.integrationNames())), method));
        var responses = new LinkedHashMap<String, Object>();
        responses.put("200", json("The method's schemas for that integration.", "Coverage"));
        errors(responses, Map.of("400", "The integration does not support that method.",
                "404", byAccount ? "No such account or method." : "No such integration or method."));
        operation.put("responses", responses);
        return operation;
    }

    private static Map<String, Object> open(String description, String operationId) {
        return Map.of("operationId", "get" + operationId, "security", List.of(), "tags", List.of("Operations"),
                "responses", Map.of("200", Map.of("description", description)));
    }

    private static Map<String, Object> components(Catalog catalog, UnifiedModel model) {
        var schemas = new LinkedHashMap<String, Object>();
        schemas.put("ActivityCreateRequest", requestSchema(catalog, model));
        schemas.put("Activity", responseSchema(catalog, model, schemas));
        schemas.put("ActivityList", ActivityReads.pageSchema());
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
        ConnectOperations.addSchemas(schemas);
        return Map.of("schemas", schemas,
                "securitySchemes", Map.of("bearer", Map.of("type", "http", "scheme", "bearer")));
    }

    /** The create body; per field, which integrations require it and which take it. */
    private static Map<String, Object> requestSchema(Catalog catalog, UnifiedModel model) {
        var properties = new LinkedHashMap<String, Object>();
        for (String field : model.methods().get("create").body()) {
            var schema = JsonSchemas.of(model.requestFields().get(field));
            var requiredIn = new ArrayList<String>();
            var supportedIn = new ArrayList<String>();
            var valuesIn = new LinkedHashMap<String, Object>();
            for (String integration : catalog.integrationNames()) {
                var create = catalog.operation(integration, RESOURCE, "create");
                if (create.isEmpty()) {
                    continue;
                }
                var rules = create.get().rules();
                if (rules.required().contains(field)) {
                    requiredIn.add(integration);
                }
                if (rules.sends(field) || field.equals("remote_data")) {
                    supportedIn.add(integration);
                }
                rules.valuesOf(field).ifPresent(values -> valuesIn.put(integration, values));
            }
            schema.put("x-switchboard-required-in", requiredIn);
            schema.put("x-switchboard-supported-in", supportedIn);
            if (!valuesIn.isEmpty()) {
                // Any other value is refused for that integration: it would be widened there.
                schema.put("x-switchboard-values-in", valuesIn);
            }
            properties.put(field, schema);
        }
        return Map.of("type", "object", "properties", properties, "description",
                "Fields an integration does not take are not sent and are named in x-switchboard-ignored-fields.");
    }

    /** Nested objects of the activity get names of their own, so generated classes read well. */
    private static final Map<String, String> NESTED_NAMES = Map.of("candidate", "CandidateReference",
            "actor", "Actor", "from", "EmailParticipant", "to", "EmailParticipant", "cc", "EmailParticipant");

    /** The unified activity; per field, which integrations' answers fill it. */
    private static Map<String, Object> responseSchema(Catalog catalog, UnifiedModel model,
            Map<String, Object> schemas) {
        var properties = new LinkedHashMap<String, Object>();
        model.responseFields().forEach((field, fieldSchema) -> {
            var schema = JsonSchemas.of(fieldSchema);
            String name = NESTED_NAMES.get(field);
            if (name != null && fieldSchema.items() != null) {
                schemas.put(name, JsonSchemas.of(fieldSchema.items()));
                schema.put("items", ref(name));
            } else if (name != null) {
                schemas.put(name, schema);
                schema = new LinkedHashMap<>(ref(name));
            }
            var filledBy = new ArrayList<String>();
            for (String integration : catalog.integrationNames()) {
                boolean fills = java.util.stream.Stream.of("create", "list", "get")
                        .flatMap(method -> catalog.operation(integration, RESOURCE, method).stream())
                        .anyMatch(operation -> operation.fills().contains(field));
                if (fills) {
                    filledBy.add(integration);
                }
            }
            schema.put("x-switchboard-filled-by", filledBy);
            properties.put(field, schema);
        });
        return Map.of("type", "object", "properties", properties,
                "description", "Fields the provider did not give are absent, not null.");
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
    static List<Map<String, Object>> remoteQuery(Catalog catalog) {
        var byParameter = new LinkedHashMap<String, List<String>>(); // in the integrations' order: Lever's first
        for (String integration : catalog.integrationNames()) {
            catalog.operation(integration, RESOURCE, "create").flatMap(op -> op.endpoint().actingUserRule())
                    .ifPresent(rule -> byParameter.computeIfAbsent(rule.parameter(), p -> new ArrayList<>())
                            .add(catalog.integration(integration).orElseThrow().label()));
        }
        var parameters = new ArrayList<Map<String, Object>>();
        byParameter.forEach((parameter, labels) -> parameters.add(Map.of("name", "remote_query[" + parameter + "]",
                "in", "query", "required", false, "schema", Map.of("type", "string"),
                "description", String.join(", ", labels) + ": the id of the user the note is written as. "
                        + "Any remote_query[name]=value is passed to the provider as name=value, untransformed, "
                        + "except an acting user the provider takes in the body.")));
        return parameters;
    }

    private static String labels(Catalog catalog) {
        var labels = catalog.integrationNames().stream()
                .map(name -> catalog.integration(name).orElseThrow().label()).toList();
        return String.join(", ", labels.subList(0, labels.size() - 1)) + " and " + labels.get(labels.size() - 1);
    }

    private static Map<String, Object> header(String name, String description) {
        return Map.of("name", name, "in", "header", "required", false, "description", description,
                "schema", Map.of("type", "string", "minLength", 1, "maxLength", 255));
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
