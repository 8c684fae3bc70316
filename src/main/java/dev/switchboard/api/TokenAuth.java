package dev.switchboard.api;

import dev.switchboard.error.ApiException;
import dev.switchboard.tokens.TokenAuthority;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.Set;

/** Lets a request through only with a valid API token, and remembers its environment. */
final class TokenAuth implements Handler {

    /** Liveness, readiness, the API's description and the pages' icon need no token; everything else does. */
    private static final Set<String> OPEN_PATHS = Set.of("/health", "/ready", "/openapi.json", "/docs",
            "/favicon.ico", "/favicon.svg");
    private static final String ENVIRONMENT = "switchboard.environment";

    private final TokenAuthority authority;

    TokenAuth(TokenAuthority authority) {
        this.authority = authority;
    }

    @Override
    public void handle(Context ctx) {
        if (OPEN_PATHS.contains(ctx.path()) || ctx.path().startsWith(DocsController.ASSETS + "/")
                || ConnectController.OPEN_PATHS.contains(ctx.path())) {
            return; // the API's description, and the connect page, which its link token authorizes
        }
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw ApiException.of(401, "missing API token: send 'Authorization: Bearer <token>'")
                    .withHeader("WWW-Authenticate", "Bearer");
        }
        String environment = authority.environmentOf(header.substring(7).trim())
                .orElseThrow(() -> ApiException.of(401, "invalid API token")
                        .withHeader("WWW-Authenticate", "Bearer error=\"invalid_token\""));
        ctx.attribute(ENVIRONMENT, environment);
    }

    /** The environment of the request's token; set for every authenticated request. */
    static String environment(Context ctx) {
        return ctx.attribute(ENVIRONMENT);
    }
}
