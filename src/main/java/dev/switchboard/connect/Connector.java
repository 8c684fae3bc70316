package dev.switchboard.connect;

import dev.switchboard.accounts.AccountService;
import dev.switchboard.accounts.IntegratedAccount;
import dev.switchboard.catalog.Catalog;
import dev.switchboard.catalog.ContextProperty;
import dev.switchboard.catalog.IntegrationDefinition;
import dev.switchboard.catalog.OAuthDefinition;
import dev.switchboard.oauth.OAuthRefresher;
import dev.switchboard.error.ApiException;
import dev.switchboard.observability.RequestTrace;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The connect flow: link tokens for a product to hand its user, and what the connect page
 * does with one. Credentials typed into the page, or granted by a provider's consent
 * page, are checked with one provider call and only then stored; the link token is spent
 * by the account it makes.
 */
public final class Connector {

    private static final Set<String> LINK_KEYS = Set.of("tenant_id", "integrated_account_id", "integrations",
            "redirect_uri", "origin");
    public static final String CALLBACK_PATH = "/connect/oauth/callback";

    /**
     * How hard the connect page may be leaned on: it checks credentials with providers, from
     * this server's address, so it must not serve as an oracle for guessing them.
     *
     * @param perLink        checks through one link: a burst, then one per interval
     * @param perAddress     checks from one client address, across links
     * @param interval       how long one more check takes to be allowed again
     * @param failedChecks   failed checks after which a link is spent
     */
    public record Limits(int perLink, int perAddress, Duration interval, int failedChecks) {
        public static final Limits DEFAULT = new Limits(3, 20, Duration.ofSeconds(2), 5);

        public Limits {
            if (perLink < 1 || perAddress < 1 || failedChecks < 1 || interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("connect check limits must be positive");
            }
        }
    }

    /** The cookie that binds an OAuth sign-in to the browser that started it. */
    public static final String BROWSER_COOKIE = "switchboard_oauth";
    /** Keys the throttles hold at most: memory stays bounded whatever the traffic. */
    private static final int THROTTLE_KEYS = 10_000;

    /** An account connected, and the link that allowed it (where to tell about it). */
    public record Connected(IntegratedAccount account, String label, LinkToken link, boolean reconnected) {
    }

    private final Catalog catalog;
    private final AccountService accounts;
    private final LinkTokens links;
    private final CredentialCheck credentials;
    private final OAuthRefresher oauth;
    private final Map<String, String> environment;
    private final java.util.function.Supplier<String> publicUrl;
    private final Limits limits;
    private final Throttle byLink;
    private final Throttle byAddress;

    /**
     * @param environment the server's settings: OAuth clients, and {@code SWITCHBOARD_<NAME>_BASE_URL}, a base
     *                    URL the operator gives accounts made on the page (the sandbox's simulators)
     * @param publicUrl   where people reach this server ({@code SWITCHBOARD_PUBLIC_URL})
     */
    public Connector(Catalog catalog, AccountService accounts, LinkTokens links, CredentialCheck credentials,
            OAuthRefresher oauth, Map<String, String> environment, java.util.function.Supplier<String> publicUrl,
            Limits limits) {
        this.limits = limits;
        this.byLink = new Throttle(limits.perLink(), limits.interval(), THROTTLE_KEYS, System::nanoTime);
        this.byAddress = new Throttle(limits.perAddress(), limits.interval(), THROTTLE_KEYS, System::nanoTime);
        this.catalog = catalog;
        this.accounts = accounts;
        this.links = links;
        this.credentials = credentials;
        this.oauth = oauth;
        this.environment = Map.copyOf(environment);
        this.publicUrl = () -> {
            String url = publicUrl.get();
            return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        };
    }

