package dev.switchboard.api;

import dev.switchboard.error.ApiException;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Text a store can hold: no NUL character (PostgreSQL's text cannot), no half of a
 * surrogate pair (it has no UTF-8 form), and values no longer than their limit. Checked on
 * every query parameter and every JSON body before anything reaches a store, so that bad
 * input is the caller's 400 and never the store's 503, which clients retry.
 */
final class StorableText {

    /** A query parameter's value: far more than any id, cursor or name needs. */
    static final int MAX_QUERY_VALUE = 2_048;
    /** Keys a store indexes, such as {@code tenant_id}: an index entry has a size limit. */
    static final int MAX_KEY = 256;
    private static final List<String> KEYS = List.of("tenant_id", "integrated_account_id");

    private StorableText() {
    }

    /** Every query parameter of the request; a before-handler. */
    static void checkQuery(Context ctx) {
        for (var parameter : ctx.queryParamMap().entrySet()) {
            problem(parameter.getKey()).ifPresent(why -> {
                throw refused("a query parameter's name " + why);
            });
            for (String value : parameter.getValue()) {
                int limit = KEYS.contains(parameter.getKey()) ? MAX_KEY : MAX_QUERY_VALUE;
                problem(value).or(() -> value.length() > limit ? Optional.of("is longer than " + limit + " characters")
                        : Optional.empty()).ifPresent(why -> {
                            throw refused("'" + safeName(parameter.getKey()) + "' " + why);
                        });
            }
        }
    }

    /** Every string of a parsed JSON body, keys included; {@code tenant_id} and the like at most {@link #MAX_KEY}. */
    static void checkBody(Object value, String path) {
        if (value instanceof String text) {
            problem(text).ifPresent(why -> {
                throw refused(path + " " + why);
            });
            String last = path.substring(path.lastIndexOf('.') + 1);
            if (KEYS.contains(last) && text.length() > MAX_KEY) {
                throw refused(path + " is longer than " + MAX_KEY + " characters");
            }
        } else if (value instanceof Map<?, ?> map) {
            for (var entry : map.entrySet()) {
                String key = String.valueOf(entry.getKey());
                problem(key).ifPresent(why -> {
                    throw refused("a key in " + path + " " + why);
                });
                checkBody(entry.getValue(), path + "." + key);
            }
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                checkBody(list.get(i), path + "[" + i + "]");
            }
        }
    }

    private static Optional<String> problem(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u0000') {
                return Optional.of("contains a NUL character, which cannot be stored");
            }
            if (Character.isHighSurrogate(c) && (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1)))
                    || Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(text.charAt(i - 1)))) {
                return Optional.of("contains half of a surrogate pair, which is not text");
            }
        }
        return Optional.empty();
    }

    /** A name to quote in a message: it may itself be the bad input. */
    private static String safeName(String name) {
        return problem(name).isPresent() || name.length() > 64 ? "a parameter" : name;
    }

    private static ApiException refused(String message) {
        return ApiException.badRequest(message).withCode("invalid_text");
    }
}
