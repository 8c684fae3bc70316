package dev.switchboard;

import dev.switchboard.config.ServerConfig;
import dev.switchboard.engine.CredentialCheck;
import dev.switchboard.engine.Listing;
import dev.switchboard.engine.LocalRateLimiter;
import dev.switchboard.engine.Proxy;
import dev.switchboard.engine.OAuthRefresher;
import dev.switchboard.engine.RateLimitPolicy;
import dev.switchboard.engine.RateLimiter;
import dev.switchboard.engine.RemoteCaller;
import dev.switchboard.engine.SharedRateLimiter;
import dev.switchboard.engine.TimeoutPolicy;
import dev.switchboard.engine.UnifiedPipeline;
import dev.switchboard.resilience.Bulkhead;
import dev.switchboard.resilience.CircuitBreaker;
import dev.switchboard.observability.Metrics;
import dev.switchboard.store.Dialect;
import dev.switchboard.transport.ProviderClient;
import java.time.Clock;
import java.time.Duration;

/** The request path without HTTP: what the server and {@code switchboard call} both run. */
public record Engine(UnifiedPipeline pipeline, Listing listing, Proxy proxy, Metrics metrics, OAuthRefresher oauth,
        CredentialCheck credentials) {

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
        return new Engine(new UnifiedPipeline(stores.catalog(), stores.accounts(), caller, stores.keys()),
                new Listing(stores.catalog(), stores.accounts(), caller, stores.box()),
                new Proxy(stores.catalog(), stores.accounts(), caller), metrics, oauth,
                new CredentialCheck(stores.catalog(), caller, oauth));
    }
}
