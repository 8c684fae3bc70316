package dev.switchboard.api;

import dev.switchboard.connect.ConnectFailed;
import dev.switchboard.connect.Connector;
import dev.switchboard.connect.LinkToken;
import dev.switchboard.error.ApiException;
import dev.switchboard.mapping.Json;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /link-token} (with an API token), and the connect page it leads to (without
 * one: the link token authorizes it): {@code GET /connect}, {@code POST /connect/accounts},
 * and the OAuth consent round trip, {@code /connect/oauth/start} and {@code …/callback}.
 */
final class ConnectController {

    static final List<String> OPEN_PATHS = List.of("/connect", "/connect/accounts", "/connect/oauth/start",
            Connector.CALLBACK_PATH);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Connector connector;
    private final String template;

    ConnectController(Connector connector) {
        this.connector = connector;
        try (InputStream in = ConnectController.class.getResourceAsStream("/connect/page.html")) {
            this.template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code POST /link-token}: {@code {tenant_id}} or {@code {integrated_account_id}}, and options. */
    void issue(Context ctx) {
        ctx.status(201).contentType("application/json")
                .result(Json.write(connector.issue(TokenAuth.environment(ctx), JsonBodies.object(ctx))));
    }

    /** {@code GET /connect?link_token=…}: the page, or why the link no longer works. */
    void page(Context ctx) {
        String token = ctx.queryParam("link_token");
        Optional<LinkToken> link;
        try {
            link = Optional.of(connector.open(token));
        } catch (ApiException e) {
            result(ctx, e.status(), "error", null, e.getMessage(), Optional.empty());
            return;
        }
        render(ctx, 200, connector.page(link.get(), token));
    }

    /** {@code POST /connect/accounts}: typed credentials, checked and stored. */
    void connect(Context ctx) {
        Map<String, Object> body = JsonBodies.object(ctx);
        Object context = body.get("context");
        if (!(body.get("link_token") instanceof String token) || !(body.get("integration") instanceof String integration)
                || !(context instanceof Map<?, ?>)) {
            throw ApiException.badRequest("the body takes link_token, integration and context");
        }
        @SuppressWarnings("unchecked")
        var connected = connector.connect(token, integration, (Map<String, Object>) context, RequestLog.trace(ctx),
                ctx.ip());
        var answer = new LinkedHashMap<String, Object>();
        answer.put("event", "success");
        answer.put("integrated_account_id", connected.account().id());
        ctx.status(connected.reconnected() ? 200 : 201).contentType("application/json").result(Json.write(answer));
    }

    /** {@code GET /connect/oauth/start}: to the provider's consent page. */
    void start(Context ctx) {
        noReferrer(ctx);
        // The nonce stays in this browser: an authorize URL handed to someone else cannot complete.
        byte[] nonceBytes = new byte[24];
        RANDOM.nextBytes(nonceBytes);
        String nonce = Base64.getUrlEncoder().withoutPadding().encodeToString(nonceBytes);
        String location = connector.authorize(ctx.queryParam("link_token"), ctx.queryParam("integration"), nonce);
        // Lax: sent on the provider's top-level redirect back to the callback, on no cross-site request else.
        ctx.header("Set-Cookie", Connector.BROWSER_COOKIE + "=" + nonce + "; Path=" + Connector.CALLBACK_PATH
                + "; Max-Age=600; HttpOnly; SameSite=Lax" + (connector.reachedOverHttps() ? "; Secure" : ""));
        ctx.redirect(location);
    }

    /** {@code GET /connect/oauth/callback}: the provider's answer, shown and told to the opener. */
    void callback(Context ctx) {
        try {
            var connected = connector.callback(ctx.queryParam("state"),
                    Optional.ofNullable(ctx.cookie(Connector.BROWSER_COOKIE)), Optional.ofNullable(ctx.queryParam("code")),
                    Optional.ofNullable(ctx.queryParam("error")), RequestLog.trace(ctx));
            result(ctx, 200, "success", connected.account().id(), connected.label() + " is connected.",
                    Optional.of(connected.link()));
        } catch (ConnectFailed failed) {
            result(ctx, failed.error().status(), "error", null, failed.error().getMessage(), failed.link());
        }
    }

    private void result(Context ctx, int status, String event, String accountId, String message,
            Optional<LinkToken> link) {
        var data = new LinkedHashMap<String, Object>();
        data.put("mode", "result");
        data.put("event", event);
        data.put("integrated_account_id", accountId);
        data.put("message", message);
        data.put("origin", link.flatMap(LinkToken::origin).orElse(null));
        data.put("redirect_uri", link.flatMap(LinkToken::redirectUri).orElse(null));
        render(ctx, status, data);
    }

    /**
     * The page with its data, under a policy that lets it load nothing from anywhere and
     * run only its own script; the link token in its address goes to no other site.
     */
    private void render(Context ctx, int status, Map<String, Object> data) {
        byte[] nonceBytes = new byte[18];
        RANDOM.nextBytes(nonceBytes);
        String nonce = Base64.getEncoder().encodeToString(nonceBytes);
        // Inside <script>, "<" is written \u003c, so no value can close the element.
        String json = Json.writeString(data).replace("<", "\\u003c");
        noReferrer(ctx);
        ctx.header("Content-Security-Policy", "default-src 'none'; script-src 'nonce-" + nonce + "'; style-src 'nonce-"
                + nonce + "'; connect-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; "
                + "frame-ancestors 'none'");
        ctx.header("Cache-Control", "no-store");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.status(status).contentType("text/html; charset=utf-8")
                .result(template.replace("{{nonce}}", nonce).replace("{{data}}", json));
    }

    private static void noReferrer(Context ctx) {
        ctx.header("Referrer-Policy", "no-referrer");
    }
}
