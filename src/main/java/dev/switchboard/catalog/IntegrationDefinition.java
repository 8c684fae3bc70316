package dev.switchboard.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An integration's {@code integration.json}: everything about a provider that is not a
 * mapping.
 *
 * @param name      the integration's name, equal to its folder's
 * @param label     its display name
 * @param baseUrl   the default base URL; {@code {key}} placeholders are filled from the
 *                  account's context, one host label each (Workable's {@code {subdomain}})
 * @param hosts     hosts an account's {@code base_url} override may point at; {@code *.example.com}
 *                  stands for any one label below example.com
 * @param regions   base URLs chosen by a context value, where the provider has regional hosts
 * @param storageHosts hosts where the provider keeps files (signed links to its storage), in
 *                  the form of {@code hosts}: a download follows a link or a redirect there,
 *                  over https and without the account's credentials, and nowhere else
 * @param bodyFormat {@code json} (the default) or {@code json_api}: JSON:API documents, sent and
 *                  accepted as {@code application/vnd.api+json}
 * @param headers   sent with every call (Ashby's versioned Accept)
 * @param auth      how credentials become headers, first applicable rule wins
 * @param context   what an account's context holds
 * @param oauth     how expiring OAuth tokens are refreshed, for integrations that use them
 * @param rateLimit the provider's documented rate per credential, if it has one
 * @param timeouts  how long a call may take; {@link Timeouts#DEFAULT} when not given
 * @param resources unified resource → method → provider endpoint
 * @param proxy     provider resources the proxy API may call, by Truto's names
 * @param unsupported unified resource → method → why the provider cannot do it, told to callers
 * @param connectCheck the provider call that proves new credentials on the connect page
 */
public record IntegrationDefinition(
        @JsonProperty("name") String name,
        @JsonProperty("label") String label,
        @JsonProperty("base_url") String baseUrl,
        @JsonProperty("hosts") List<String> hosts,
        @JsonProperty("regions") Regions regions,
        @JsonProperty("body_format") String bodyFormat,
        @JsonProperty("headers") Map<String, String> headers,
        @JsonProperty("auth") List<AuthRule> auth,
        @JsonProperty("context") ContextSchema context,
        @JsonProperty("oauth") OAuthDefinition oauth,
        @JsonProperty("rate_limit") RateLimit rateLimit,
        @JsonProperty("timeouts") Timeouts timeouts,
        @JsonProperty("resources") Map<String, Map<String, Endpoint>> resources,
        @JsonProperty("proxy") Map<String, ProxyResource> proxy,
        @JsonProperty("unsupported") Map<String, Map<String, String>> unsupported,
        @JsonProperty("connect_check") ConnectCheck connectCheck,
        @JsonProperty("storage_hosts") List<String> storageHosts) {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z_]+)}");
    private static final Pattern HOST_LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    public IntegrationDefinition {
        require(name, "name");
        require(label, "label");
        require(baseUrl, "base_url");
        require(auth, "auth");
        require(context, "context");
        require(resources, "resources");
        var base = URI.create(PLACEHOLDER.matcher(baseUrl).replaceAll("x"));
        if (!"https".equals(base.getScheme()) || base.getHost() == null) {
            throw new IllegalArgumentException("base_url must be an https URL");
        }
        hosts = hosts == null ? List.of(base.getHost()) : List.copyOf(hosts);
        if (!hostMatches(hosts, base.getHost())) {
            throw new IllegalArgumentException("hosts must include the base_url's host " + base.getHost());
        }
        checkPlaceholders(baseUrl, context);
        if (regions != null) {
            ContextProperty region = context.properties().get(regions.contextKey());
            if (region == null || !Set.copyOf(region.values()).equals(regions.baseUrls().keySet())) {
                throw new IllegalArgumentException("regions.context_key '" + regions.contextKey() + "' must be a context "
                        + "key whose enum lists exactly the regions " + new TreeSet<>(regions.baseUrls().keySet()));
            }
            for (String url : regions.baseUrls().values()) {
                if (!hostMatches(hosts, URI.create(url).getHost())) {
                    throw new IllegalArgumentException("hosts must include every region's host, " + URI.create(url).getHost());
                }
            }
        }
        bodyFormat = bodyFormat == null ? "json" : bodyFormat;
        if (!bodyFormat.equals("json") && !bodyFormat.equals("json_api")) {
            throw new IllegalArgumentException("body_format must be 'json' or 'json_api', not '" + bodyFormat + "'");
        }
        unsupported = unsupported == null ? Map.of() : Map.copyOf(unsupported);
        storageHosts = storageHosts == null ? List.of() : List.copyOf(storageHosts);
        require(connectCheck, "connect_check");
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
        if (oauth != null) {
            var keys = new java.util.ArrayList<String>(oauth.tokenParameters().values());
            if (oauth.clientCredentials()) {
                keys.addAll(List.of(oauth.clientIdKey(), oauth.clientSecretKey()));
            }
            for (String key : keys) {
                if (!context.properties().containsKey(key)) {
                    throw new IllegalArgumentException("oauth names context key '" + key + "', which is not one");
                }
            }
        }
    }

    /**
     * The base URL an account calls: its {@code base_url} override, else its region's, else
     * the default with the context's values in its placeholders.
     */
    public String baseUrlFor(Map<String, Object> accountContext) {
        if (accountContext.get("base_url") instanceof String override) {
            return override;
        }
        if (regions != null && accountContext.get(regions.contextKey()) instanceof String region
                && regions.baseUrls().containsKey(region)) {
            return regions.baseUrls().get(region);
        }
        Matcher matcher = PLACEHOLDER.matcher(baseUrl);
        var url = new StringBuilder();
        while (matcher.find()) {
            Object value = accountContext.get(matcher.group(1));
            if (!(value instanceof String label) || !HOST_LABEL.matcher(label).matches()) {
                // Context validation lets no such account be stored; this guards the host all the same.
                throw new IllegalStateException("the account's '" + matcher.group(1) + "' is not one host label");
            }
            matcher.appendReplacement(url, label);
        }
        matcher.appendTail(url);
        return url.toString();
    }

    /** The context keys that choose the host calls go to: base URL placeholders and the region. */
    public Set<String> hostKeys() {
        var keys = new TreeSet<String>();
        PLACEHOLDER.matcher(baseUrl).results().forEach(match -> keys.add(match.group(1)));
        if (regions != null) {
            keys.add(regions.contextKey());
        }
        return keys;
    }

    /** Why this integration cannot do a unified method, when its catalog says so. */
    public Optional<String> unsupportedReason(String resource, String method) {
        return Optional.ofNullable(unsupported.getOrDefault(resource, Map.of()).get(method));
    }

    public boolean jsonApi() {
        return bodyFormat.equals("json_api");
    }

    /** True when a host is one of these, where {@code *.example.com} is any one label below example.com. */
    public static boolean hostMatches(List<String> patterns, String host) {
        for (String pattern : patterns) {
            if (pattern.startsWith("*.")) {
                String suffix = pattern.substring(1);
                if (host.endsWith(suffix) && HOST_LABEL.matcher(host.substring(0, host.length() - suffix.length())).matches()) {
                    return true;
                }
            } else if (pattern.equals(host)) {
                return true;
            }
        }
        return false;
    }

    /** Each placeholder must be a string context key that only ever holds one host label. */
    private static void checkPlaceholders(String baseUrl, ContextSchema context) {
        Matcher matcher = PLACEHOLDER.matcher(baseUrl);
        while (matcher.find()) {
            ContextProperty property = context.properties().get(matcher.group(1));
            if (property == null || !property.type().equals("string") || (property.pattern() == null
                    && property.values().isEmpty())) {
                throw new IllegalArgumentException("base_url placeholder {" + matcher.group(1) + "} must name a string "
                        + "context key with a 'pattern' or an 'enum'");
            }
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
