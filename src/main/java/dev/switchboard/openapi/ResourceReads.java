package dev.switchboard.openapi;

import dev.switchboard.catalog.Catalog;
import dev.switchboard.catalog.UnifiedModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The read operations of a resource: a page of it, and one by id. */
final class ResourceReads {

    private ResourceReads() {
    }

    static Map<String, Object> list(Catalog catalog, UnifiedModel model, ResourceNames names) {
        var parameters = new ArrayList<Object>(common(catalog, model, "list"));
        parameters.add(1 + filters(model, "list").size(), OpenApiDocument.query("limit", false, Map.of("type",
                "integer", "minimum", 1, "maximum", 100, "default", 100), "The most " + model.plural() + " in one page."));
        parameters.add(2 + filters(model, "list").size(), OpenApiDocument.query("next_cursor", false,
                Map.of("type", "string"),
                "The next_cursor of the previous page, as it came; absent or empty for the first page."));
        var operation = new LinkedHashMap<String, Object>();
        operation.put("operationId", "list" + names.tag());
        operation.put("summary", "List " + model.plural() + ", a page at a time");
        var description = new ArrayList<String>();
        description.add("Integrations: " + String.join(", ", Supporting.labels(catalog, model, "list")) + ".");
        description.addAll(Supporting.refusals(catalog, model, "list"));
        description.add("Follow next_cursor until it is null.");
        operation.put("description", String.join(" ", description));
        operation.put("tags", List.of(names.tag()));
        operation.put("parameters", parameters);
        var responses = new LinkedHashMap<String, Object>();
        responses.put("200", Map.of("description", "A page of " + model.plural() + ". With truto_response_format=raw, "
                        + "the provider's page as it came, and the next cursor in x-switchboard-next-cursor.",
                "headers", Map.of("x-switchboard-next-cursor", Map.of("schema", Map.of("type", "string"))),
                "content", Map.of("application/json", Map.of("schema",
                        OpenApiDocument.ref(names.singular() + "List")))));
        OpenApiDocument.errors(responses, readErrors("A missing required filter, a filter the integration cannot "
                + "apply, a limit out of range, or a next_cursor this account did not give for this list."));
        operation.put("responses", responses);
        return operation;
    }

    static Map<String, Object> get(Catalog catalog, UnifiedModel model, ResourceNames names) {
        var parameters = new ArrayList<Object>(common(catalog, model, "get"));
        parameters.add(0, Map.of("name", "id", "in", "path", "required", true, "schema", Map.of("type", "string")));
        var operation = new LinkedHashMap<String, Object>();
        operation.put("operationId", "get" + names.singular());
        operation.put("summary", "Get one " + model.noun() + " by id");
        var description = new ArrayList<String>();
        description.add("Integrations: " + String.join(", ", Supporting.labels(catalog, model, "get")) + ".");
        description.addAll(Supporting.refusals(catalog, model, "get"));
        operation.put("description", String.join(" ", description));
        operation.put("tags", List.of(names.tag()));
        operation.put("parameters", parameters);
        var responses = new LinkedHashMap<String, Object>();
        responses.put("200", OpenApiDocument.json("The " + model.noun() + ".", names.singular()));
        OpenApiDocument.errors(responses, readErrors("A missing required filter, or an integration that cannot "
                + "fetch a single " + model.noun() + "."));
        operation.put("responses", responses);
        return operation;
    }

    static Map<String, Object> pageSchema(ResourceNames names) {
        return Map.of("type", "object", "required", List.of("result", "next_cursor", "result_count"),
                "properties", Map.of(
                        "result", Map.of("type", "array", "items", OpenApiDocument.ref(names.singular())),
                        "next_cursor", Map.of("type", List.of("string", "null"),
                                "description", "Pass back as next_cursor for the next page; null on the last."),
                        "result_count", Map.of("type", "integer")));
    }

    private static List<String> filters(UnifiedModel model, String method) {
        return model.methods().get(method).query();
    }

    private static List<Object> common(Catalog catalog, UnifiedModel model, String method) {
        var parameters = new ArrayList<Object>(List.of(
                OpenApiDocument.query("integrated_account_id", true, Map.of("type", "string"),
                        "The connected account to read from.")));
        for (String filter : filters(model, method)) {
            var requiredIn = new ArrayList<String>();
            for (String integration : catalog.integrationNames()) {
                catalog.operation(integration, model.resource(), method)
                        .filter(operation -> operation.rules().required().contains(filter))
                        .ifPresent(operation -> requiredIn.add(operation.integration().label()));
            }
            var field = model.requestFields().get(filter);
            String description = (field.description() == null ? filter : field.description())
                    + (requiredIn.isEmpty() ? "" : " Required by " + String.join(", ", requiredIn) + ".");
            // Required where every integration that offers the method requires it.
            boolean required = !requiredIn.isEmpty()
                    && requiredIn.size() == Supporting.labels(catalog, model, method).size();
            parameters.add(OpenApiDocument.query(filter, required, Map.of("type", "string"), description));
        }
        parameters.addAll(List.of(
                OpenApiDocument.query("truto_response_format", false, Map.of("type", "string",
                        "enum", List.of("unified", "raw", "normalized", "stream"), "default", "unified"),
                        "The shape of the answer."),
                OpenApiDocument.query("truto_ignore_remote_data", false, Map.of("type", "boolean", "default", false),
                        "Drop remote_data from each " + model.noun() + "."),
                OpenApiDocument.arrayQuery("truto_exclude_fields[]", new ArrayList<>(model.responseFields().keySet()),
                        "Top-level fields to drop from each " + model.noun() + ".")));
        parameters.addAll(OpenApiDocument.remoteQuery(catalog, model));
        return parameters;
    }

    private static Map<String, String> readErrors(String badRequest) {
        return Map.of("400", badRequest,
                "401", "Missing or wrong API token, or the provider refused the account's credentials.",
                "404", "Unknown integrated account, or the provider has no such record.",
                "429", "Rate limited; Retry-After says when to retry.",
                "502", "The provider failed or answered unreadably.",
                "504", "The provider did not answer in time.");
    }
}
