package dev.switchboard;

import dev.switchboard.accounts.AccountService;
import dev.switchboard.accounts.BaseUrlPolicy;
import dev.switchboard.accounts.JdbcAccountStore;
import dev.switchboard.api.SwitchboardApp;
import dev.switchboard.catalog.Catalog;
import dev.switchboard.catalog.CatalogLoader;
import dev.switchboard.connect.Connector;
import dev.switchboard.connect.LinkTokens;
import dev.switchboard.config.ServerConfig;
import dev.switchboard.crypto.KeySource;
import dev.switchboard.crypto.SecretBox;
import dev.switchboard.idempotency.IdempotencyStore;
import dev.switchboard.observability.LineWriter;
import dev.switchboard.store.ChangeListener;
import dev.switchboard.store.Database;
import dev.switchboard.store.Dialect;
import dev.switchboard.tokens.TokenAuthority;
import dev.switchboard.tokens.TokenStore;
import dev.switchboard.webhooks.Outbox;
import dev.switchboard.webhooks.WebhookDelivery;
import dev.switchboard.webhooks.WebhookStore;
import dev.switchboard.webhooks.WebhookUrls;
import io.javalin.Javalin;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running Switchboard: its parts wired together from a configuration. */
public final class Server implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Server.class);
    /** A running request beats its claim every 10 s: one not beaten for 30 s belongs to a dead process. */
    private static final Duration IN_FLIGHT_LEASE = Duration.ofSeconds(30);
    private static final ScheduledExecutorService PURGE = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "idempotency-purge");
        thread.setDaemon(true);
        return thread;
    });

    private final Javalin app;
    private final Stores stores;
    private final ScheduledFuture<?> purge;
    private final Optional<ChangeListener> accountChanges;
    private final WebhookDelivery delivery;

    private Server(Javalin app, Stores stores, ScheduledFuture<?> purge, Optional<ChangeListener> accountChanges,
            WebhookDelivery delivery) {
        this.delivery = delivery;
        this.app = app;
        this.stores = stores;
        this.purge = purge;
        this.accountChanges = accountChanges;
    }

    /** The store-side parts, also what the command line's maintenance commands use. */
    public record Stores(Database database, AccountService accounts, TokenStore tokens, IdempotencyStore keys,
            Catalog catalog, SecretBox box, WebhookStore webhooks, LinkTokens linkTokens) implements AutoCloseable {

        /** The stores the SWITCHBOARD_* environment names: what every maintenance command works on. */
        public static Stores fromEnvironment() {
            return open(ServerConfig.fromEnvironment(System.getenv()));
        }

        public static Stores open(ServerConfig config) {
            Catalog catalog = CatalogLoader.loadBundled();
            var box = new SecretBox(KeySource.resolve(config.secretKey(), config.databaseUrl()));
            Database database = Database.open(config.databaseUrl(), config.migrateOnStart());
            Clock clock = Clock.systemUTC();
            var webhooks = new WebhookStore(database, box);
            // Account changes and their webhook events commit together.
            var accounts = new AccountService(new JdbcAccountStore(database, box, new Outbox(webhooks, clock)), catalog,
                    new BaseUrlPolicy(config.allowedHosts()), clock, config.accountCacheTtl());
            // A running request beats its claim; one not beaten for a lease belongs to a process that died.
            var keys = new IdempotencyStore(database, box, clock, config.idempotencyTtl(),
                    Duration.ofMillis(config.setting("SWITCHBOARD_IDEMPOTENCY_LEASE_MS", IN_FLIGHT_LEASE.toMillis())),
                    Duration.ofSeconds(10));
            return new Stores(database, accounts, new TokenStore(database, clock), keys, catalog, box, webhooks,
                    new LinkTokens(database, clock));
        }

        @Override
        public void close() {
            database.close();
        }
    }

    /** Loads and validates the catalog, opens and migrates the store, and starts serving. */
    public static Server start(ServerConfig config) {
        Stores stores = Stores.open(config);
        Optional<ChangeListener> accountChanges = Optional.empty();
        try {
            if (stores.database().dialect() == Dialect.POSTGRESQL) {
                // Other processes on this database announce account changes; drop our copies.
                AccountService accounts = stores.accounts();
                accountChanges = Optional.of(ChangeListener.start(config.databaseUrl(), JdbcAccountStore.CHANGES,
                        accounts::forget, accounts::forgetAll));
            }
            Engine engine = Engine.build(config, stores);
            var authority = new TokenAuthority(config.apiToken(), stores.tokens());
            // SWITCHBOARD_PUBLIC_URL: where people reach this server (links, OAuth redirects); this port otherwise.
            var port = new java.util.concurrent.atomic.AtomicInteger(config.port());
            var connector = new Connector(stores.catalog(), stores.accounts(), stores.linkTokens(), engine.credentials(),
                    engine.oauth(), config.environment(), () -> config.environment().getOrDefault("SWITCHBOARD_PUBLIC_URL",
                            "http://localhost:" + port.get()));
            var webhookUrls = new WebhookUrls(new BaseUrlPolicy(config.allowedHosts()));
            Javalin app = SwitchboardApp.create(new SwitchboardApp.Parts(stores.catalog(), stores.accounts(),
                    engine.pipeline(), engine.listing(), engine.proxy(), authority, engine.metrics(), stores.database()::reachable,
                    config.maxBodyBytes(), accessLog(), slowBodies(config),
                    new SwitchboardApp.Connections(connector, stores.webhooks(), webhookUrls)));
            // SWITCHBOARD_BIND: every interface unless told otherwise (the sandbox: loopback only).
            app.start(config.environment().getOrDefault("SWITCHBOARD_BIND", "0.0.0.0"), config.port());
            port.set(app.port());
            engine.metrics().bindStore(stores.database());
            engine.metrics().bindWebServer(app.jettyServer().threadPool());
            var purge = PURGE.scheduleAtFixedRate(() -> purgeQuietly(stores.keys()), 0, 10, TimeUnit.MINUTES);
            // The outbox is delivered by every process; each message by one of them at a time.
            var delivery = WebhookDelivery.start(stores.database(), stores.webhooks(), webhookUrls,
                    new WebhookDelivery.Timing(Duration.ofMillis(config.setting("SWITCHBOARD_WEBHOOK_POLL_MS", 500)),
                            Duration.ofMillis(config.setting("SWITCHBOARD_WEBHOOK_FIRST_RETRY_MS", 5_000))));
            return new Server(app, stores, purge, accountChanges, delivery);
        } catch (RuntimeException e) {
            accountChanges.ifPresent(ChangeListener::close);
            stores.close();
            throw e;
        }
    }

    private static SwitchboardApp.SlowBodies slowBodies(ServerConfig config) {
        var defaults = SwitchboardApp.SlowBodies.DEFAULT;
        return new SwitchboardApp.SlowBodies(
                config.setting("SWITCHBOARD_MIN_BODY_BYTES_PER_SECOND", defaults.minBytesPerSecond()),
                config.setting("SWITCHBOARD_BODY_IDLE_TIMEOUT_MS", defaults.idleMillis()));
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

    /**
     * Where the access log's lines go: standard output, each already one JSON object, when
     * the logging configuration has logger {@code switchboard.access} at info (it does, but in
     * the tests). Written directly rather than through an appender: the per-event work of a
     * logging framework cost a fifth of the throughput under load (docs/BENCHMARKS.md); and
     * from one writer thread in batches, not by each request (see {@link LineWriter}).
     */
    private static java.util.function.Consumer<String> accessLog() {
        if (!LoggerFactory.getLogger("switchboard.access").isInfoEnabled()) {
            return line -> { };
        }
        synchronized (Server.class) {
            if (accessLogWriter == null) {
                accessLogWriter = LineWriter.toStandardOutput();
            }
            return accessLogWriter;
        }
    }

    /** One writer per process, however many servers it starts (the tests start many). */
    private static LineWriter accessLogWriter;

    public int port() {
        return app.port();
    }

    public AccountService accounts() {
        return stores.accounts();
    }

    public TokenStore tokens() {
        return stores.tokens();
    }

    public Catalog catalog() {
        return stores.catalog();
    }

    @Override
    public void close() {
        purge.cancel(false);
        delivery.close();
        app.stop();
        accountChanges.ifPresent(ChangeListener::close);
        stores.close();
    }
}
