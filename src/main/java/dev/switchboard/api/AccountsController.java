package dev.switchboard.api;

import dev.switchboard.accounts.AccountPage;
import dev.switchboard.accounts.AccountService;
import dev.switchboard.accounts.PagePosition;
import dev.switchboard.mapping.Json;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Optional;

/** {@code /integrated-accounts}: contract §3. */
final class AccountsController {

    private final AccountService accounts;

    AccountsController(AccountService accounts) {
        this.accounts = accounts;
    }

    void create(Context ctx) {
        var account = accounts.create(TokenAuth.environment(ctx), JsonBodies.object(ctx));
        json(ctx.status(201), accounts.view(account));
    }

    void get(Context ctx) {
        json(ctx, accounts.view(accounts.get(TokenAuth.environment(ctx), Ids.path(ctx))));
    }

    /** {@code ?tenant_id=&limit=&next_cursor=}: a page of accounts and the cursor of the next, null on the last. */
    void list(Context ctx) {
        AccountPage page = accounts.list(TokenAuth.environment(ctx), present(ctx.queryParam("tenant_id")),
                present(ctx.queryParam("next_cursor")), limit(ctx.queryParam("limit")));
        var result = new LinkedHashMap<String, Object>();
        result.put("result", page.accounts().stream().map(accounts::view).toList());
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
        json(ctx, accounts.view(accounts.patch(TokenAuth.environment(ctx), Ids.path(ctx), JsonBodies.object(ctx))));
    }

    void delete(Context ctx) {
        accounts.delete(TokenAuth.environment(ctx), Ids.path(ctx));
        ctx.status(204);
    }

    private static void json(Context ctx, Object body) {
        ctx.contentType("application/json").result(Json.write(body));
    }
}
