package dev.switchboard.api;

import dev.switchboard.error.ApiException;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.Set;

/** Lets a request through only with the server's API token as its bearer token. */
final class TokenAuth implements Handler {

    private static final Set<String> OPEN_PATHS = Set.of("/health");

    private final Optional<byte[]> token;

    TokenAuth(Optional<String> token) {
        this.token = token.map(t -> t.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void handle(Context ctx) {
        if (OPEN_PATHS.contains(ctx.path())) {
            return;
        }
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw ApiException.of(401, "missing API token: send 'Authorization: Bearer <token>'");
        }
        if (token.isEmpty()) {
            throw ApiException.of(401, "this server has no API token configured (SWITCHBOARD_API_TOKEN)");
        }
        byte[] given = header.substring(7).trim().getBytes(StandardCharsets.UTF_8);
        // Constant time: the comparison must not tell how much of a guess was right.
        if (!MessageDigest.isEqual(given, token.get())) {
            throw ApiException.of(401, "invalid API token");
        }
    }
}
