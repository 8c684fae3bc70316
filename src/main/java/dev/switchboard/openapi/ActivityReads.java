package dev.switchboard.openapi;

import dev.switchboard.catalog.Catalog;
import dev.switchboard.catalog.UnifiedModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The read operations of activities: a candidate's page of them, and one by id. */
final class ActivityReads {

    private static final String RESOURCE = "ats/activities";

    private ActivityReads() {
    }

    static Map<String, Object> list(Catalog catalog, UnifiedModel model) {
        var parameters = new ArrayList<Object>(common(catalog, model));
        parameters.add(2, OpenApiDocument.query("limit", false, Map.of("type", "integer", "minimum", 1, "maximum", 100,
                "default", 100), "The most activities in one page."));
        parameters.add(3, OpenApiDocument.query("next_cursor", false, Map.of("type", "string"),
                "The next_cursor of the previous page, as it came; absent or empty for the first page."));
        var operation = new LinkedHashMap<String, Object>();
        operation.put("operationId", "listActivities");
        operation.put("summary", "List a candidate's activities, a page at a time");
        operation.put("description", "Integrations: " + String.join(", ", supporting(catalog, "list"))
                + ". Deleted notes are not listed. Follow next_cursor until it is null.");
        operation.put("tags", List.of("Activities"));
        operation.put("parameters", parameters);
        var responses = new LinkedHashMap<String, Object>();
        responses.put("200", Map.of("description", "A page of activities. With truto_response_format=raw, the "
                        + "provider's page as it came, and the next cursor in x-switchboard-next-cursor.",
                "headers", Map.of("x-switchboard-next-cursor", Map.of("schema", Map.of("type", "string"))),
                "content", Map.of("application/json", Map.of("schema", OpenApiDocument.ref("ActivityList")))));
        OpenApiDocument.errors(responses, readErrors("A missing candidate_id, a limit out of range, or a "
                + "next_cursor this account and candidate did not give."));
        operation.put("responses", responses);
        return operation;
    }

    static Map<String, Object> get(Catalog catalog, UnifiedModel model) {
        var parameters = new ArrayList<Object>(common(catalog, model));
        parameters.add(0, Map.of("name", "id", "in", "path", "required", true, "schema", Map.of("type", "string")));
        var operation = new LinkedHashMap<String, Object>();
        operation.put("operationId", "getActivity");
        operation.put("summary", "Get one activity by id");
        operation.put("description", "Integrations: " + String.join(", ", supporting(catalog, "get"))
                + ". Others answer 400: list the candidate's activities instead.");
        operation.put("tags", List.of("Activities"));
        operation.put("parameters", parameters);
        var responses = new LinkedHashMap<String, Object>();
        responses.put("200", OpenApiDocument.json("The activity.", "Activity"));
        OpenApiDocument.errors(responses, readErrors("A missing candidate_id, or an integration that cannot fetch "
                + "a single activity."));
        operation.put("responses", responses);
        return operation;
    }

    static Map<String, Object> pageSchema() {
        return Map.of("type", "object", "required", List.of("result", "next_cursor", "result_count"),
                "properties", Map.of(
                        "result", Map.of("type", "array", "items", OpenApiDocument.ref("Activity")),
                        "next_cursor", Map.of("type", List.of("string", "null"),
                                "description", "Pass back as next_cursor for the next page; null on the last."),
                        "result_count", Map.of("type", "integer")));
    }

    private static List<Object> common(Catalog catalog, UnifiedModel model) {
        var parameters = new ArrayList<Object>(List.of(
                OpenApiDocument.query("integrated_account_id", true, Map.of("type", "string"),
                        "The connected account to read from."),
                OpenApiDocument.query("candidate_id", true, Map.of("type", "string"),
                        "The candidate whose activities to read (in Lever, the opportunity id)."),
                OpenApiDocument.query("truto_response_format", false, Map.of("type", "string",
                        "enum", List.of("unified", "raw", "normalized"), "default", "unified"), "The shape of the answer."),
                OpenApiDocument.query("truto_ignore_remote_data", false, Map.of("type", "boolean", "default", false),
                        "Drop remote_data from each activity."),
                OpenApiDocument.arrayQuery("truto_exclude_fields[]", new ArrayList<>(model.responseFields().keySet()),
                        "Top-level fields to drop from each activity.")));
        parameters.addAll(OpenApiDocument.remoteQuery(catalog));
        return parameters;
    }

    private static Map<String, String> readErrors(String badRequest) {
        return Map.of("400", badRequest,
                "401", "Missing or wrong API token, or the provider refused the account's credentials.",
                "404", "Unknown integrated account, or the provider has no such candidate or activity.",
                "429", "Rate limited; Retry-After says when to retry.",
                "502", "The provider failed or answered unreadably.",
                "504", "The provider did not answer in time.");
    }

    private static List<String> supporting(Catalog catalog, String method) {
        return catalog.integrationNames().stream()
                .filter(name -> catalog.operation(name, RESOURCE, method).isPresent())
                .map(name -> catalog.integration(name).orElseThrow().label()).toList();
    }
}
