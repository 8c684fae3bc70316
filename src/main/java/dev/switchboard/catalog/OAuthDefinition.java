package dev.switchboard.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How an integration's OAuth2 access tokens are obtained and kept fresh.
 *
 * <p>Two grants: {@code refresh_token} (Lever), where the account holds tokens from a
 * consent and Switchboard's own client id and secret refresh them; and
 * {@code client_credentials} (Greenhouse Harvest v3), where the account holds the customer's
 * client id and secret, and Switchboard fetches an access token with them, sending the
 * {@code token_parameters} (Greenhouse's {@code sub}, the user who acts) from the context.
 *
 * @param grant                {@code refresh_token} (the default) or {@code client_credentials}
 * @param tokenUrls            the provider's token endpoints (https), by the API host an account
 *                             calls: Lever's sandbox API has a token endpoint of its own. Only the
 *                             catalog names them; an account never chooses where its refresh token,
 *                             and the operator's client secret, are sent
 * @param tokenUrlVariable     an environment variable with which the operator (never a tenant) may
 *                             point refreshes elsewhere, e.g. at the sandbox's simulated provider
 * @param contextKey           the context key holding {@code {access_token, refresh_token, expires_at}}
 *                             ({@code refresh_token} only for that grant)
 * @param clientIdVariable     for {@code refresh_token}: the environment variable with Switchboard's
 *                             OAuth client id
 * @param clientSecretVariable for {@code refresh_token}: the environment variable with its client secret
 * @param clientIdKey          for {@code client_credentials}: the context key with the client id
 * @param clientSecretKey      for {@code client_credentials}: the context key with the client secret
 * @param tokenParameters      form parameter → context key, sent with a client-credentials request
 * @param clientAuthentication {@code body} (client id and secret as form fields, the default) or
 *                             {@code basic} (an HTTP Basic header, as Greenhouse asks)
 * @param authorizeUrl         for {@code refresh_token}: where the connect page sends a person to consent
 *                             (the authorization-code grant that first gives the tokens)
 * @param authorizeUrlVariable an environment variable with which the operator may point consent elsewhere
 *                             (the sandbox's simulated provider)
 * @param scopes               the scopes asked for
 * @param authorizeParameters  further parameters the provider's authorize URL needs (Lever's audience)
 * @param pkce                 send a PKCE code challenge (RFC 7636), where the provider takes one
 * @param refreshBeforeSeconds refresh this long before the token expires, not after a failure
 */
public record OAuthDefinition(
        @JsonProperty("grant") String grant,
        @JsonProperty("token_urls") Map<String, String> tokenUrls,
        @JsonProperty("token_url_variable") String tokenUrlVariable,
        @JsonProperty("context_key") String contextKey,
        @JsonProperty("client_id_variable") String clientIdVariable,
        @JsonProperty("client_secret_variable") String clientSecretVariable,
        @JsonProperty("client_id_key") String clientIdKey,
        @JsonProperty("client_secret_key") String clientSecretKey,
        @JsonProperty("token_parameters") Map<String, String> tokenParameters,
        @JsonProperty("client_authentication") String clientAuthentication,
        @JsonProperty("refresh_before_seconds") int refreshBeforeSeconds,
        @JsonProperty("authorize_url") String authorizeUrl,
        @JsonProperty("authorize_url_variable") String authorizeUrlVariable,
        @JsonProperty("scopes") java.util.List<String> scopes,
        @JsonProperty("authorize_parameters") Map<String, String> authorizeParameters,
        @JsonProperty("pkce") boolean pkce) {

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
        grant = grant == null ? "refresh_token" : grant;
        clientAuthentication = clientAuthentication == null ? "body" : clientAuthentication;
        tokenParameters = tokenParameters == null ? Map.of() : Map.copyOf(tokenParameters);
        if (!Set.of("body", "basic").contains(clientAuthentication)) {
            throw new IllegalArgumentException("oauth.client_authentication must be 'body' or 'basic'");
        }
        if (contextKey == null) {
            throw new IllegalArgumentException("oauth needs 'context_key'");
        }
        switch (grant) {
            case "refresh_token" -> {
                if (clientIdVariable == null || clientSecretVariable == null || clientIdKey != null
                        || clientSecretKey != null || !tokenParameters.isEmpty()) {
                    throw new IllegalArgumentException("oauth grant 'refresh_token' needs 'client_id_variable' and "
                            + "'client_secret_variable', and takes no context client keys or token_parameters");
                }
            }
            case "client_credentials" -> {
                if (clientIdKey == null || clientSecretKey == null || clientIdVariable != null
                        || clientSecretVariable != null) {
                    throw new IllegalArgumentException("oauth grant 'client_credentials' needs 'client_id_key' and "
                            + "'client_secret_key' (the account's own client), and takes no client variables");
                }
            }
            default -> throw new IllegalArgumentException(
                    "oauth.grant must be 'refresh_token' or 'client_credentials', not '" + grant + "'");
        }
        scopes = scopes == null ? java.util.List.of() : java.util.List.copyOf(scopes);
        authorizeParameters = authorizeParameters == null ? Map.of() : Map.copyOf(authorizeParameters);
        if (authorizeUrl != null && (!authorizeUrl.startsWith("https://") || URI.create(authorizeUrl).getHost() == null
                || !grant.equals("refresh_token"))) {
            throw new IllegalArgumentException("oauth.authorize_url must be an https URL, for the refresh_token grant");
        }
        if (refreshBeforeSeconds < 0) {
            throw new IllegalArgumentException("oauth.refresh_before_seconds must not be negative");
        }
    }

    /** True when people can connect through the provider's consent page (the authorization-code grant). */
    public boolean authorizes() {
        return authorizeUrl != null;
    }

    public boolean clientCredentials() {
        return grant.equals("client_credentials");
    }

    /** The token endpoint for an account that calls this API host; the default host's for any other. */
    public String tokenUrlFor(String apiHost, String defaultHost) {
        return Optional.ofNullable(tokenUrls.get(apiHost)).orElseGet(() -> tokenUrls.get(defaultHost));
    }
}
