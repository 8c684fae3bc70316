package dev.switchboard.remote;

import dev.switchboard.catalog.AuthRule;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Turns an account's credentials into the header its integration expects (usually Authorization). */
public final class AuthHeaders {

    private AuthHeaders() {
    }

    /** The header from the first rule whose credential the context holds. */
    public static Optional<Map.Entry<String, String>> authorization(List<AuthRule> rules, Map<String, Object> context) {
        for (AuthRule rule : rules) {
            Optional<String> credential = lookup(context, rule.credentialPath());
            if (credential.isPresent()) {
                return Optional.of(switch (rule.scheme()) {
                    case "basic" -> Map.entry("Authorization", "Basic " + Base64.getEncoder()
                            .encodeToString((credential.get() + ":").getBytes(StandardCharsets.UTF_8)));
                    case "bearer" -> Map.entry("Authorization", "Bearer " + credential.get());
                    case "header" -> Map.entry(rule.header(), (rule.prefix() == null ? "" : rule.prefix())
                            + credential.get());
                    default -> throw new IllegalStateException("unknown scheme " + rule.scheme());
                });
            }
        }
        return Optional.empty();
    }

    private static Optional<String> lookup(Map<String, Object> context, String dottedPath) {
        Object value = context;
        for (String part : dottedPath.split("\\.")) {
            if (!(value instanceof Map<?, ?> map)) {
                return Optional.empty();
            }
            value = map.get(part);
        }
        return value instanceof String text && !text.isEmpty() ? Optional.of(text) : Optional.empty();
    }
}
