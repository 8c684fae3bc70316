package dev.switchboard.openapi;

import dev.switchboard.catalog.Catalog;
import dev.switchboard.catalog.FieldSchema;
import dev.switchboard.catalog.UnifiedModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The operations of one unified resource, made from its model: list, get, create, a dry
 * run of the create, and meta. Operation and schema names come from the resource path
 * ({@code ats/activities}: {@code listActivities}, {@code Activity}), so that a resource
 * added to the catalog is published with no code.
 */
final class ResourceOperations {

    private final Catalog catalog;
    private final UnifiedModel model;
    private final ResourceNames names;

    private ResourceOperations(Catalog catalog, UnifiedModel model) {
        this.catalog = catalog;
        this.model = model;
        this.names = ResourceNames.of(model);
    }

    static void add(Catalog catalog, UnifiedModel model, Map<String, Object> paths, Map<String, Object> schemas) {
        new ResourceOperations(catalog, model).add(paths, schemas);
    }

    private void add(Map<String, Object> paths, Map<String, Object> schemas) {
        String path = "/unified/" + model.resource();
        var collection = new LinkedHashMap<String, Object>();
        if (model.methods().containsKey("create")) {
            collection.put("post", create());
            schemas.put(names.singular() + "CreateRequest", requestSchema("create"));
        }
        if (model.methods().containsKey("list")) {
            collection.put("get", ResourceReads.list(catalog, model, names));
            schemas.put(names.singular() + "List", ResourceReads.pageSchema(names));
        }
        if (!collection.isEmpty()) {
            paths.put(path, collection);
        }
        if (model.methods().containsKey("create")) {
            paths.put(path + "/dry-run", Map.of("post", dryRun()));
        }
        if (model.methods().containsKey("get")) {
            paths.put(path + "/{id}", Map.of("get", ResourceReads.get(catalog, model, names)));
        }
        if (model.methods().containsKey(UnifiedModel.DOWNLOAD)) {
            paths.put(path + "/download", Map.of("post", download()));
        }
        for (String action : model.actions()) {
            String name = ResourceNames.camel(action.replace('-', '_'));
            schemas.put(names.singular() + name + "Request", requestSchema(action));
            paths.put(path + "/" + action, Map.of("post", action(action, name)));
        }
        paths.put(path + "/meta/{method}", Map.of("get", meta(true)));
        paths.put(path + "/{integration}/meta/{method}", Map.of("get", meta(false)));
        schemas.put(names.singular(), responseSchema(schemas));
    }

    private Map<String, Object> create() {
        var operation = new LinkedHashMap<String, Object>();
        operation.put("operationId", "create" + names.singular());
        operation.put("summary", "Create " + model.aNoun());
        operation.put("tags", List.of(names.tag()));
        var parts = new ArrayList<String>();
        if (model.description() != null) {
            parts.add(model.description());
        }
        parts.add("Integrations: " + String.join(", ", Supporting.labels(catalog, model, "create")) + ".");
        parts.addAll(Supporting.refusals(catalog, model, "create"));
        operation.put("description", String.join(" ", parts));
        var parameters = writeParameters("a second " + model.noun());
        // Parameters published earlier keep their places (remote_query[perform_as] before the
        // Idempotency-Key), so a regenerated client's method only grows at the end.
        var remote = OpenApiDocument.remoteQuery(catalog, model);
        if (!remote.isEmpty()) {
            parameters.add(parameters.size() - 1, remote.get(0));
            parameters.addAll(remote.subList(1, remote.size()));
        }
        operation.put("parameters", parameters);
        var schema = Map.of("schema", OpenApiDocument.ref(names.singular() + "CreateRequest"));
        boolean carriesFile = model.methods().get("create").body().stream()
                .anyMatch(field -> model.requestFields().get(field).isFile());
        // A file comes as a multipart part, or as base64 in JSON beside its name.
        operation.put("requestBody", Map.of("required", true, "content", carriesFile
                ? Map.of("multipart/form-data", schema, "application/json", schema)
                : Map.of("application/json", schema)));
        var responses = new LinkedHashMap<String, Object>();
        responses.put("201", Map.of("description", "Created. x-switchboard-ignored-fields lists body fields the "
                        + "integration does not take.",
                "headers", Map.of(
                        "x-switchboard-ignored-fields", Map.of("schema", Map.of("type", "string")),
                        "idempotent-replayed", Map.of("schema", Map.of("type", "string")),
                        "ratelimit-limit", Map.of("schema", Map.of("type", "string")),
                        "ratelimit-remaining", Map.of("schema", Map.of("type", "string")),
                        "ratelimit-reset", Map.of("schema", Map.of("type", "string"))),
                "content", Map.of("application/json", Map.of("schema", OpenApiDocument.ref(names.singular())))));
        OpenApiDocument.errors(responses, writeErrors("Invalid body or query; truto_error_insight names every "
                + "offending field.", "Unknown integrated account, or the provider has no such parent record.",
                "the provider refused the body"));
        operation.put("responses", responses);
        return operation;
    }

