package dev.switchboard.oauth;

import dev.switchboard.remote.TimeoutPolicy;

import dev.switchboard.accounts.AccountService;
import dev.switchboard.accounts.IntegratedAccount;
import dev.switchboard.catalog.IntegrationDefinition;
import dev.switchboard.catalog.OAuthDefinition;
import dev.switchboard.error.ApiException;
import dev.switchboard.mapping.Json;
import dev.switchboard.mapping.Timestamps;
import dev.switchboard.remote.ProviderClient;
import dev.switchboard.remote.RemoteFailure;
import dev.switchboard.remote.RemoteRequest;
import dev.switchboard.remote.RemoteResponse;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps OAuth access tokens usable: refreshes one shortly before it expires, or once after
 * the provider refuses it. Concurrent requests on one account refresh once: they queue on
 * an in-process lock, then on the account's row lock (which also holds across processes
 * sharing a database), and whoever comes second finds the new token already stored.
 */
public final class OAuthRefresher {

    private static final Logger LOG = LoggerFactory.getLogger(OAuthRefresher.class);
    private static final int LOCK_STRIPES = 64;

    private final AccountService accounts;
    private final ProviderClient client;
    private final TimeoutPolicy timeouts;
    private final Map<String, String> environment;
    private final Clock clock;
    private final ReentrantLock[] locks = new ReentrantLock[LOCK_STRIPES];

