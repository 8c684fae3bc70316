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
import dev.switchboard.writes.IdempotencyStore;
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
        Thread thread = new Thread(runnable, "store-purge");
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
            // SWITCHBOARD_CATALOG: a catalog folder of the operator's own (an integration or model
            // not in this build), checked as strictly as the bundled one.
            String folder = config.environment().getOrDefault("SWITCHBOARD_CATALOG", "");
            Catalog catalog = folder.isBlank() ? CatalogLoader.loadBundled() : CatalogLoader.load(java.nio.file.Path.of(folder));
            var box = new SecretBox(KeySource.resolve(config.secretKey(), config.databaseUrl()));
            Database database = Database.open(config.databaseUrl(), config.migrateOnStart());
            Clock clock = Clock.systemUTC();
            var webhooks = new WebhookStore(database, box,
                    (int) config.setting("SWITCHBOARD_WEBHOOKS_PER_ENVIRONMENT", 16));
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
            var authority = new TokenAuthority(config.apiToken(), stores.tokens(), metricsEnvironments(config));
            // SWITCHBOARD_PUBLIC_URL: where people reach this server (links, OAuth redirects); this port otherwise.
            var port = new java.util.concurrent.atomic.AtomicInteger(config.port());
            var connector = new Connector(stores.catalog(), stores.accounts(), stores.linkTokens(), engine.credentials(),
                    engine.oauth(), config.environment(), () -> config.environment().getOrDefault("SWITCHBOARD_PUBLIC_URL",
                            "http://localhost:" + port.get()), connectLimits(config));
            var webhookUrls = new WebhookUrls(new BaseUrlPolicy(config.allowedHosts()));
            Javalin app = SwitchboardApp.create(new SwitchboardApp.Parts(stores.catalog(), stores.accounts(), engine.credentials(),
                    engine.writes(), engine.listing(), engine.downloads(), engine.proxy(), authority, engine.metrics(), stores.database()::reachable,
                    config.maxBodyBytes(), accessLog(config), slowBodies(config),
                    new SwitchboardApp.Connections(connector, stores.webhooks(), webhookUrls)));
            // SWITCHBOARD_BIND: every interface unless told otherwise (the sandbox: loopback only).
            app.start(config.environment().getOrDefault("SWITCHBOARD_BIND", "0.0.0.0"), config.port());
            port.set(app.port());
            engine.metrics().bindStore(stores.database());
            engine.metrics().bindWebServer(app.jettyServer().threadPool());
            // Rows that expire are purged on a schedule, each kind after its retention.
            Duration linkRetention = Duration.ofMinutes(config.setting("SWITCHBOARD_LINK_RETENTION_MINUTES", 24 * 60));
            Duration deliveryRetention = Duration.ofHours(config.setting("SWITCHBOARD_WEBHOOK_RETENTION_HOURS", 72));
            long every = config.setting("SWITCHBOARD_PURGE_INTERVAL_MS", Duration.ofMinutes(10).toMillis());
            var purge = PURGE.scheduleAtFixedRate(() -> {
                purgeQuietly("expired idempotency keys", () -> stores.keys().purgeExpired());
                purgeQuietly("expired or spent link tokens and OAuth states",
                        () -> stores.linkTokens().purge(linkRetention));
                purgeQuietly("delivered or given-up webhook messages",
                        () -> stores.webhooks().purgeSettled(deliveryRetention));
            }, 0, every, TimeUnit.MILLISECONDS);
            // The outbox is delivered by every process; each message by one of them at a time.
            var delivery = WebhookDelivery.start(stores.database(), stores.webhooks(), webhookUrls,
                    new WebhookDelivery.Timing(Duration.ofMillis(config.setting("SWITCHBOARD_WEBHOOK_POLL_MS", 500)),
                            Duration.ofMillis(config.setting("SWITCHBOARD_WEBHOOK_FIRST_RETRY_MS", 5_000))),
                    webhookLimits(config));
            return new Server(app, stores, purge, accountChanges, delivery);
        } catch (RuntimeException e) {
            accountChanges.ifPresent(ChangeListener::close);
            stores.close();
            throw e;
        }
    }

    /** {@code SWITCHBOARD_METRICS_ENVIRONMENTS}: comma-separated environments whose tokens may read /metrics. */
    private static java.util.Set<String> metricsEnvironments(ServerConfig config) {
        var names = new java.util.HashSet<String>();
        for (String name : config.environment().getOrDefault("SWITCHBOARD_METRICS_ENVIRONMENTS", "").split(",")) {
            if (!name.isBlank()) {
                names.add(name.trim());
            }
        }
        return names;
    }

    private static Connector.Limits connectLimits(ServerConfig config) {
        var defaults = Connector.Limits.DEFAULT;
        return new Connector.Limits((int) config.setting("SWITCHBOARD_CONNECT_CHECKS_PER_LINK", defaults.perLink()),
                (int) config.setting("SWITCHBOARD_CONNECT_CHECKS_PER_ADDRESS", defaults.perAddress()),
                Duration.ofMillis(config.setting("SWITCHBOARD_CONNECT_CHECK_INTERVAL_MS",
                        defaults.interval().toMillis())),
                (int) config.setting("SWITCHBOARD_CONNECT_FAILED_CHECKS", defaults.failedChecks()));
    }

    private static WebhookDelivery.Limits webhookLimits(ServerConfig config) {
        var defaults = WebhookDelivery.Limits.DEFAULT;
        return new WebhookDelivery.Limits(
                Duration.ofMillis(config.setting("SWITCHBOARD_WEBHOOK_DEADLINE_MS", defaults.deadline().toMillis())),
                (int) config.setting("SWITCHBOARD_WEBHOOK_CONCURRENCY_PER_WEBHOOK", defaults.perWebhook()),
                (int) config.setting("SWITCHBOARD_WEBHOOK_CONCURRENCY_PER_ENVIRONMENT", defaults.perEnvironment()),
                (int) config.setting("SWITCHBOARD_WEBHOOK_CONCURRENCY", defaults.perProcess()));
    }

    private static SwitchboardApp.SlowBodies slowBodies(ServerConfig config) {
        var defaults = SwitchboardApp.SlowBodies.DEFAULT;
        return new SwitchboardApp.SlowBodies(
                config.setting("SWITCHBOARD_MIN_BODY_BYTES_PER_SECOND", defaults.minBytesPerSecond()),
                config.setting("SWITCHBOARD_BODY_IDLE_TIMEOUT_MS", defaults.idleMillis()));
    }

    private static void purgeQuietly(String what, java.util.function.IntSupplier purge) {
        try {
            int purged = purge.getAsInt();
            if (purged > 0) {
                LOG.info("forgot {} {}", purged, what);
            }
        } catch (RuntimeException e) {
            LOG.warn("purging {} failed: {}", what, e.getMessage());
        }
    }

    /**
     * Where the access log's lines go: standard output, in the shape of every log line, when
     * {@code SWITCHBOARD_ACCESS_LOG} is {@code on} (the default; the sandbox's is {@code off})
     * and the logging configuration has logger {@code switchboard.access} at info (it does,
     * but in the tests). Written directly rather than through an appender: the per-event work
     * of a logging framework cost a fifth of the throughput under load (docs/BENCHMARKS.md);
     * and from one writer thread in batches, not by each request (see {@link LineWriter}).
     */
    private static java.util.function.Consumer<String> accessLog(ServerConfig config) {
        String setting = config.environment().getOrDefault("SWITCHBOARD_ACCESS_LOG", "on").trim();
        if (!setting.equals("on") && !setting.equals("off")) {
            throw new IllegalArgumentException("SWITCHBOARD_ACCESS_LOG must be on or off, not '" + setting + "'");
        }
        if (!setting.equals("on") || !LoggerFactory.getLogger("switchboard.access").isInfoEnabled()) {
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
