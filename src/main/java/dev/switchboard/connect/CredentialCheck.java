package dev.switchboard.connect;

import dev.switchboard.oauth.OAuthRefresher;
import dev.switchboard.remote.OutcomeUnknown;
import dev.switchboard.remote.RemoteCaller;
import dev.switchboard.remote.RemoteErrors;
import dev.switchboard.unified.PathTemplate;
import dev.switchboard.unified.RequestBuilder;

import dev.switchboard.accounts.AccountStatus;
import dev.switchboard.accounts.IntegratedAccount;
import dev.switchboard.catalog.Catalog;
import dev.switchboard.catalog.ConnectCheck;
import dev.switchboard.catalog.IntegrationDefinition;
import dev.switchboard.error.ApiException;
import dev.switchboard.mapping.Json;
import dev.switchboard.observability.RequestTrace;
import dev.switchboard.remote.RemoteFailure;
import dev.switchboard.remote.RemoteResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Proves new credentials before an account is stored: the integration's catalog
 * {@code connect_check}, one cheap documented call, made with them. A refusal comes back as
 * the provider's own reason, the credentials masked; nothing is stored either way.
 */
public final class CredentialCheck {

    private final Catalog catalog;
    private final RemoteCaller caller;
    private final OAuthRefresher oauth;

    public CredentialCheck(Catalog catalog, RemoteCaller caller, OAuthRefresher oauth) {
        this.catalog = catalog;
        this.caller = caller;
        this.oauth = oauth;
    }

    /**
     * The context to store: as given, with a fetched access token where the integration's
     * tokens come from the account's own client credentials.
     *
     * @throws ApiException the provider's refusal, or why it could not be asked
     */
    public Map<String, Object> verify(IntegrationDefinition integration, String environment,
            Map<String, Object> context, RequestTrace trace) {
        // One id per environment and integration, not per check: the rate limiter keeps state
        // per account id, and a check must leave nothing behind.
        var candidate = new IntegratedAccount(checkId(environment, integration.name()), environment, integration.name(),
                "connect-check", AccountStatus.ACTIVE, context, Instant.now(), Instant.now());
        if (integration.oauthRefresh().map(o -> o.clientCredentials()).orElse(false)) {
            candidate = oauth.withFetchedToken(integration, candidate);
        }
        ConnectCheck check = integration.connectCheck();
        var query = new ArrayList<Map.Entry<String, String>>(check.query().entrySet());
        var filled = PathTemplate.fill(check.path(), name -> context.get(name) instanceof String text
                ? Optional.of(text) : Optional.empty());
        if (!filled.missing().isEmpty()) {
            throw ApiException.invalid("the credentials need " + filled.missing(), "context", filled.missing(), Map.of());
        }
        String path = filled.path();
        Optional<byte[]> body = Optional.ofNullable(check.body()).map(Json::write);
        try {
            RemoteResponse response = caller.read(caller.call(integration, candidate,
                    current -> RequestBuilder.assemble(integration, current, check.method(), path, List.copyOf(query),
                            body), trace));
            Optional<ApiException> refused = RemoteErrors.recognise(integration,
                    catalog.errorRule(integration.name()).orElseThrow(), response, Json.tryParse(response.body()));
            if (refused.isPresent()) {
                throw RemoteErrors.redacted(refused.get(), integration, candidate);
            }
        } catch (OutcomeUnknown unknown) {
            throw RemoteErrors.redacted(unknown.error(), integration, candidate);
        } catch (RemoteFailure failure) {
            throw RemoteErrors.failure(integration, failure);
        }
        return candidate.context();
    }

    private static String checkId(String environment, String integration) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest((environment + "\n" + integration).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return "check_" + java.util.HexFormat.of().formatHex(digest, 0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