    /** {@code POST /link-token}: {@code {link_token, url, expires_at}}. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> issue(String environmentName, Map<String, Object> body) {
        for (String key : body.keySet()) {
            if (!LINK_KEYS.contains(key)) {
                throw ApiException.badRequest("unknown key '" + key + "'; a link token takes " + new java.util.TreeSet<>(LINK_KEYS));
            }
        }
        Optional<String> tenant = text(body, "tenant_id");
        Optional<String> accountId = text(body, "integrated_account_id");
        if (tenant.isPresent() == accountId.isPresent()) {
            throw ApiException.invalid("give tenant_id for a new connection, or integrated_account_id to reconnect one",
                    "body", List.of("tenant_id"), Map.of());
        }
        List<String> offered;
        if (accountId.isPresent()) {
            offered = List.of(accounts.get(environmentName, accountId.get()).integration());
        } else if (body.get("integrations") == null) {
            offered = catalog.integrationNames();
        } else if (body.get("integrations") instanceof List<?> names && !names.isEmpty()
                && names.stream().allMatch(name -> name instanceof String n && catalog.integration(n).isPresent())) {
            offered = (List<String>) names;
        } else {
            throw ApiException.invalid("'integrations' must list integrations by name", "body", List.of(),
                    Map.of("integrations", "must be a non-empty list of " + catalog.integrationNames()));
        }
        Optional<String> redirect = text(body, "redirect_uri");
        redirect.ifPresent(uri -> check(uri, "redirect_uri", false));
        Optional<String> origin = text(body, "origin");
        origin.ifPresent(value -> check(value, "origin", true));
        var issued = links.issue(environmentName, tenant, accountId, offered, redirect, origin);
        var answer = new LinkedHashMap<String, Object>();
        answer.put("link_token", issued.token());
        answer.put("url", publicUrl.get() + "/connect?link_token=" + issued.token());
        answer.put("expires_at", issued.link().expiresAt().toString());
        return answer;
    }

    /** Whether people reach this server over https (its public URL): its cookies are then Secure. */
    public boolean reachedOverHttps() {
        return publicUrl.get().startsWith("https:");
    }

    /** The link a token grants; a spent or expired one is a {@code 410}. */
    public LinkToken open(String token) {
        return links.open(token).orElseThrow(() -> ApiException.of(410,
                "this link has expired or was already used; ask for a new one"));
    }

    /** What the connect page offers: each integration and the fields of its credentials. */
    public Map<String, Object> page(LinkToken link, String token) {
        var integrations = new ArrayList<Map<String, Object>>();
        for (String name : link.integrations()) {
            IntegrationDefinition integration = catalog.integration(name).orElseThrow();
            var described = new LinkedHashMap<String, Object>();
            described.put("name", name);
            described.put("label", integration.label());
            described.put("oauth", consentAvailable(integration));
            described.put("fields", fields(integration));
            integrations.add(described);
        }
        var data = new LinkedHashMap<String, Object>();
        data.put("mode", "connect");
        data.put("link_token", token);
        data.put("reconnect", link.reconnects());
        data.put("origin", link.origin().orElse(null));
        data.put("redirect_uri", link.redirectUri().orElse(null));
        data.put("integrations", integrations);
        return data;
    }

    /**
     * Credentials typed into the page: checked with the provider, then stored. Checks are
     * throttled per link and per client address, and a link is spent after a few failures.
     */
    public Connected connect(String token, String integrationName, Map<String, Object> typed, RequestTrace trace,
            String clientAddress) {
        LinkToken link = open(token);
        IntegrationDefinition integration = offered(link, integrationName);
        var allowed = fields(integration).stream().map(field -> (String) field.get("key")).toList();
        for (String key : typed.keySet()) {
            if (!allowed.contains(key)) {
                throw ApiException.invalid("'" + key + "' is not asked for here", "context", List.of(),
                        Map.of(key, "is not one of " + allowed));
            }
        }
        var context = new LinkedHashMap<String, Object>();
        typed.forEach((key, value) -> {
            if (!(value instanceof String text) || !text.isBlank()) {
                context.put(key, value instanceof String text ? text.strip() : value);
            }
        });
        throttle(link, clientAddress);
        return store(link, integration, context, trace);
    }

    /** Refuses a check beyond the link's or the client address's rate: they reach a provider from this server. */
    private void throttle(LinkToken link, String clientAddress) {
        for (var throttle : List.of(Map.entry(byLink, link.hash()), Map.entry(byAddress, clientAddress))) {
            Optional<Duration> wait = throttle.getKey().take(throttle.getValue());
            if (wait.isPresent()) {
                long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
                throw ApiException.of(429, "too many credential checks; try again in " + seconds + " s")
                        .withHeader("Retry-After", String.valueOf(seconds)).withCode("connect_throttled");
            }
        }
    }

