package dev.switchboard.api;

import dev.switchboard.accounts.AccountEvent;
import dev.switchboard.error.ApiException;
import dev.switchboard.mapping.Json;
import dev.switchboard.webhooks.Webhook;
import dev.switchboard.webhooks.WebhookStore;
import dev.switchboard.webhooks.WebhookUrls;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /webhook}: where an environment's account events are sent, and what was sent.
 * A webhook's secret is shown once, when it is made.
 */
final class WebhooksController {

    private static final Set<String> KEYS = Set.of("url", "events");
    private static final int DELIVERIES = 100;

    private final WebhookStore webhooks;
    private final WebhookUrls urls;

    WebhooksController(WebhookStore webhooks, WebhookUrls urls) {
        this.webhooks = webhooks;
        this.urls = urls;
    }

    @SuppressWarnings("unchecked")
    void create(Context ctx) {
        Map<String, Object> body = JsonBodies.object(ctx);
        for (String key : body.keySet()) {
            if (!KEYS.contains(key)) {
                throw ApiException.badRequest("unknown key '" + key + "'; a webhook takes " + new java.util.TreeSet<>(KEYS));
            }
        }
        if (!(body.get("url") instanceof String url) || url.isBlank()) {
            throw ApiException.invalid("'url' is required", "body", List.of("url"), Map.of());
        }
        urls.refusal(url).ifPresent(why -> {
            throw ApiException.invalid("'url' cannot receive webhooks", "body", List.of(), Map.of("url", why));
        });
        List<String> events = AccountEvent.TYPES;
        if (body.get("events") != null) {
            if (!(body.get("events") instanceof List<?> given) || given.isEmpty()
                    || !given.stream().allMatch(AccountEvent.TYPES::contains)) {
                throw ApiException.invalid("'events' must list event names", "body", List.of(),
                        Map.of("events", "must be a non-empty list of " + AccountEvent.TYPES));
            }
            events = (List<String>) given;
        }
        Webhook webhook = webhooks.create(TokenAuth.environment(ctx), url, events).orElseThrow(() -> ApiException.of(409,
                "this environment already has " + webhooks.perEnvironment() + " webhooks, as many as it may "
                        + "(SWITCHBOARD_WEBHOOKS_PER_ENVIRONMENT); delete one first").withCode("webhook_limit_reached"));
        Map<String, Object> shown = view(webhook);
        shown.put("secret", webhook.secret());
        json(ctx.status(201), shown);
    }

    void list(Context ctx) {
        var answer = new LinkedHashMap<String, Object>();
        answer.put("result", webhooks.list(TokenAuth.environment(ctx)).stream().map(WebhooksController::view).toList());
        answer.put("next_cursor", null);
        json(ctx, answer);
    }

    void get(Context ctx) {
        json(ctx, view(find(ctx)));
    }

    void delete(Context ctx) {
        Webhook webhook = find(ctx);
        webhooks.delete(webhook.environment(), webhook.id());
        json(ctx, Map.of("id", webhook.id()));
    }

    void deliveries(Context ctx) {
        Webhook webhook = find(ctx);
        var answer = new LinkedHashMap<String, Object>();
        answer.put("result", webhooks.deliveries(webhook.id(), DELIVERIES));
        answer.put("next_cursor", null);
        json(ctx, answer);
    }

    private Webhook find(Context ctx) {
        String id = ctx.pathParam("id");
        return webhooks.find(TokenAuth.environment(ctx), id)
                .orElseThrow(() -> ApiException.of(404, "no webhook with id '" + id + "'"));
    }

    private static Map<String, Object> view(Webhook webhook) {
        var view = new LinkedHashMap<String, Object>();
        view.put("id", webhook.id());
        view.put("url", webhook.url());
        view.put("events", webhook.events());
        view.put("created_at", dev.switchboard.mapping.Timestamps.format(webhook.createdAt()));
        return view;
    }

    private static void json(Context ctx, Object body) {
        ctx.contentType("application/json").result(Json.write(body));
    }
}
