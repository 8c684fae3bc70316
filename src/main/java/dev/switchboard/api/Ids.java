package dev.switchboard.api;

import dev.switchboard.error.ApiException;
import io.javalin.http.Context;
import java.util.regex.Pattern;

/** Ids that arrive in paths and queries: checked before they reach a store or a log. */
final class Ids {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private Ids() {
    }

    static String path(Context ctx) {
        return check("id", ctx.pathParam("id"));
    }

    static String check(String name, String value) {
        if (!ID.matcher(value).matches()) {
            throw ApiException.badRequest("'" + name + "' is not a valid id");
        }
        return value;
    }
}
