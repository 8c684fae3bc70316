package dev.switchboard;

import dev.switchboard.config.ServerConfig;
import dev.switchboard.connect.CredentialCheck;
import dev.switchboard.accounts.BaseUrlPolicy;
import dev.switchboard.reads.Downloads;
import dev.switchboard.reads.FileHosts;
import dev.switchboard.reads.Listing;
import dev.switchboard.reads.PageReader;
import dev.switchboard.ratelimit.LocalRateLimiter;
import dev.switchboard.proxy.Proxy;
import dev.switchboard.oauth.OAuthRefresher;
import dev.switchboard.ratelimit.RateLimitPolicy;
import dev.switchboard.ratelimit.RateLimiter;
import dev.switchboard.remote.RemoteCaller;
import dev.switchboard.ratelimit.SharedRateLimiter;
import dev.switchboard.remote.TimeoutPolicy;
import dev.switchboard.unified.UnifiedPipeline;
import dev.switchboard.writes.KeyedCreates;
import dev.switchboard.writes.Reconciler;
import dev.switchboard.writes.RetryMemory;
import dev.switchboard.writes.SafeWrites;
import dev.switchboard.remote.Bulkhead;
import dev.switchboard.remote.CircuitBreaker;
import dev.switchboard.observability.Metrics;
import dev.switchboard.store.Dialect;
import dev.switchboard.remote.ProviderClient;
import java.time.Clock;
import java.time.Duration;

/** The request path without HTTP: what the server and {@code switchboard call} both run. */
public record Engine(SafeWrites writes, Listing listing, Downloads downloads, Proxy proxy, Metrics metrics,
        OAuthRefresher oauth, CredentialCheck credentials) {

    /** How long a keyless write whose outcome stayed unknown is remembered for an SDK's retry. */
    private static final Duration RETRY_MEMORY = Duration.ofSeconds(10);
    /** The largest file a download passes on, unless SWITCHBOARD_MAX_FILE_BYTES says otherwise. */
    private static final long MAX_FILE_BYTES = 512L * 1024 * 1024;

    /** The resource labels there can be: each unified resource, and proxy/ with each proxy resource. */
    private static java.util.Set<String> metricResources(dev.switchboard.catalog.Catalog catalog) {
        var names = new java.util.HashSet<String>();
        for (String integration : catalog.integrationNames()) {
            var definition = catalog.integration(integration).orElseThrow();
            names.addAll(definition.resources().keySet());
            definition.proxy().keySet().forEach(resource -> names.add("proxy/" + resource));
        }
        return names;
    }

    public static Engine build(ServerConfig config, Server.Stores stores) {
        var metrics = new Metrics();
        metrics.limitLabelsTo(stores.catalog().integrationNames(), metricResources(stores.catalog()));
        var client = new ProviderClient((int) config.setting("SWITCHBOARD_MAX_ANSWER_BYTES",
                ProviderClient.DEFAULT_MAX_ANSWER_BYTES));
        var timeouts = new TimeoutPolicy(config);
        var oauth = new OAuthRefresher(stores.accounts(), client, timeouts, config.environment(), Clock.systemUTC());
        // Processes sharing PostgreSQL share each account's rate; one embedded store means one process.
        RateLimiter limiter = stores.database().dialect() == Dialect.POSTGRESQL
                ? new SharedRateLimiter(stores.database()) : new LocalRateLimiter();
        var caller = new RemoteCaller(client, oauth, limiter, timeouts,
                new RateLimitPolicy(config.environment()), config.retryBudget(), metrics,
                new Bulkhead((int) config.setting("SWITCHBOARD_MAX_IN_FLIGHT_PER_ACCOUNT", 64),
                        (int) config.setting("SWITCHBOARD_MAX_IN_FLIGHT_PER_INTEGRATION", 256)),
                new CircuitBreaker((int) config.setting("SWITCHBOARD_BREAKER_FAILURES", 5),
                        Duration.ofMillis(config.setting("SWITCHBOARD_BREAKER_OPEN_MS", 10_000))));
        var pages = new PageReader(caller, stores.accounts());
        var writes = new SafeWrites(new UnifiedPipeline(stores.catalog(), stores.accounts(), caller),
                new KeyedCreates(stores.keys()), new RetryMemory(Clock.systemUTC(), RETRY_MEMORY),
                new Reconciler(stores.catalog(), pages));
        var downloads = new Downloads(stores.catalog(), stores.accounts(), caller, pages, stores.box(),
                new FileHosts(new BaseUrlPolicy(config.allowedHosts())),
                config.setting("SWITCHBOARD_MAX_FILE_BYTES", MAX_FILE_BYTES));
        return new Engine(writes, new Listing(stores.catalog(), stores.accounts(), pages, stores.box()), downloads,
                new Proxy(stores.catalog(), stores.accounts(), caller), metrics, oauth,
                new CredentialCheck(stores.catalog(), caller, oauth));
    }
}
