package dev.switchboard.openapi;

import dev.switchboard.accounts.AccountService;
import dev.switchboard.catalog.Catalog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Integrated accounts: at {@code /integrated-account}, the path and shape Truto's SDKs use,
 * and at the deprecated {@code /integrated-accounts}, as the first version served them.
 */
final class AccountOperations {

    private static final String TAG = "Integrated accounts";

    private AccountOperations() {
    }

    static void addPaths(Map<String, Object> paths) {
        paths.put("/integrated-account", Map.of("post", create("createIntegratedAccount", "IntegratedAccount", false),
                "get", list("listIntegratedAccounts", "IntegratedAccountList", false)));
        paths.put("/integrated-account/{id}", Map.of("get", get("getIntegratedAccount", "IntegratedAccount", false),
                "patch", patch("updateIntegratedAccount", "IntegratedAccount", false),
                "delete", delete("deleteIntegratedAccount", false)));
        paths.put("/integrated-accounts", Map.of(
                "post", create("createIntegratedAccountLegacy", "LegacyIntegratedAccount", true),
                "get", list("listIntegratedAccountsLegacy", "LegacyIntegratedAccountList", true)));
        paths.put("/integrated-accounts/{id}", Map.of(
                "get", get("getIntegratedAccountLegacy", "LegacyIntegratedAccount", true),
                "patch", patch("updateIntegratedAccountLegacy", "LegacyIntegratedAccount", true),
                "delete", delete("deleteIntegratedAccountLegacy", true)));
    }

    static void addSchemas(Map<String, Object> schemas, Catalog catalog) {
        schemas.put("IntegrationReference", Map.of("type", "object", "required", List.of("name"), "properties",
                Map.of("name", Map.of("type", "string", "enum", catalog.integrationNames()),
                        "label", Map.of("type", "string"))));
        schemas.put("IntegratedAccountCreate", Map.of("type", "object",
                "required", List.of("integration", "tenant_id", "context"), "additionalProperties", false,
                "properties", Map.of(
                        // One plain type, which every generator handles; the server also takes {"name": …}.
                        "integration", Map.of("type", "string", "enum", catalog.integrationNames(),
                                "description", "The integration's name. {\"name\": …}, as Truto writes it, is "
                                        + "taken too."),
                        "tenant_id", Map.of("type", "string", "minLength", 1),
                        "context", Map.of("type", "object", "description", "The credentials; keys per integration: "
                                + contextKeys(catalog)))));
        schemas.put("IntegratedAccount", account(OpenApiDocument.ref("IntegrationReference")));
        schemas.put("LegacyIntegratedAccount", account(Map.of("type", "string")));
        schemas.put("IntegratedAccountList", page("IntegratedAccount"));
        schemas.put("LegacyIntegratedAccountList", page("LegacyIntegratedAccount"));
        schemas.put("DeletedIntegratedAccount", Map.of("type", "object", "properties",
                Map.of("id", Map.of("type", "string"))));
        schemas.put("IntegratedAccountUpdate", Map.of("type", "object", "required", List.of("context"),
                "additionalProperties", false, "properties", Map.of("context", Map.of("type", "object",
                        "description", "Shallow-merged into the stored context; null removes a key."))));
    }

    private static Map<String, Object> account(Map<String, Object> integration) {
        return Map.of("type", "object", "properties", Map.of(
                "id", Map.of("type", "string"),
                "integration", integration,
                "tenant_id", Map.of("type", "string"),
                "status", Map.of("type", "string", "enum", List.of("active", "needs_check", "needs_reauth"),
                        "description", "needs_check: stored with connect_check=skip, active after its first good call."),
                "created_at", Map.of("type", "string", "format", "date-time"),
                "updated_at", Map.of("type", "string", "format", "date-time"),
                "context", Map.of("type", "object", "description", "Secrets are shown as ********.")));
    }

    private static Map<String, Object> page(String item) {
        return Map.of("type", "object", "properties", Map.of(
                "result", Map.of("type", "array", "items", OpenApiDocument.ref(item)),
                "next_cursor", Map.of("type", List.of("string", "null"))));
    }

