package dev.switchboard.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * How an integration's OAuth2 access tokens are refreshed.
 *
 * @param tokenUrls            the provider's token endpoints (https), by the API host an account
 *                             calls: Lever's sandbox API has a token endpoint of its own. Only the
 *                             catalog names them; an account never chooses where its refresh token,
 *                             and the operator's client secret, are sent
 * @param tokenUrlVariable     an environment variable with which the operator (never a tenant) may
 *                             point refreshes elsewhere, e.g. at the sandbox's simulated provider
 * @param contextKey           the context key holding {@code {access_token, refresh_token, expires_at}}
 * @param clientIdVariable     the environment variable with Switchboard's OAuth client id
 * @param clientSecretVariable the environment variable with its client secret
 * @param refreshBeforeSeconds refresh this long before the token expires, not after a failure
 */
public record OAuthDefinition(
        @JsonProperty("token_urls") Map<String, String> tokenUrls,
        @JsonProperty("token_url_variable") String tokenUrlVariable,
        @JsonProperty("context_key") String contextKey,
        @JsonProperty("client_id_variable") String clientIdVariable,
        @JsonProperty("client_secret_variable") String clientSecretVariable,
        @JsonProperty("refresh_before_seconds") int refreshBeforeSeconds) {

    public OAuthDefinition {
        if (tokenUrls == null || tokenUrls.isEmpty()) {
            throw new IllegalArgumentException("oauth needs 'token_urls': API host → token endpoint");
        }
        for (String url : tokenUrls.values()) {
            if (url == null || !url.startsWith("https://") || URI.create(url).getHost() == null) {
                throw new IllegalArgumentException("oauth.token_urls must all be https URLs, not '" + url + "'");
            }
        }
        tokenUrls = Map.copyOf(tokenUrls);
        if (contextKey == null || clientIdVariable == null || clientSecretVariable == null) {
            throw new IllegalArgumentException(
                    "oauth needs 'context_key', 'client_id_variable' and 'client_secret_variable'");
        }
        if (refreshBeforeSeconds < 0) {
            throw new IllegalArgumentException("oauth.refresh_before_seconds must not be negative");
        }
    }

    /** The token endpoint for an account that calls this API host; the default host's for any other. */
    public String tokenUrlFor(String apiHost, String defaultHost) {
        return Optional.ofNullable(tokenUrls.get(apiHost)).orElseGet(() -> tokenUrls.get(defaultHost));
    }
}