    /**
     * A dry run as an operation of its own: a create has exactly one success answer, so that
     * generated clients read it as one.
     */
    private Map<String, Object> dryRun() {
        var operation = new LinkedHashMap<String, Object>();
        operation.put("operationId", "dryRunCreate" + names.singular());
        operation.put("summary", "Validate and map a create, and show the provider request it would send");
        operation.put("description", "Nothing is sent and nothing is stored. The same as POST /unified/"
                + model.resource() + "?switchboard_dry_run=true.");
        operation.put("tags", List.of(names.tag()));
        var parameters = new ArrayList<Object>(List.of(OpenApiDocument.query("integrated_account_id", true,
                Map.of("type", "string"), "The connected account to act on.")));
        parameters.addAll(OpenApiDocument.remoteQuery(catalog, model));
        operation.put("parameters", parameters);
        operation.put("requestBody", Map.of("required", true, "content",
                Map.of("application/json", Map.of("schema", OpenApiDocument.ref(names.singular() + "CreateRequest")))));
        var responses = new LinkedHashMap<String, Object>();
        responses.put("200", OpenApiDocument.json("The provider request that would be sent, credentials masked.",
                "DryRun"));
        OpenApiDocument.errors(responses, Map.of("400", "Invalid body or query; truto_error_insight names every "
                + "offending field.", "401", "Missing or wrong API token.", "404", "Unknown integrated account."));
        operation.put("responses", responses);
        return operation;
    }

    /** Meta for one integration by name, or (Truto's SDK form) for the integration of an account. */
    private Map<String, Object> meta(boolean byAccount) {
        String lower = Character.toLowerCase(names.singular().charAt(0)) + names.singular().substring(1);
        var operation = new LinkedHashMap<String, Object>();
        operation.put("operationId", lower + (byAccount ? "Meta" : "Coverage"));
        operation.put("summary", byAccount
                ? "The account's integration: the schemas of a method's query, body and answer, and what it ignores"
                : "Which fields an integration requires, takes and fills for a method");
        operation.put("tags", List.of(names.tag()));
        var method = Map.of("name", "method", "in", "path", "required", true,
                "schema", Map.of("type", "string", "enum", model.methods().keySet().stream().sorted().toList()));
        operation.put("parameters", byAccount
                ? List.of(method, OpenApiDocument.query("integrated_account_id", true, Map.of("type", "string"),
                        "The account."))
                : List.of(Map.of("name", "integration", "in", "path", "required", true,
                        "schema", Map.of("type", "string", "enum", catalog.integrationNames())), method));
        var responses = new LinkedHashMap<String, Object>();
        responses.put("200", OpenApiDocument.json("The method's schemas for that integration.", "Coverage"));
        OpenApiDocument.errors(responses, Map.of("400", "The integration does not support that method.",
                "404", byAccount ? "No such account or method." : "No such integration or method."));
        operation.put("responses", responses);
        return operation;
    }