    /**
     * Where the page sends a person to consent: the provider's authorize URL, with a state
     * bound to the link and to the browser holding {@code browserNonce} (in its cookie).
     */
    public String authorize(String token, String integrationName, String browserNonce) {
        LinkToken link = open(token);
        IntegrationDefinition integration = offered(link, integrationName);
        if (!consentAvailable(integration)) {
            throw ApiException.badRequest(integration.label() + " cannot be connected by consent on this server");
        }
        OAuthDefinition definition = integration.oauthRefresh().orElseThrow();
        Optional<String> verifier = definition.pkce() ? Optional.of(LinkTokens.random(48)) : Optional.empty();
        String state = links.newState(link, integration.name(), verifier, browserNonce);
        var parameters = new LinkedHashMap<String, String>();
        parameters.put("response_type", "code");
        parameters.put("client_id", environment.get(definition.clientIdVariable()));
        parameters.put("redirect_uri", publicUrl.get() + CALLBACK_PATH);
        if (!definition.scopes().isEmpty()) {
            parameters.put("scope", String.join(" ", definition.scopes()));
        }
        parameters.put("state", state);
        parameters.putAll(definition.authorizeParameters());
        verifier.ifPresent(v -> {
            parameters.put("code_challenge", challenge(v));
            parameters.put("code_challenge_method", "S256");
        });
        String base = Optional.ofNullable(definition.authorizeUrlVariable()).map(environment::get)
                .orElse(definition.authorizeUrl());
        var query = new StringBuilder();
        parameters.forEach((name, value) -> query.append(query.length() == 0 ? "" : "&").append(name).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return base + (base.contains("?") ? "&" : "?") + query;
    }

    /**
     * The provider's redirect back: the code exchanged for tokens, checked, stored. A
     * replayed, unknown or expired state is refused.
     */
    public Connected callback(String state, Optional<String> browserNonce, Optional<String> code, Optional<String> error,
            RequestTrace trace) {
        var taken = links.takeState(state, browserNonce).orElseThrow(() -> new ConnectFailed(ApiException.badRequest(
                "this sign-in has expired, was already used, or was started in another browser; start again from "
                        + "the connect page").withCode("oauth_state_invalid"), Optional.empty()));
        LinkToken link = links.byHash(taken.tokenHash()).orElseThrow(() -> new ConnectFailed(ApiException.of(410,
                "this link has expired or was already used; ask for a new one"), Optional.empty()));
        try {
            IntegrationDefinition integration = offered(link, taken.integration());
            if (error.isPresent()) {
                throw ApiException.badRequest(integration.label() + " did not grant access (" + error.get() + ")");
            }
            if (code.isEmpty()) {
                throw ApiException.badRequest(integration.label() + " sent no authorization code back");
            }
            var context = new LinkedHashMap<String, Object>(operatorBaseUrl(integration, link));
            var candidate = new IntegratedAccount("connect-" + UUID.randomUUID(), link.environment(),
                    integration.name(), "connect", dev.switchboard.accounts.AccountStatus.ACTIVE, context,
                    Instant.now(), Instant.now());
            OAuthDefinition definition = integration.oauthRefresh().orElseThrow();
            context.put(definition.contextKey(), oauth.exchangeCode(integration, candidate, code.get(),
                    publicUrl.get() + CALLBACK_PATH, taken.codeVerifier()));
            return store(link, integration, context, trace);
        } catch (ApiException e) {
            throw new ConnectFailed(e, Optional.of(link));
        }
    }

    private Connected store(LinkToken link, IntegrationDefinition integration, Map<String, Object> entered,
            RequestTrace trace) {
        var context = new LinkedHashMap<String, Object>(entered);
        operatorBaseUrl(integration, link).forEach(context::putIfAbsent);
        accounts.validate(integration, context);
        Map<String, Object> checked;
        try {
            checked = credentials.verify(integration, link.environment(), context, trace);
        } catch (ApiException refused) {
            if (links.failedCheck(link, limits.failedChecks())) {
                throw refused.withExtra("link_spent", true);
            }
            throw refused;
        }
        if (!links.spend(link)) {
            throw ApiException.of(410, "this link has expired or was already used; ask for a new one");
        }
        if (link.accountId().isPresent()) {
            return new Connected(accounts.reconnect(link.environment(), link.accountId().get(), checked),
                    integration.label(), link, true);
        }
        return new Connected(accounts.create(link.environment(), Map.of("integration", integration.name(),
                "tenant_id", link.tenantId().orElseThrow(), "context", checked)), integration.label(), link, false);
    }

    /** The operator's base URL for accounts made here, or, on a reconnect, the account's own. */
    private Map<String, Object> operatorBaseUrl(IntegrationDefinition integration, LinkToken link) {
        String variable = "SWITCHBOARD_" + integration.name().toUpperCase(Locale.ROOT) + "_BASE_URL";
        if (environment.get(variable) != null) {
            return Map.of("base_url", environment.get(variable));
        }
        if (link.accountId().isPresent()) {
            Object existing = accounts.get(link.environment(), link.accountId().get()).context().get("base_url");
            if (existing instanceof String url) {
                return Map.of("base_url", url);
            }
        }
        return Map.of();
    }

    private IntegrationDefinition offered(LinkToken link, String name) {
        if (name == null || !link.integrations().contains(name)) {
            throw ApiException.badRequest("this link does not offer '" + name + "'; it offers " + link.integrations());
        }
        return catalog.integration(name).orElseThrow();
    }

    private boolean consentAvailable(IntegrationDefinition integration) {
        return integration.oauthRefresh().filter(OAuthDefinition::authorizes)
                .map(definition -> environment.get(definition.clientIdVariable()) != null
                        && environment.get(definition.clientSecretVariable()) != null).orElse(false);
    }

    /** The context keys a person types: credentials and settings, not base URLs or kept tokens. */
    private static List<Map<String, Object>> fields(IntegrationDefinition integration) {
        List<String> required = integration.context().oneOf().stream()
                .filter(set -> set.stream().allMatch(key -> typed(integration, key)))
                .findFirst().orElse(List.of());
        var fields = new ArrayList<Map<String, Object>>();
        // The required keys first, in their one_of order; then the rest by name.
        java.util.Comparator<String> order = java.util.Comparator.<String>comparingInt(key ->
                required.contains(key) ? required.indexOf(key) : required.size()).thenComparing(key -> key);
        integration.context().properties().entrySet().stream().sorted(Map.Entry.comparingByKey(order))
                .filter(entry -> typed(integration, entry.getKey()))
                .forEach(entry -> {
                    ContextProperty property = entry.getValue();
                    var field = new LinkedHashMap<String, Object>();
                    field.put("key", entry.getKey());
                    field.put("label", property.label() != null ? property.label() : entry.getKey());
                    field.put("description", property.description());
                    field.put("secret", property.secret());
                    field.put("required", required.contains(entry.getKey()));
                    field.put("enum", property.values().isEmpty() ? null : property.values());
                    field.put("pattern", property.pattern());
                    fields.add(field);
                });
        return fields;
    }

    private static boolean typed(IntegrationDefinition integration, String key) {
        ContextProperty property = integration.context().properties().get(key);
        return property != null && property.type().equals("string") && !"url".equals(property.format());
    }

    private static Optional<String> text(Map<String, Object> body, String key) {
        Object value = body.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof String text) || text.isBlank()) {
            throw ApiException.invalid("'" + key + "' must be a non-empty string", "body", List.of(),
                    Map.of(key, "must be a non-empty string"));
        }
        return Optional.of(text);
    }

    /** A redirect URI (any path), or an origin (scheme, host and port only), over http(s). */
    private static void check(String value, String key, boolean originOnly) {
        try {
            URI uri = new URI(value);
            String scheme = String.valueOf(uri.getScheme()).toLowerCase(Locale.ROOT);
            // A port given must be one there can be; java.net.URI takes any number of digits.
            boolean ok = (scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null
                    && uri.getPort() >= -1 && uri.getPort() <= 65535 && uri.getPort() != 0
                    && (uri.getPort() != -1 || !hasPortText(uri))
                    && uri.getRawUserInfo() == null && uri.getRawFragment() == null
                    && (!originOnly || ((uri.getRawPath() == null || uri.getRawPath().isEmpty()) && uri.getRawQuery() == null));
            if (ok) {
                return;
            }
        } catch (URISyntaxException e) {
            // refused below
        }
        throw ApiException.invalid("'" + key + "' is not valid", "body", List.of(), Map.of(key, originOnly
                ? "must be an origin: scheme://host[:port], e.g. https://app.example.com"
                : "must be an absolute http(s) URL without a fragment"));
    }

    /** True when the authority names a port that java.net.URI could not read (it then says -1). */
    private static boolean hasPortText(URI uri) {
        String authority = uri.getRawAuthority();
        if (authority == null) {
            return false;
        }
        int close = authority.lastIndexOf(']');
        return authority.indexOf(':', close + 1) >= 0;
    }

    private static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
