package dev.switchboard.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How an integration's OAuth2 access tokens are refreshed.
 *
 * @param tokenUrl             the provider's token endpoint (an account's {@code token_url} may override it)
 * @param contextKey           the context key holding {@code {access_token, refresh_token, expires_at}}
 * @param clientIdVariable     the environment variable with Switchboard's OAuth client id
 * @param clientSecretVariable the environment variable with its client secret
 * @param refreshBeforeSeconds refresh this long before the token expires, not after a failure
 */
public record OAuthDefinition(
        @JsonProperty("token_url") String tokenUrl,
        @JsonProperty("context_key") String contextKey,
        @JsonProperty("client_id_variable") String clientIdVariable,
        @JsonProperty("client_secret_variable") String clientSecretVariable,
        @JsonProperty("refresh_before_seconds") int refreshBeforeSeconds) {

    public OAuthDefinition {
        if (tokenUrl == null || !tokenUrl.startsWith("https://")) {
            throw new IllegalArgumentException("oauth.token_url must be an https URL");
        }
        if (contextKey == null || clientIdVariable == null || clientSecretVariable == null) {
            throw new IllegalArgumentException(
                    "oauth needs 'context_key', 'client_id_variable' and 'client_secret_variable'");
        }
        if (refreshBeforeSeconds < 0) {
            throw new IllegalArgumentException("oauth.refresh_before_seconds must not be negative");
        }
    }
}