    public OAuthRefresher(AccountService accounts, ProviderClient client, TimeoutPolicy timeouts,
            Map<String, String> environment, Clock clock) {
        this.accounts = accounts;
        this.client = client;
        this.timeouts = timeouts;
        this.environment = Map.copyOf(environment);
        this.clock = clock;
        for (int i = 0; i < LOCK_STRIPES; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    /**
     * True when the account authenticates with OAuth tokens Switchboard keeps: refreshable
     * ones from a consent, or ones it fetches with the account's own client credentials.
     */
    public boolean applies(IntegrationDefinition integration, IntegratedAccount account) {
        return integration.oauthRefresh().map(oauth -> oauth.clientCredentials()
                ? account.context().get(oauth.clientIdKey()) instanceof String
                : tokens(account, oauth).isPresent()).orElse(false);
    }

    /** The account, with a new access token first if it has none yet or the stored one is about to expire. */
    public IntegratedAccount ensureFresh(IntegrationDefinition integration, IntegratedAccount account) {
        if (!applies(integration, account)) {
            return account;
        }
        OAuthDefinition oauth = integration.oauthRefresh().orElseThrow();
        Predicate<Map<String, Object>> expiring = tokens -> tokens.isEmpty() || expiresSoon(tokens, oauth);
        return expiring.test(tokens(account, oauth).orElse(Map.of())) ? refresh(integration, account, expiring) : account;
    }

    /** After the provider refused the account's access token: a new one, unless another request already got it. */
    public IntegratedAccount afterRejection(IntegrationDefinition integration, IntegratedAccount account) {
        OAuthDefinition oauth = integration.oauthRefresh().orElseThrow();
        Object rejected = tokens(account, oauth).orElse(Map.of()).get("access_token");
        return refresh(integration, account, tokens -> tokens.isEmpty() || java.util.Objects.equals(rejected,
                tokens.get("access_token")));
    }

    private IntegratedAccount refresh(IntegrationDefinition integration, IntegratedAccount account,
            Predicate<Map<String, Object>> stillNeeded) {
        OAuthDefinition oauth = integration.oauthRefresh().orElseThrow();
        ReentrantLock lock = locks[Math.floorMod(account.id().hashCode(), LOCK_STRIPES)];
        lock.lock();
        try {
            return accounts.updateLocked(account, current -> {
                Map<String, Object> tokens = tokens(current, oauth).orElse(oauth.clientCredentials() ? Map.of() : null);
                if (tokens == null || !stillNeeded.test(tokens)) {
                    return current; // refreshed meanwhile, here or in another process
                }
                var context = new LinkedHashMap<>(current.context());
                context.put(oauth.contextKey(), requestTokens(integration, oauth, current, tokens));
                return current.withContext(context, clock.instant());
            });
        } catch (RefreshRefused refused) {
            accounts.markNeedsReauth(account);
            throw ApiException.of(401, integration.label() + " refused to issue the account an OAuth token: "
                    + refused.getMessage()).withExtra("truto_is_remote_error", true)
                    .withExtra("raw_response", refused.body);
        } finally {
            lock.unlock();
        }
    }

    /**
     * The catalog's token endpoint for the API host the account calls, or the operator's
     * override; never a URL an account supplied.
     */
    private String tokenUrl(IntegrationDefinition integration, OAuthDefinition oauth, IntegratedAccount account) {
        if (oauth.tokenUrlVariable() != null && environment.get(oauth.tokenUrlVariable()) != null) {
            return environment.get(oauth.tokenUrlVariable());
        }
        String defaultHost = URI.create(integration.baseUrl()).getHost();
        String host = account.context().get("base_url") instanceof String base && URI.create(base).getHost() != null
                ? URI.create(base).getHost() : defaultHost;
        return oauth.tokenUrlFor(host, defaultHost);
    }

    /**
     * The tokens an authorization code grants (RFC 6749 §4.1.3), for an account about to be
     * made on the connect page: {@code {access_token, refresh_token, expires_at}}.
     *
     * @param account the account to be: its context names the API host, hence the token endpoint
     */
    public Map<String, Object> exchangeCode(IntegrationDefinition integration, IntegratedAccount account, String code,
            String redirectUri, Optional<String> codeVerifier) {
        OAuthDefinition oauth = integration.oauthRefresh().orElseThrow();
        var grant = new LinkedHashMap<String, String>();
        grant.put("grant_type", "authorization_code");
        grant.put("code", code);
        grant.put("redirect_uri", redirectUri);
        codeVerifier.ifPresent(verifier -> grant.put("code_verifier", verifier));
        try {
            return requestTokens(integration, oauth, account, Map.of(), grant);
        } catch (RefreshRefused refused) {
            throw ApiException.of(401, integration.label() + " refused the authorization code: " + refused.getMessage())
                    .withExtra("truto_is_remote_error", true);
        }
    }

    /**
     * The account with an access token fetched by its own client credentials, not stored:
     * for checking credentials before the account exists.
     */
    public IntegratedAccount withFetchedToken(IntegrationDefinition integration, IntegratedAccount account) {
        OAuthDefinition oauth = integration.oauthRefresh().orElseThrow();
        try {
            var context = new LinkedHashMap<>(account.context());
            context.put(oauth.contextKey(), requestTokens(integration, oauth, account, Map.of()));
            return account.withContext(context, clock.instant());
        } catch (RefreshRefused refused) {
            throw ApiException.of(401, integration.label() + " refused the client credentials: " + refused.getMessage())
                    .withExtra("truto_is_remote_error", true);
        }
    }

    private Map<String, Object> requestTokens(IntegrationDefinition integration, OAuthDefinition oauth,
            IntegratedAccount account, Map<String, Object> tokens) {
        return requestTokens(integration, oauth, account, tokens, Map.of());
    }

    /** @param grant the grant's own fields, when it is neither a refresh nor client credentials */
    private Map<String, Object> requestTokens(IntegrationDefinition integration, OAuthDefinition oauth,
            IntegratedAccount account, Map<String, Object> tokens, Map<String, String> grant) {
        String clientId;
        String clientSecret;
        var fields = new LinkedHashMap<String, String>(grant);
        if (oauth.clientCredentials()) {
            // The customer's own client, kept in the account; the token acts as the context's user.
            clientId = (String) account.context().get(oauth.clientIdKey());
            clientSecret = (String) account.context().get(oauth.clientSecretKey());
            fields.put("grant_type", "client_credentials");
            oauth.tokenParameters().forEach((parameter, key) -> {
                if (account.context().get(key) instanceof String value) {
                    fields.put(parameter, value);
                }
            });
        } else {
            clientId = environment.get(oauth.clientIdVariable());
            clientSecret = environment.get(oauth.clientSecretVariable());
            if (clientId == null || clientSecret == null) {
                throw ApiException.of(500, integration.label() + " OAuth needs "
                        + oauth.clientIdVariable() + " and " + oauth.clientSecretVariable() + " on the server");
            }
            if (grant.isEmpty()) {
                fields.put("grant_type", "refresh_token");
                fields.put("refresh_token", (String) tokens.get("refresh_token"));
            }
        }
        var headers = new LinkedHashMap<String, String>();
        headers.put("Content-Type", "application/x-www-form-urlencoded");
        headers.put("Accept", "application/json");
        if (oauth.clientAuthentication().equals("basic")) {
            headers.put("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                    (clientId + ":" + clientSecret).getBytes(StandardCharsets.UTF_8)));
        } else {
            fields.put("client_id", clientId);
            fields.put("client_secret", clientSecret);
        }
        String form = fields.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        String url = tokenUrl(integration, oauth, account);
        var request = new RemoteRequest("POST", URI.create(url), headers,
                Optional.of(form.getBytes(StandardCharsets.UTF_8)));
        RemoteResponse response;
        try {
            response = client.send(request, timeouts.of(integration));
        } catch (RemoteFailure failure) {
            throw ApiException.of(failure.kind() == RemoteFailure.Kind.TIMEOUT ? 504 : 502,
                    integration.label() + " token endpoint: " + failure.getMessage())
                    .withExtra("truto_is_remote_error", true)
                    .withInsight("network_error", failure.networkCause().wire());
        }
        Map<String, Object> answer = Json.tryParse(response.body()).flatMap(Json::asObject).orElse(Map.of());
        if (response.status() != 200 || !(answer.get("access_token") instanceof String accessToken)) {
            Object error = answer.get("error");
            LOG.warn("{} token refresh for account {} refused: HTTP {} {}", integration.name(), account.id(),
                    response.status(), error);
            if ("invalid_grant".equals(error) || (oauth.clientCredentials()
                    && ("invalid_client".equals(error) || response.status() == 401))) {
                throw new RefreshRefused("invalid_grant", answer);
            }
            throw ApiException.of(502, integration.label() + " token endpoint answered HTTP " + response.status()
                    + (error == null ? "" : " (" + error + ")")).withExtra("truto_is_remote_error", true);
        }
        if (!accessToken.matches("[\\x21-\\x7e]+")) {
            // Stored, it would break every call; its value stays out of the message.
            throw ApiException.of(502, integration.label() + " token endpoint answered a token that cannot be sent "
                    + "in a header").withExtra("truto_is_remote_error", true);
        }
        long expiresIn = answer.get("expires_in") instanceof Number n ? n.longValue() : 3600;
        var fresh = new LinkedHashMap<String, Object>();
        fresh.put("access_token", accessToken);
        if (!oauth.clientCredentials()) {
            fresh.put("refresh_token", answer.get("refresh_token") instanceof String rotated
                    ? rotated : tokens.get("refresh_token"));
        }
        fresh.put("expires_at", Timestamps.format(clock.instant().plusSeconds(expiresIn)));
        LOG.info("{} OAuth token {} for account {}", integration.name(),
                oauth.clientCredentials() ? "fetched" : "refreshed", account.id());
        return fresh;
    }

    private boolean expiresSoon(Map<String, Object> tokens, OAuthDefinition oauth) {
        try {
            Instant expiresAt = OffsetDateTime.parse(String.valueOf(tokens.get("expires_at"))).toInstant();
            return !expiresAt.isAfter(clock.instant().plusSeconds(oauth.refreshBeforeSeconds()));
        } catch (DateTimeParseException e) {
            return true; // an unreadable expiry is treated as expired
        }
    }

    @SuppressWarnings("unchecked")
    private static Optional<Map<String, Object>> tokens(IntegratedAccount account, OAuthDefinition oauth) {
        return account.context().get(oauth.contextKey()) instanceof Map<?, ?> map
                ? Optional.of((Map<String, Object>) map) : Optional.empty();
    }

    /** The provider will not refresh this grant again: the account needs new consent. */
    private static final class RefreshRefused extends RuntimeException {
        private final transient Map<String, Object> body;

        RefreshRefused(String message, Map<String, Object> body) {
            super(message, null, false, false);
            this.body = body;
        }
    }
}
