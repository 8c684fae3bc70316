package dev.switchboard.openapi;

import dev.switchboard.accounts.AccountService;
import dev.switchboard.catalog.Catalog;
import dev.switchboard.catalog.Operation;
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

    private static final String ERROR = "#/components/schemas/Error";
    private static final String RESOURCE = "ats/activities";

    private OpenApiDocument() {
    }

    public static Map<String, Object> build(Catalog catalog, String version) {
        UnifiedModel model = catalog.model(RESOURCE).orElseThrow();
        var document = new LinkedHashMap<String, Object>();
        document.put("openapi", "3.1.0");
        document.put("info", Map.of("title", "Switchboard unified ATS API", "version", version,
                "description", "One API to write and read notes on candidates in Ashby, Lever and Recruitee. "
                        + "Follows the Truto unified ATS API parameter for parameter."));
        document.put("servers", List.of(Map.of("url", "/")));
        document.put("security", List.of(Map.of("bearer", List.of())));
        var paths = new LinkedHashMap<String, Object>();
        paths.put("/unified/ats/activities", Map.of("post", createActivity(catalog, model),
                "get", ActivityReads.list(catalog, model)));
        paths.put("/unified/ats/activities/{id}", Map.of("get", ActivityReads.get(catalog, model)));
        paths.put("/unified/ats/activities/{integration}/meta/{method}", Map.of("get", meta(catalog)));
        paths.put("/integrated-accounts", Map.of("post", createAccount(catalog), "get", listAccounts()));
        paths.put("/integrated-accounts/{id}", Map.of("get", getAccount(), "patch", patchAccount(),
                "delete", deleteAccount()));
        paths.put("/health", Map.of("get", open("Liveness: the process answers.", "Health")));
        paths.put("/ready", Map.of("get", open("Readiness: the store answers and the catalog is loaded.", "Readiness")));
        document.put("paths", paths);
        document.put("components", components(catalog, model));
        return document;
    }

    private static Map<String, Object> createActivity(Catalog catalog, UnifiedModel model) {
        var operation = new LinkedHashMap<String, Object>();
        operation.put("operationId", "createActivity");
        operation.put("summary", "Create an activity (a note) on a candidate");
        operation.put("tags", List.of("Activities"));
        operation.put("parameters", List.of(
                query("integrated_account_id", true, Map.of("type", "string"), "The connected account to act on."),
                query("truto_response_format", false, Map.of("type", "string",
                        "enum", List.of("unified", "raw", "normalized", "stream"), "default", "unified"),
                        "The shape of the answer."),
                query("truto_ignore_remote_data", false, Map.of("type", "boolean", "default", false),
                        "Drop remote_data from the unified answer."),
                arrayQuery("truto_exclude_fields[]", new ArrayList<>(model.responseFields().keySet()),
                        "Top-level response fields to drop."),
                deepObjectQuery("remote_query", "Passed to the provider as query parameters, untransformed: "
                        + "remote_query[perform_as]=u1 reaches Lever as perform_as=u1."),
                query("switchboard_dry_run", false, Map.of("type", "boolean", "default", false),
                        "Validate and map only: answer 200 with the provider request that would be sent."),
                header("Idempotency-Key", "Makes retries safe: a retry with the same key and request gets the "
                        + "first answer (marked idempotent-replayed: true) instead of a second note.")));
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
        responses.put("200", Map.of("description", "Dry run: the provider request that would be sent.",
                "content", Map.of("application/json", Map.of("schema", ref("DryRun")))));
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

    private static Map<String, Object> meta(Catalog catalog) {
        var operation = new LinkedHashMap<String, Object>();
        operation.put("operationId", "activityCoverage");
        operation.put("summary", "Which fields an integration requires, takes and fills for a method");
        operation.put("tags", List.of("Activities"));
        operation.put("parameters", List.of(Map.of("name", "integration", "in", "path", "required", true,
                "schema", Map.of("type", "string", "enum", catalog.integrationNames())),
                Map.of("name", "method", "in", "path", "required", true,
                        "schema", Map.of("type", "string", "enum", List.of("create", "list", "get")))));
        var responses = new LinkedHashMap<String, Object>();
        responses.put("200", Map.of("description", "The integration's coverage.",
                "content", Map.of("application/json", Map.of("schema", ref("Coverage")))));
        errors(responses, Map.of("400", "The integration does not support that method.",
                "404", "No such integration or method."));
        operation.put("responses", responses);
        return operation;
    }

    private static Map<String, Object> createAccount(Catalog catalog) {
        var responses = new LinkedHashMap<String, Object>();
        responses.put("201", json("The account; secrets in its context are masked.", "IntegratedAccount"));
        errors(responses, Map.of("400", "Unknown integration, or a context that is not valid for it."));
        return Map.of("operationId", "createIntegratedAccount", "tags", List.of("Integrated accounts"),
                "requestBody", Map.of("required", true, "content", Map.of("application/json",
                        Map.of("schema", ref("IntegratedAccountCreate")))),
                "responses", responses);
    }

    private static Map<String, Object> listAccounts() {
        return Map.of("operationId", "listIntegratedAccounts", "tags", List.of("Integrated accounts"),
                "parameters", List.of(query("tenant_id", false, Map.of("type", "string"), "Only this tenant's."),
                        query("limit", false, Map.of("type", "integer", "minimum", 1, "maximum", AccountService.MAX_PAGE,
                                "default", AccountService.DEFAULT_PAGE), "The most accounts in one page."),
                        query("next_cursor", false, Map.of("type", "string"),
                                "The next_cursor of the previous page; absent for the first page.")),
                "responses", listResponses());
    }

    private static Map<String, Object> listResponses() {
        var responses = new LinkedHashMap<String, Object>();
        responses.put("200", json("A page of the accounts of the token's environment, oldest first.",
                "IntegratedAccountList"));
        errors(responses, Map.of("400", "A limit out of range, or a cursor this server did not give."));
        return responses;
    }

    private static Map<String, Object> getAccount() {
        var responses = new LinkedHashMap<String, Object>();
        responses.put("200", json("The account.", "IntegratedAccount"));
        errors(responses, Map.of("404", "No such account in this token's environment."));
        return Map.of("operationId", "getIntegratedAccount", "tags", List.of("Integrated accounts"),
                "parameters", List.of(idParameter()), "responses", responses);
    }

    private static Map<String, Object> patchAccount() {
        var responses = new LinkedHashMap<String, Object>();
        responses.put("200", json("The account, active again.", "IntegratedAccount"));
        errors(responses, Map.of("400", "A context that is not valid.", "404", "No such account."));
        return Map.of("operationId", "updateIntegratedAccount", "tags", List.of("Integrated accounts"),
                "parameters", List.of(idParameter()),
                "requestBody", Map.of("required", true, "content", Map.of("application/json", Map.of("schema",
                        Map.of("type", "object", "required", List.of("context"), "additionalProperties", false,
                                "properties", Map.of("context", Map.of("type", "object",
                                        "description", "Shallow-merged into the stored context; null removes a key.")))))),
                "responses", responses);
    }

    private static Map<String, Object> deleteAccount() {
        var responses = new LinkedHashMap<String, Object>();
        responses.put("204", Map.of("description", "Deleted, credentials with it."));
        errors(responses, Map.of("404", "No such account."));
        return Map.of("operationId", "deleteIntegratedAccount", "tags", List.of("Integrated accounts"),
                "parameters", List.of(idParameter()), "responses", responses);
    }

    private static Map<String, Object> open(String description, String operationId) {
        return Map.of("operationId", "get" + operationId, "security", List.of(), "tags", List.of("Operations"),
                "responses", Map.of("200", Map.of("description", description)));
    }

    private static Map<String, Object> components(Catalog catalog, UnifiedModel model) {
        var schemas = new LinkedHashMap<String, Object>();
        schemas.put("ActivityCreateRequest", requestSchema(catalog, model));
        schemas.put("Activity", responseSchema(catalog, model));
        schemas.put("ActivityList", ActivityReads.pageSchema());
        schemas.put("Error", Map.of("type", "object", "required", List.of("statusCode", "error", "message"),
                "properties", Map.of(
                        "statusCode", Map.of("type", "integer"),
                        "error", Map.of("type", "string"),
                        "message", Map.of("type", "string"),
                        "truto_error_insight", Map.of("type", "object", "properties", Map.of(
                                "missing_required_body_fields", Map.of("type", "array", "items", Map.of("type", "string")),
                                "invalid_body_fields", Map.of("type", "object",
                                        "additionalProperties", Map.of("type", "string")),
                                "outcome", Map.of("type", "string", "enum", List.of("unknown")))),
                        "truto_is_remote_error", Map.of("type", "boolean"),
                        "raw_response", Map.of("description", "The provider's body: JSON where it was JSON, else text."))));
        schemas.put("DryRun", Map.of("type", "object", "properties", Map.of(
                "dry_run", Map.of("type", "boolean"),
                "request", Map.of("type", "object", "properties", Map.of(
                        "method", Map.of("type", "string"),
                        "url", Map.of("type", "string"),
                        "headers", Map.of("type", "object", "additionalProperties", Map.of("type", "string"),
                                "description", "Credentials masked."),
                        "body", Map.of("description", "The JSON body, if the call has one."))))));
        schemas.put("Coverage", Map.of("type", "object", "properties", Map.of(
                "integration", Map.of("type", "string"),
                "resource", Map.of("type", "string"),
                "method", Map.of("type", "string"),
                "request_body_schema", Map.of("type", "object"),
                "ignored_fields", Map.of("type", "array", "items", Map.of("type", "string")),
                "query_schema", Map.of("type", "object"),
                "response_fields", Map.of("type", "array", "items", Map.of("type", "string")))));
        schemas.put("IntegratedAccountCreate", Map.of("type", "object",
                "required", List.of("integration", "tenant_id", "context"), "additionalProperties", false,
                "properties", Map.of(
                        "integration", Map.of("type", "string", "enum", catalog.integrationNames()),
                        "tenant_id", Map.of("type", "string", "minLength", 1),
                        "context", Map.of("type", "object", "description", "The credentials; keys per integration: "
                                + contextKeys(catalog)))));
        schemas.put("IntegratedAccount", Map.of("type", "object", "properties", Map.of(
                "id", Map.of("type", "string"),
                "integration", Map.of("type", "string"),
                "tenant_id", Map.of("type", "string"),
                "status", Map.of("type", "string", "enum", List.of("active", "needs_reauth")),
                "created_at", Map.of("type", "string", "format", "date-time"),
                "updated_at", Map.of("type", "string", "format", "date-time"),
                "context", Map.of("type", "object", "description", "Secrets are shown as ********."))));
        schemas.put("IntegratedAccountList", Map.of("type", "object", "properties", Map.of(
                "result", Map.of("type", "array", "items", ref("IntegratedAccount")),
                "next_cursor", Map.of("type", List.of("string", "null")))));
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
                var rules = catalog.operation(integration, RESOURCE, "create").orElseThrow().rules();
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

    /** The unified activity; per field, which integrations' answers fill it. */
    private static Map<String, Object> responseSchema(Catalog catalog, UnifiedModel model) {
        var properties = new LinkedHashMap<String, Object>();
        model.responseFields().forEach((field, fieldSchema) -> {
            var schema = JsonSchemas.of(fieldSchema);
            var filledBy = new ArrayList<String>();
            for (String integration : catalog.integrationNames()) {
                Operation create = catalog.operation(integration, RESOURCE, "create").orElseThrow();
                if (create.fills().contains(field)) {
                    filledBy.add(integration);
                }
            }
            schema.put("x-switchboard-filled-by", filledBy);
            properties.put(field, schema);
        });
        return Map.of("type", "object", "properties", properties,
                "description", "Fields the provider did not give are absent, not null.");
    }

    private static String contextKeys(Catalog catalog) {
        var parts = new ArrayList<String>();
        for (String name : catalog.integrationNames()) {
            parts.add(name + ": " + String.join(", ", catalog.integration(name).orElseThrow()
                    .context().properties().keySet().stream().sorted().toList()));
        }
        return String.join("; ", parts);
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

    static Map<String, Object> deepObjectQuery(String name, String description) {
        return Map.of("name", name, "in", "query", "required", false, "style", "deepObject", "explode", true,
                "description", description, "schema", Map.of("type", "object",
                        "additionalProperties", Map.of("type", "string")));
    }

    private static Map<String, Object> header(String name, String description) {
        return Map.of("name", name, "in", "header", "required", false, "description", description,
                "schema", Map.of("type", "string", "minLength", 1, "maxLength", 255));
    }

    private static Map<String, Object> idParameter() {
        return Map.of("name", "id", "in", "path", "required", true, "schema", Map.of("type", "string"));
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
