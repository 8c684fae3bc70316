package dev.switchboard.api;

import dev.switchboard.accounts.AccountService;
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

    void list(Context ctx) {
        var result = new LinkedHashMap<String, Object>();
        result.put("result", accounts.list(TokenAuth.environment(ctx), Optional.ofNullable(ctx.queryParam("tenant_id"))).stream()
                .map(accounts::view).toList());
        // Every account fits one page today; the field is here so clients can page later.
        result.put("next_cursor", null);
        json(ctx, result);
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
