package dev.switchboard.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How to authenticate with the credentials in an account's context.
 *
 * <p>An integration lists several rules; the first whose context keys are present wins
 * (Lever: an OAuth token if the account has one, else its API key). Values are dotted
 * paths into the context, never the secrets themselves.
 *
 * @param scheme   {@code basic} (username, empty password) or {@code bearer}
 * @param username context path of the Basic user name
 * @param token    context path of the bearer token
 */
public record AuthRule(
        @JsonProperty("scheme") String scheme,
        @JsonProperty("username") String username,
        @JsonProperty("token") String token) {

    public AuthRule {
        if (scheme == null) {
            throw new IllegalArgumentException("auth rule needs 'scheme'");
        }
        switch (scheme) {
            case "basic" -> require(username, "username", scheme);
            case "bearer" -> require(token, "token", scheme);
            default -> throw new IllegalArgumentException(
                    "auth scheme must be 'basic' or 'bearer', not '" + scheme + "'");
        }
    }

    private static void require(String value, String key, String scheme) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("auth scheme '" + scheme + "' needs '" + key + "'");
        }
    }

    /** The context path this rule reads its secret from. */
    public String credentialPath() {
        return scheme.equals("basic") ? username : token;
    }
}
