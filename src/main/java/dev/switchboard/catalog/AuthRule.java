package dev.switchboard.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How to authenticate with the credentials in an account's context.
 *
 * <p>An integration lists several rules; the first whose context keys are present wins
 * (Lever: an OAuth token if the account has one, else its API key). Values are dotted
 * paths into the context, never the secrets themselves.
 *
 * @param scheme   {@code basic} (username, empty password), {@code bearer}, or {@code header}:
 *                 the token after a fixed prefix in a named header (Teamtailor's
 *                 {@code Authorization: Token token=…})
 * @param username context path of the Basic user name
 * @param token    context path of the bearer or header token
 * @param header   for {@code header}: the header's name
 * @param prefix   for {@code header}: the text before the token
 */
public record AuthRule(
        @JsonProperty("scheme") String scheme,
        @JsonProperty("username") String username,
        @JsonProperty("token") String token,
        @JsonProperty("header") String header,
        @JsonProperty("prefix") String prefix) {

    public AuthRule {
        if (scheme == null) {
            throw new IllegalArgumentException("auth rule needs 'scheme'");
        }
        switch (scheme) {
            case "basic" -> require(username, "username", scheme);
            case "bearer" -> require(token, "token", scheme);
            case "header" -> {
                require(token, "token", scheme);
                require(header, "header", scheme);
                if (!header.matches("[A-Za-z0-9-]+") || (prefix != null && !prefix.matches("[\\x20-\\x7e]*"))) {
                    throw new IllegalArgumentException("auth header name and prefix must be plain header text");
                }
            }
            default -> throw new IllegalArgumentException(
                    "auth scheme must be 'basic', 'bearer' or 'header', not '" + scheme + "'");
        }
        if (!scheme.equals("header") && (header != null || prefix != null)) {
            throw new IllegalArgumentException("'header' and 'prefix' belong to auth scheme 'header'");
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