    private static Map<String, Object> create(String operationId, String schema, boolean deprecated) {
        var responses = new LinkedHashMap<String, Object>();
        responses.put("201", OpenApiDocument.json("The account; secrets in its context are masked.", schema));
        OpenApiDocument.errors(responses, Map.of("400", "Unknown integration, or a context that is not valid for it.",
                "401", "The provider refused the credentials (code remote_unauthorized); nothing was stored."));
        return operation(operationId, deprecated, Map.of("parameters", List.of(checkParameter()), "requestBody", Map.of("required", true, "content",
                Map.of("application/json", Map.of("schema", OpenApiDocument.ref("IntegratedAccountCreate")))),
                "responses", responses));
    }

    private static Map<String, Object> list(String operationId, String schema, boolean deprecated) {
        var responses = new LinkedHashMap<String, Object>();
        responses.put("200", OpenApiDocument.json("A page of the accounts of the token's environment, oldest first.",
                schema));
        OpenApiDocument.errors(responses, Map.of("400", "A limit out of range, or a cursor this server did not give."));
        return operation(operationId, deprecated, Map.of("parameters", List.of(
                OpenApiDocument.query("tenant_id", false, Map.of("type", "string"), "Only this tenant's."),
                OpenApiDocument.query("limit", false, Map.of("type", "integer", "minimum", 1,
                        "maximum", AccountService.MAX_PAGE, "default", AccountService.DEFAULT_PAGE),
                        "The most accounts in one page."),
                OpenApiDocument.query("next_cursor", false, Map.of("type", "string"),
                        "The next_cursor of the previous page; absent or empty for the first page.")),
                "responses", responses));
    }

    private static Map<String, Object> get(String operationId, String schema, boolean deprecated) {
        var responses = new LinkedHashMap<String, Object>();
        responses.put("200", OpenApiDocument.json("The account.", schema));
        OpenApiDocument.errors(responses, Map.of("404", "No such account in this token's environment."));
        return operation(operationId, deprecated, Map.of("parameters", List.of(id()), "responses", responses));
    }

    private static Map<String, Object> patch(String operationId, String schema, boolean deprecated) {
        var responses = new LinkedHashMap<String, Object>();
        responses.put("200", OpenApiDocument.json("The account, active again (new credentials checked first).", schema));
        OpenApiDocument.errors(responses, Map.of("400", "A context that is not valid.", "404", "No such account."));
        return operation(operationId, deprecated, Map.of("parameters", List.of(id(), checkParameter()), "requestBody",
                Map.of("required", true, "content", Map.of("application/json",
                        Map.of("schema", OpenApiDocument.ref("IntegratedAccountUpdate")))),
                "responses", responses));
    }

    /** The opt-out of the credential check, for provisioning while a provider is unreachable. */
    private static Map<String, Object> checkParameter() {
        return OpenApiDocument.query("connect_check", false, Map.of("type", "string", "enum", List.of("skip")),
                "Credentials are checked with the provider (the catalog's connect_check) before they are stored; "
                        + "skip stores them unchecked, the account needs_check until its first good call.");
    }

    private static Map<String, Object> delete(String operationId, boolean deprecated) {
        var responses = new LinkedHashMap<String, Object>();
        if (deprecated) {
            responses.put("204", Map.of("description", "Deleted, credentials with it."));
        } else {
            responses.put("200", OpenApiDocument.json("Deleted, credentials with it.", "DeletedIntegratedAccount"));
        }
        OpenApiDocument.errors(responses, Map.of("404", "No such account."));
        return operation(operationId, deprecated, Map.of("parameters", List.of(id()), "responses", responses));
    }

    private static Map<String, Object> operation(String operationId, boolean deprecated, Map<String, Object> rest) {
        var operation = new LinkedHashMap<String, Object>();
        operation.put("operationId", operationId);
        operation.put("tags", List.of(TAG));
        if (deprecated) {
            operation.put("deprecated", true);
            operation.put("description", "Deprecated: use /integrated-account, the path Truto's SDKs call. Here "
                    + "integration is the name as a string, and a delete answers 204.");
        }
        operation.putAll(rest);
        return operation;
    }

    private static Map<String, Object> id() {
        return Map.of("name", "id", "in", "path", "required", true, "schema", Map.of("type", "string"));
    }

    private static String contextKeys(Catalog catalog) {
        var parts = new ArrayList<String>();
        for (String name : catalog.integrationNames()) {
            parts.add(name + ": " + String.join(", ", catalog.integration(name).orElseThrow()
                    .context().properties().keySet().stream().sorted().toList()));
        }
        return String.join("; ", parts);
    }
}
