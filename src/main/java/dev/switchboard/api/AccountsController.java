package dev.switchboard.api;

import dev.switchboard.accounts.AccountPage;
import dev.switchboard.accounts.AccountService;
import dev.switchboard.accounts.IntegratedAccount;
import dev.switchboard.accounts.PagePosition;
import dev.switchboard.connect.CredentialCheck;
import dev.switchboard.error.ApiException;
import dev.switchboard.mapping.Json;
import dev.switchboard.observability.RequestTrace;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Integrated accounts, docs/api.md §3: at {@code /integrated-account}, the path and the shape
 * Truto's SDKs use ({@code integration} is an object with a {@code name}; a delete answers
 * {@code {"id"}}), and at the deprecated {@code /integrated-accounts} as before.
 */
final class AccountsController {

    /** The query parameter that skips the credential check: {@code ?connect_check=skip}. */
    static final String CHECK_PARAMETER = "connect_check";

    private final AccountService accounts;
    private final CredentialCheck credentials;
    private final boolean trutoShape;

    private AccountsController(AccountService accounts, CredentialCheck credentials, boolean trutoShape) {
        this.accounts = accounts;
        this.credentials = credentials;
        this.trutoShape = trutoShape;
    }

    /** {@code /integrated-account}: Truto's path and account shape. */
    static AccountsController canonical(AccountService accounts, CredentialCheck credentials) {
        return new AccountsController(accounts, credentials, true);
    }

    /** {@code /integrated-accounts}: the first path, kept for existing clients. */
    static AccountsController alias(AccountService accounts, CredentialCheck credentials) {
        return new AccountsController(accounts, credentials, false);
    }

    /**
     * The provider's word on new credentials, before they are stored; none where the caller
     * skipped it explicitly ({@code ?connect_check=skip}, for provisioning while the provider
     * is unreachable), which leaves the account {@code needs_check} until its first good call.
     */
    private Optional<AccountService.CredentialVerifier> verifier(Context ctx) {
        String given = ctx.queryParam(CHECK_PARAMETER);
        if (given == null) {
            RequestTrace trace = RequestLog.trace(ctx);
            return Optional.of((integration, environment, context) ->
                    credentials.verify(integration, environment, context, trace));
        }
        if (!given.equals("skip")) {
            throw ApiException.invalid("'" + CHECK_PARAMETER + "' takes only 'skip'", "query", List.of(),
                    Map.of(CHECK_PARAMETER, "must be 'skip', or left out to check the credentials"));
        }
        return Optional.empty();
    }

    void create(Context ctx) {
        var body = new LinkedHashMap<>(JsonBodies.object(ctx));
        // Truto's shape names the integration as an object; either form is taken.
        if (body.get("integration") instanceof Map<?, ?> integration && integration.get("name") instanceof String name) {
            body.put("integration", name);
        }
        var account = accounts.create(TokenAuth.environment(ctx), body, verifier(ctx));
        json(ctx.status(201), view(account));
    }

    void get(Context ctx) {
        json(ctx, view(accounts.get(TokenAuth.environment(ctx), Ids.path(ctx))));
    }

    private Map<String, Object> view(IntegratedAccount account) {
        return trutoShape ? accounts.canonicalView(account) : accounts.view(account);
    }

    /** {@code ?tenant_id=&limit=&next_cursor=}: a page of accounts and the cursor of the next, null on the last. */
    void list(Context ctx) {
        AccountPage page = accounts.list(TokenAuth.environment(ctx), present(ctx.queryParam("tenant_id")),
                present(ctx.queryParam("next_cursor")), limit(ctx.queryParam("limit")));
        var result = new LinkedHashMap<String, Object>();
        result.put("result", page.accounts().stream().map(this::view).toList());
        result.put("next_cursor", page.next().map(PagePosition::cursor).orElse(null));
        json(ctx, result);
    }

    private static Optional<String> present(String value) {
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    private static int limit(String value) {
        if (value == null || value.isEmpty()) {
            return AccountService.DEFAULT_PAGE;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw AccountService.badLimit();
        }
    }

    void patch(Context ctx) {
        json(ctx, view(accounts.patch(TokenAuth.environment(ctx), Ids.path(ctx), JsonBodies.object(ctx),
                verifier(ctx))));
    }

    void delete(Context ctx) {
        String id = Ids.path(ctx);
        accounts.delete(TokenAuth.environment(ctx), id);
        if (trutoShape) {
            json(ctx, Map.of("id", id)); // Truto's SDK reads {id} from a delete
        } else {
            ctx.status(204);
        }
    }

    private static void json(Context ctx, Object body) {
        ctx.contentType("application/json").result(Json.write(body));
    }
}
