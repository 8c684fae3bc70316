package dev.switchboard.openapi;

import dev.switchboard.accounts.AccountEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code /link-token} and {@code /webhook}: connecting accounts, and hearing about them. */
final class ConnectOperations {

    private ConnectOperations() {
    }

    static void addPaths(Map<String, Object> paths) {
        paths.put("/link-token", Map.of("post", operation("createLinkToken", "Connect",
                "A single-use link to the connect page, for 30 minutes",
                "Give the url to your user: on the connect page they choose their system and enter its credentials, "
                        + "or consent at the provider (Lever). Credentials are checked with the provider before the "
                        + "account is stored. With integrated_account_id instead of tenant_id, the page reconnects that "
                        + "account. The page tells a window opened from origin by postMessage ({event: success, error or "
                        + "closed, integrated_account_id}), and sends the browser to redirect_uri with event and "
                        + "integrated_account_id.",
                "LinkTokenRequest", "201", "The link.", "LinkToken",
                Map.of("400", "tenant_id and integrated_account_id both or neither, an unknown integration, a bad URL.",
                        "404", "No such account in this token's environment."))));
        var webhooks = new LinkedHashMap<String, Object>();
        webhooks.put("post", operation("createWebhook", "Webhooks", "Send this environment's account events to a URL",
                "Events are integrated_account:created, :updated, :active, :authentication_error and :deleted, with "
                        + "the account as the API shows it. Each is signed per Standard Webhooks (webhook-id, "
                        + "webhook-timestamp, webhook-signature: v1,<base64 HMAC-SHA256 of id.timestamp.body>) with "
                        + "the secret answered here once. Delivery is at least once, retried for 24 hours; redirects "
                        + "are not followed. The URL must be https and not on a private network.",
                "WebhookRequest", "201", "The webhook, with its secret (shown this once).", "WebhookCreated",
                Map.of("400", "An unsafe URL or an unknown event.")));
        webhooks.put("get", operation("listWebhooks", "Webhooks", "This environment's webhooks", null, null, "200",
                "The webhooks.", "WebhookList", Map.of()));
        paths.put("/webhook", webhooks);
        var one = new LinkedHashMap<String, Object>();
        one.put("get", withId(operation("getWebhook", "Webhooks", "One webhook", null, null, "200", "The webhook.",
                "Webhook", Map.of("404", "No such webhook in this environment."))));
        one.put("delete", withId(operation("deleteWebhook", "Webhooks", "Delete a webhook and what it had still to send",
                null, null, "200", "Deleted.", "DeletedWebhook", Map.of("404", "No such webhook in this environment."))));
        paths.put("/webhook/{id}", one);
        paths.put("/webhook/{id}/deliveries", Map.of("get", withId(operation("listWebhookDeliveries", "Webhooks",
                "What was sent to a webhook, newest first", null, null, "200", "The last 100 deliveries.",
                "WebhookDeliveryList", Map.of("404", "No such webhook in this environment.")))));
    }

    /** @param integrations the catalog's integrations: the example offers the first two of them */
    static void addSchemas(Map<String, Object> schemas, List<String> integrations) {
        var text = Map.of("type", "string");
        schemas.put("LinkTokenRequest", Map.of("type", "object", "properties", Map.of(
                "tenant_id", Map.of("type", "string", "description", "The tenant a new account is for."),
                "integrated_account_id", Map.of("type", "string", "description", "The account to reconnect."),
                "integrations", Map.of("type", "array", "items", text, "description", "Which to offer; all by default."),
                "redirect_uri", Map.of("type", "string", "format", "uri"),
                "origin", Map.of("type", "string", "description", "The origin of the window that opens the page.")),
                "example", ordered("tenant_id", "acme", "integrations", integrations.stream().limit(2).toList(),
                        "origin", "https://app.example.com")));
        schemas.put("LinkToken", Map.of("type", "object", "properties", Map.of("link_token", text,
                "url", Map.of("type", "string", "format", "uri"), "expires_at", Map.of("type", "string",
                        "format", "date-time")),
                "example", ordered("link_token", "lt_2f8c…", "url",
                        "https://switchboard.example.com/connect?link_token=lt_2f8c…", "expires_at", "2026-11-29T10:45:30Z")));
        var events = Map.of("type", "array", "items", Map.of("type", "string", "enum", AccountEvent.TYPES));
        schemas.put("WebhookRequest", Map.of("type", "object", "required", List.of("url"), "properties",
                Map.of("url", Map.of("type", "string", "format", "uri"), "events", events),
                "example", Map.of("url", "https://app.example.com/hooks/switchboard")));
        var webhook = Map.<String, Object>of("id", text, "url", text, "events", events, "created_at",
                Map.of("type", "string", "format", "date-time"));
        schemas.put("Webhook", Map.of("type", "object", "properties", webhook));
        var created = new LinkedHashMap<String, Object>(webhook);
        created.put("secret", Map.of("type", "string", "description", "whsec_…: verify signatures with it."));
        schemas.put("WebhookCreated", Map.of("type", "object", "properties", created, "example", ordered(
                "id", "wh_6c1e…", "url", "https://app.example.com/hooks/switchboard", "events", AccountEvent.TYPES,
                "created_at", "2026-11-29T10:15:30Z", "secret", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")));
        schemas.put("WebhookList", Map.of("type", "object", "properties", Map.of("result",
                Map.of("type", "array", "items", OpenApiDocument.ref("Webhook")), "next_cursor",
                Map.of("type", List.of("string", "null")))));
        schemas.put("DeletedWebhook", Map.of("type", "object", "properties", Map.of("id", text)));
        schemas.put("WebhookDelivery", Map.of("type", "object", "properties", Map.of("id", text, "event", text,
                "status", Map.of("type", "string", "enum", List.of("pending", "delivered", "failed")),
                "attempts", Map.of("type", "integer"), "created_at", text, "delivered_at", text,
                "next_attempt_at", text, "last_status", Map.of("type", "integer"), "last_error", text)));
        schemas.put("WebhookDeliveryList", Map.of("type", "object", "properties", Map.of("result",
                Map.of("type", "array", "items", OpenApiDocument.ref("WebhookDelivery")), "next_cursor",
                Map.of("type", List.of("string", "null")))));
    }

    private static Map<String, Object> operation(String id, String tag, String summary, String description,
            String requestSchema, String status, String answer, String answerSchema, Map<String, String> errors) {
        var operation = new LinkedHashMap<String, Object>();
        operation.put("operationId", id);
        operation.put("tags", List.of(tag));
        operation.put("summary", summary);
        if (description != null) {
            operation.put("description", description);
        }
        if (requestSchema != null) {
            operation.put("requestBody", Map.of("required", true, "content",
                    Map.of("application/json", Map.of("schema", OpenApiDocument.ref(requestSchema)))));
        }
        var responses = new LinkedHashMap<String, Object>();
        responses.put(status, OpenApiDocument.json(answer, answerSchema));
        OpenApiDocument.errors(responses, errors);
        operation.put("responses", responses);
        return operation;
    }

    /** An example in the order it is written: the document must be the same at every build. */
    private static Map<String, Object> ordered(Object... keysAndValues) {
        var map = new LinkedHashMap<String, Object>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static Map<String, Object> withId(Map<String, Object> operation) {
        var copy = new LinkedHashMap<>(operation);
        copy.put("parameters", List.of(Map.of("name", "id", "in", "path", "required", true,
                "schema", Map.of("type", "string"))));
        return copy;
    }
}
