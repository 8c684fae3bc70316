package dev.switchboard.api;

import dev.switchboard.accounts.AccountService;
import dev.switchboard.catalog.Catalog;
import dev.switchboard.engine.UnifiedPipeline;
import dev.switchboard.error.ApiException;
import dev.switchboard.tokens.TokenAuthority;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.http.HttpResponseException;

/** The HTTP surface of Switchboard, built from its parts so tests can build it from theirs. */
public final class SwitchboardApp {

    private SwitchboardApp() {
    }

    /** @param maxBodyBytes request bodies beyond this are refused before they are read */
    public static Javalin create(Catalog catalog, AccountService accounts, UnifiedPipeline pipeline,
            TokenAuthority tokens, long maxBodyBytes) {
        var unified = new UnifiedController(catalog, pipeline);
        var accountsApi = new AccountsController(accounts);
        return Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.http.maxRequestSize = maxBodyBytes;
            // Compression would buffer streamed bodies; providers' answers are small anyway.
            config.http.compressionStrategy = CompressionStrategy.NONE;
            config.routes.before(new TokenAuth(tokens));
            config.routes.get("/health", ctx -> ctx.contentType("application/json").result("{\"status\":\"ok\"}"));
            config.routes.post("/unified/ats/activities", unified.create("ats/activities"));
            config.routes.post("/integrated-accounts", accountsApi::create);
            config.routes.get("/integrated-accounts", accountsApi::list);
            config.routes.get("/integrated-accounts/{id}", accountsApi::get);
            config.routes.patch("/integrated-accounts/{id}", accountsApi::patch);
            config.routes.delete("/integrated-accounts/{id}", accountsApi::delete);
            config.routes.exception(ApiException.class, ErrorResponses::api);
            config.routes.exception(HttpResponseException.class, ErrorResponses::javalin);
            config.routes.exception(Exception.class, ErrorResponses::unexpected);
        });
    }
}