    /**
     * A custom method (Truto's form: {@code POST /unified/ats/applications/move-stage}, the
     * target in the body), as safe to retry as a create.
     */
    private Map<String, Object> action(String action, String name) {
        var operation = new LinkedHashMap<String, Object>();
        operation.put("operationId", Character.toLowerCase(name.charAt(0)) + name.substring(1) + names.singular());
        operation.put("summary", actionSummary(action));
        operation.put("tags", List.of(names.tag()));
        var description = new ArrayList<String>();
        java.util.Optional.ofNullable(model.methods().get(action).description()).ifPresent(description::add);
        description.add("Integrations: " + String.join(", ", Supporting.labels(catalog, model, action)) + ".");
        description.addAll(Supporting.refusals(catalog, model, action));
        operation.put("description", String.join(" ", description));
        operation.put("parameters", writeParameters("acting twice"));
        operation.put("requestBody", Map.of("required", true, "content", Map.of("application/json",
                Map.of("schema", OpenApiDocument.ref(names.singular() + name + "Request")))));
        var responses = new LinkedHashMap<String, Object>();
        responses.put(String.valueOf(model.methods().get(action).status()),
                OpenApiDocument.json("Done: the " + model.noun() + " as it now is.", names.singular()));
        OpenApiDocument.errors(responses, writeErrors("Invalid body or query, or an integration without this action.",
                "Unknown integrated account, or the provider has no such record.", "the provider refused the target"));
        operation.put("responses", responses);
        return operation;
    }

    /**
     * The action's name read as a verb and what it acts on: "reject" gives "Reject an
     * application", "move-stage" gives "Move stage of an application".
     */
    private String actionSummary(String action) {
        String[] words = action.split("[-_]", 2);
        String verb = Character.toUpperCase(words[0].charAt(0)) + words[0].substring(1);
        String rest = words.length > 1 ? " " + words[1].replaceAll("[-_]", " ") + " of " : " ";
        return verb + rest + model.aNoun();
    }

    /** The bytes of a file whose link a list gave, streamed with the provider's type and length. */
    private Map<String, Object> download() {
        var operation = new LinkedHashMap<String, Object>();
        operation.put("operationId", "download" + names.singular());
        operation.put("summary", "Download the file of " + model.aNoun());
        var description = new ArrayList<String>();
        description.add("Integrations: " + String.join(", ", catalog.integrationNames().stream()
                .filter(name -> model.methods().get(UnifiedModel.DOWNLOAD).integrations().containsKey(name))
                .map(name -> catalog.integration(name).orElseThrow().label()).toList()) + ".");
        description.add("file_url is " + model.aNoun() + "'s file_url as this account was given it; any other is "
                + "refused. Streamed: the file is never held whole, and one over SWITCHBOARD_MAX_FILE_BYTES is a 502.");
        operation.put("description", String.join(" ", description));
        operation.put("tags", List.of(names.tag()));
        operation.put("parameters", List.of(
                OpenApiDocument.query("integrated_account_id", true, Map.of("type", "string"), "The account."),
                OpenApiDocument.query("file_url", true, Map.of("type", "string"), "The file_url, as it came.")));
        var responses = new LinkedHashMap<String, Object>();
        responses.put("200", Map.of("description", "The file, with the provider's Content-Type and length, and a "
                + "Content-Disposition naming it.", "content", Map.of("application/octet-stream",
                Map.of("schema", Map.of("type", "string", "format", "binary")))));
        OpenApiDocument.errors(responses, Map.of(
                "400", "A file_url this account was not given, or an integration without downloads.",
                "401", "Missing or wrong API token, or the provider refused the account's credentials.",
                "404", "Unknown integrated account, or the provider has no such file.",
                "502", "The provider failed, linked outside its hosts, or the file is over the size limit.",
                "504", "The provider did not answer in time."));
        operation.put("responses", responses);
        return operation;
    }

