package dev.switchboard;

import dev.switchboard.accounts.AccountService;
import dev.switchboard.accounts.BaseUrlPolicy;
import dev.switchboard.accounts.JdbcAccountStore;
import dev.switchboard.api.SwitchboardApp;
import dev.switchboard.catalog.Catalog;
import dev.switchboard.catalog.CatalogLoader;
import dev.switchboard.config.ServerConfig;
import dev.switchboard.engine.UnifiedPipeline;
import dev.switchboard.transport.ProviderClient;
import io.javalin.Javalin;
import java.time.Clock;

/** A running Switchboard: its parts wired together from a configuration. */
public final class Server implements AutoCloseable {

    private final Javalin app;
    private final AccountService accounts;

    private Server(Javalin app, AccountService accounts) {
        this.app = app;
        this.accounts = accounts;
    }

    /** Loads and validates the catalog, opens the store, and starts serving. */
    public static Server start(ServerConfig config) {
        Catalog catalog = CatalogLoader.loadBundled();
        var store = JdbcAccountStore.open(config.databaseUrl());
        var accounts = new AccountService(store, catalog, new BaseUrlPolicy(config.allowedHosts()), Clock.systemUTC());
        var client = new ProviderClient(config.connectTimeout(), config.remoteTimeout());
        var pipeline = new UnifiedPipeline(catalog, accounts, client);
        Javalin app = SwitchboardApp.create(catalog, accounts, pipeline, config.apiToken());
        app.start(config.port());
        return new Server(app, accounts);
    }

    public int port() {
        return app.port();
    }

    public AccountService accounts() {
        return accounts;
    }

    @Override
    public void close() {
        app.stop();
    }
}
