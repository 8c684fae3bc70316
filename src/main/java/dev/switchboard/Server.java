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
import dev.switchboard.engine.AccountRateLimiter;
import dev.switchboard.engine.OAuthRefresher;
import dev.switchboard.engine.RemoteCaller;
import dev.switchboard.engine.TimeoutPolicy;
import dev.switchboard.idempotency.IdempotencyStore;
import dev.switchboard.engine.UnifiedPipeline;
import dev.switchboard.store.Database;
import dev.switchboard.tokens.TokenAuthority;
import dev.switchboard.tokens.TokenStore;
import dev.switchboard.transport.ProviderClient;
import io.javalin.Javalin;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running Switchboard: its parts wired together from a configuration. */
public final class Server implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Server.class);
    private static final Duration IN_FLIGHT_LEASE = Duration.ofMinutes(5);
    private static final ScheduledExecutorService PURGE = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "idempotency-purge");
        thread.setDaemon(true);
        return thread;
    });

    private final Javalin app;
    private final Stores stores;

    private Server(Javalin app, Stores stores) {
        this.app = app;
        this.stores = stores;
    }

    /** The store-side parts, also what the command line's maintenance commands use. */
    public record Stores(Database database, AccountService accounts, TokenStore tokens, IdempotencyStore keys,
            Catalog catalog) implements AutoCloseable {

        public static Stores open(ServerConfig config) {
            Catalog catalog = CatalogLoader.loadBundled();
            var box = new SecretBox(KeySource.resolve(config.secretKey(), config.databaseUrl()));
            Database database = Database.open(config.databaseUrl());
            Clock clock = Clock.systemUTC();
            var accounts = new AccountService(new JdbcAccountStore(database, box), catalog,
                    new BaseUrlPolicy(config.allowedHosts()), clock);
            // An in-flight claim older than the longest a request can take belongs to a process that died.
            var keys = new IdempotencyStore(database, clock, config.idempotencyTtl(), IN_FLIGHT_LEASE,
                    Duration.ofSeconds(10));
            return new Stores(database, accounts, new TokenStore(database, clock), keys, catalog);
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
            var client = new ProviderClient();
            var timeouts = new TimeoutPolicy(config);
            var oauth = new OAuthRefresher(stores.accounts(), client, timeouts, config.environment(), Clock.systemUTC());
            var caller = new RemoteCaller(client, oauth, new AccountRateLimiter(), timeouts, config.retryBudget());
            var pipeline = new UnifiedPipeline(stores.catalog(), stores.accounts(), caller, stores.keys());
            PURGE.scheduleAtFixedRate(() -> purgeQuietly(stores.keys()), 0, 10, TimeUnit.MINUTES);
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

    private static void purgeQuietly(IdempotencyStore keys) {
        try {
            int purged = keys.purgeExpired();
            if (purged > 0) {
                LOG.info("forgot {} expired idempotency keys", purged);
            }
        } catch (RuntimeException e) {
            LOG.warn("purging expired idempotency keys failed: {}", e.getMessage());
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