    /** A write's body; per field, which integrations require it and which take it. */
    private Map<String, Object> requestSchema(String method) {
        var properties = new LinkedHashMap<String, Object>();
        for (String field : model.methods().get(method).body()) {
            var schema = JsonSchemas.of(model.requestFields().get(field));
            var requiredIn = new ArrayList<String>();
            var supportedIn = new ArrayList<String>();
            var valuesIn = new LinkedHashMap<String, Object>();
            for (String integration : catalog.integrationNames()) {
                var write = catalog.operation(integration, model.resource(), method);
                if (write.isEmpty()) {
                    continue;
                }
                var rules = write.get().rules();
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

    /** The unified object; per field, which integrations' answers fill it. */
    private Map<String, Object> responseSchema(Map<String, Object> schemas) {
        var properties = new LinkedHashMap<String, Object>();
        model.responseFields().forEach((field, fieldSchema) -> {
            var schema = published(fieldSchema, schemas);
            var filledBy = new ArrayList<String>();
            for (String integration : catalog.integrationNames()) {
                boolean fills = model.methods().keySet().stream()
                        .flatMap(method -> catalog.operation(integration, model.resource(), method).stream())
                        .anyMatch(operation -> operation.fills().contains(field));
                if (fills) {
                    filledBy.add(integration);
                }
            }
            schema.put("x-switchboard-filled-by", filledBy);
            properties.put(field, schema);
        });
        var schema = new LinkedHashMap<String, Object>();
        schema.put("type", "object");
        if (model.description() != null) {
            schema.put("description", model.description() + " Fields the provider did not give are absent, not null.");
        }
        schema.put("properties", properties);
        return schema;
    }

    /** A field's schema, with its titled objects (its own or its items') published as components. */
    private static Map<String, Object> published(FieldSchema field, Map<String, Object> schemas) {
        var schema = JsonSchemas.of(field);
        if (field.items() != null && field.items().title() != null) {
            schemas.put(field.items().title(), JsonSchemas.of(field.items()));
            schema.put("items", OpenApiDocument.ref(field.items().title()));
        } else if (field.title() != null) {
            schemas.put(field.title(), schema);
            var reference = new LinkedHashMap<String, Object>(OpenApiDocument.ref(field.title()));
            return reference;
        }
        return schema;
    }

    /** The query and header parameters of every write: the account, the answer's options, an Idempotency-Key. */
    private ArrayList<Object> writeParameters(String insteadOf) {
        return new ArrayList<>(List.of(
                OpenApiDocument.query("integrated_account_id", true, Map.of("type", "string"),
                        "The connected account to act on."),
                OpenApiDocument.query("truto_response_format", false, Map.of("type", "string",
                        "enum", List.of("unified", "raw", "normalized", "stream"), "default", "unified"),
                        "The shape of the answer."),
                OpenApiDocument.query("truto_ignore_remote_data", false, Map.of("type", "boolean", "default", false),
                        "Drop remote_data from the unified answer."),
                OpenApiDocument.arrayQuery("truto_exclude_fields[]", new ArrayList<>(model.responseFields().keySet()),
                        "Top-level response fields to drop."),
                header("Idempotency-Key", "Makes retries safe: a retry with the same key and request gets the "
                        + "first answer (marked idempotent-replayed: true) instead of " + insteadOf + ".")));
    }

    private static Map<String, String> writeErrors(String badRequest, String notFound, String refusal) {
        return Map.of(
                "400", badRequest,
                "401", "Missing or wrong API token, or the provider refused the account's credentials.",
                "404", notFound,
                "409", "A request with this Idempotency-Key is still running.",
                "422", "The Idempotency-Key was used with another request, or " + refusal + ".",
                "429", "Rate limited; Retry-After says when to retry.",
                "502", "The provider failed or answered unreadably.",
                "504", "The provider did not answer in time.");
    }

    private static Map<String, Object> header(String name, String description) {
        return Map.of("name", name, "in", "header", "required", false, "description", description,
                "schema", Map.of("type", "string", "minLength", 1, "maxLength", 255));
    }
}
