package dev.switchboard;

import dev.switchboard.accounts.AccountService;
import dev.switchboard.accounts.BaseUrlPolicy;
import dev.switchboard.accounts.JdbcAccountStore;
import dev.switchboard.api.SwitchboardApp;
import dev.switchboard.catalog.Catalog;
import dev.switchboard.catalog.CatalogLoader;
import dev.switchboard.config.ServerConfig;
import dev.switchboard.crypto.KeySource;
import dev.switchboard.crypto.SecretBox;
import dev.switchboard.engine.OAuthRefresher;
import dev.switchboard.engine.UnifiedPipeline;
import dev.switchboard.store.Database;
import dev.switchboard.tokens.TokenAuthority;
import dev.switchboard.tokens.TokenStore;
import dev.switchboard.transport.ProviderClient;
import io.javalin.Javalin;
import java.time.Clock;

/** A running Switchboard: its parts wired together from a configuration. */
public final class Server implements AutoCloseable {

    private final Javalin app;
    private final Stores stores;

    private Server(Javalin app, Stores stores) {
        this.app = app;
        this.stores = stores;
    }

    /** The store-side parts, also what the command line's maintenance commands use. */
    public record Stores(Database database, AccountService accounts, TokenStore tokens, Catalog catalog)
            implements AutoCloseable {

        public static Stores open(ServerConfig config) {
            Catalog catalog = CatalogLoader.loadBundled();
            var box = new SecretBox(KeySource.resolve(config.secretKey(), config.databaseUrl()));
            Database database = Database.open(config.databaseUrl());
            var accounts = new AccountService(new JdbcAccountStore(database, box), catalog,
                    new BaseUrlPolicy(config.allowedHosts()), Clock.systemUTC());
            return new Stores(database, accounts, new TokenStore(database, Clock.systemUTC()), catalog);
        }

        @Override
        public void close() {
            database.close();
        }
    }

    /** Loads and validates the catalog, opens and migrates the store, and starts serving. */
    public static Server start(ServerConfig config) {
        Stores stores = Stores.open(config);
        try {
            var client = new ProviderClient(config.connectTimeout(), config.remoteTimeout());
            var oauth = new OAuthRefresher(stores.accounts(), client, config.environment(), Clock.systemUTC());
            var pipeline = new UnifiedPipeline(stores.catalog(), stores.accounts(), client, oauth);
            var authority = new TokenAuthority(config.apiToken(), stores.tokens());
            Javalin app = SwitchboardApp.create(stores.catalog(), stores.accounts(), pipeline, authority,
                    config.maxBodyBytes());
            app.start(config.port());
            return new Server(app, stores);
        } catch (RuntimeException e) {
            stores.close();
            throw e;
        }
    }

    public int port() {
        return app.port();
    }

    public AccountService accounts() {
        return stores.accounts();
    }

    public TokenStore tokens() {
        return stores.tokens();
    }

    @Override
    public void close() {
        app.stop();
        stores.close();
    }
}
