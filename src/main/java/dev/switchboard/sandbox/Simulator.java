package dev.switchboard.sandbox;

import dev.switchboard.mapping.Json;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/** What the simulated providers share: reading bodies and credentials, writing JSON. */
final class Simulator {

    private Simulator() {
    }

    /** The body as a JSON object, or empty when it is not one. */
    static Optional<Map<String, Object>> jsonObject(Context ctx) {
        try {
            return Json.asObject(Json.parse(ctx.bodyAsBytes()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static void json(Context ctx, int status, Object body) {
        ctx.status(status).contentType("application/json; charset=utf-8").result(Json.write(body));
    }

    /** The user name of a Basic header whose password is empty, as API-key auth sends it. */
    static Optional<String> basicUser(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || !header.startsWith("Basic ")) {
            return Optional.empty();
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? Optional.empty() : Optional.of(decoded.substring(0, colon));
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }

    static Optional<String> bearer(Context ctx) {
        String header = ctx.header("Authorization");
        return header != null && header.startsWith("Bearer ") ? Optional.of(header.substring(7).trim())
                : Optional.empty();
    }

    static boolean isNonBlankString(Object value) {
        return value instanceof String text && !text.isBlank();
    }
}
