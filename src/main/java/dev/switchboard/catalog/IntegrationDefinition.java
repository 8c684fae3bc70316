package dev.switchboard.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An integration's {@code integration.json}: everything about a provider that is not a
 * mapping.
 *
 * @param name      the integration's name, equal to its folder's
 * @param label     its display name
 * @param baseUrl   the default base URL
 * @param hosts     hosts an account's {@code base_url} override may point at
 * @param headers   sent with every call (Ashby's versioned Accept)
 * @param auth      how credentials become headers, first applicable rule wins
 * @param context   what an account's context holds
 * @param oauth     how expiring OAuth tokens are refreshed, for integrations that use them
 * @param rateLimit the provider's documented rate per credential, if it has one
 * @param timeouts  how long a call may take; {@link Timeouts#DEFAULT} when not given
 * @param resources unified resource → method → provider endpoint
 * @param proxy     provider resources the proxy API may call, by Truto's names
 */
public record IntegrationDefinition(
        @JsonProperty("name") String name,
        @JsonProperty("label") String label,
        @JsonProperty("base_url") String baseUrl,
        @JsonProperty("hosts") List<String> hosts,
        @JsonProperty("headers") Map<String, String> headers,
        @JsonProperty("auth") List<AuthRule> auth,
        @JsonProperty("context") ContextSchema context,
        @JsonProperty("oauth") OAuthDefinition oauth,
        @JsonProperty("rate_limit") RateLimit rateLimit,
        @JsonProperty("timeouts") Timeouts timeouts,
        @JsonProperty("resources") Map<String, Map<String, Endpoint>> resources,
        @JsonProperty("proxy") Map<String, ProxyResource> proxy) {

    public IntegrationDefinition {
        require(name, "name");
        require(label, "label");
        require(baseUrl, "base_url");
        require(auth, "auth");
        require(context, "context");
        require(resources, "resources");
        var base = URI.create(baseUrl);
        if (!"https".equals(base.getScheme()) || base.getHost() == null) {
            throw new IllegalArgumentException("base_url must be an https URL");
        }
        hosts = hosts == null ? List.of(base.getHost()) : List.copyOf(hosts);
        if (!hosts.contains(base.getHost())) {
            throw new IllegalArgumentException("hosts must include the base_url's host " + base.getHost());
        }
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        timeouts = timeouts == null ? Timeouts.DEFAULT : timeouts;
        if (auth.isEmpty()) {
            throw new IllegalArgumentException("auth needs at least one rule");
        }
        auth = List.copyOf(auth);
        resources = Map.copyOf(resources);
        proxy = proxy == null ? Map.of() : Map.copyOf(proxy);
        if (oauth != null && !context.properties().containsKey(oauth.contextKey())) {
            throw new IllegalArgumentException("oauth.context_key '" + oauth.contextKey() + "' is not a context key");
        }
        if (oauth != null && !oauth.tokenUrls().containsKey(base.getHost())) {
            throw new IllegalArgumentException("oauth.token_urls must name the token endpoint for " + base.getHost());
        }
    }

    public Optional<RateLimit> rateLimitPerAccount() {
        return Optional.ofNullable(rateLimit);
    }

    public Optional<OAuthDefinition> oauthRefresh() {
        return Optional.ofNullable(oauth);
    }

    private static void require(Object value, String key) {
        if (value == null) {
            throw new IllegalArgumentException("missing key '" + key + "'");
        }
    }
}
