package dev.switchboard.observability;

import dev.switchboard.store.Database;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jetty.JettyServerThreadPoolMetrics;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import org.eclipse.jetty.util.thread.ThreadPool;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Collection;
import java.util.Set;

/**
 * What Switchboard counts, for Prometheus at {@code /metrics}: requests by integration,
 * resource, method and status; provider latency; safe retries; rate-limit waits.
 */
public final class Metrics {

    /**
     * Latency buckets, fixed: a percentile histogram would publish about 70 buckets per
     * integration and outcome. These cover a fast provider to the longest timeout.
     */
    private static final Duration[] LATENCY_BUCKETS = {Duration.ofMillis(10), Duration.ofMillis(25),
        Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
        Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10),
        Duration.ofSeconds(30)};

    /** The label a value outside the fixed set is counted under. */
    static final String OTHER = "other";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    // Labels come only from fixed sets: the catalog's names and the routes' methods. A value a
    // caller chose (a proxy resource that does not exist) would add a series per request.
    private volatile Set<String> integrations = Set.of();
    private volatile Set<String> resources = Set.of();
    private static final Set<String> METHODS = Set.of("list", "get", "create", "update", "delete", "dry-run", "meta");

    /** With the JVM's and the process's own meters: memory, GC, threads, classes, CPU, uptime, file descriptors. */
    public Metrics() {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
    }

    /**
     * The web server's threads: {@code jetty_threads_current}, {@code _idle}, and on a
     * platform-thread pool (Java 17) {@code _busy} and {@code _jobs}.
     */
    public void bindWebServer(ThreadPool threads) {
        new JettyServerThreadPoolMetrics(threads, Tags.empty()).bindTo(registry);
    }

    /** The store's connection pool: {@code hikaricp_connections_active}, {@code _idle}, {@code _pending}, … */
    public void bindStore(Database database) {
        database.bindMetrics(registry);
    }

    /** The only integration and resource names metrics will carry: the catalog's. */
    public void limitLabelsTo(Collection<String> integrationNames, Collection<String> resourceNames) {
        this.integrations = Set.copyOf(integrationNames);
        this.resources = Set.copyOf(resourceNames);
    }

    private static String fixed(String value, Set<String> allowed) {
        return allowed.contains(value) ? value : OTHER;
    }

    /** {@code switchboard_requests_total} */
    public void request(String integration, String resource, String method, int status) {
        Counter.builder("switchboard.requests").description("Requests to the unified API")
                .tags("integration", fixed(integration, integrations), "resource", fixed(resource, resources),
                        "method", fixed(method, METHODS), "status", String.valueOf(status >= 100 && status < 600 ? status : 0))
                .register(registry).increment();
    }

    /** {@code switchboard_provider_latency_seconds}, by outcome (an HTTP status, or timeout/broken/unreachable). */
    public void providerCall(String integration, String outcome, Duration took) {
        Timer.builder("switchboard.provider.latency").description("Time for a provider to answer")
                .tags("integration", fixed(integration, integrations), "outcome", outcome)
                .serviceLevelObjectives(LATENCY_BUCKETS)
                .register(registry).record(took);
    }

    /** {@code switchboard_retries_total}, by why the retry was safe. */
    public void retry(String integration, String reason) {
        Counter.builder("switchboard.retries").description("Provider calls sent again because it was safe")
                .tags("integration", fixed(integration, integrations), "reason", reason).register(registry).increment();
    }

    /** {@code switchboard_ratelimit_wait_seconds}: time spent queuing under a provider's rate. */
    public void rateLimitWait(String integration, Duration waited) {
        Timer.builder("switchboard.ratelimit.wait").description("Time queued to stay under a provider's rate")
                .tags("integration", fixed(integration, integrations)).register(registry).record(waited);
    }

    /** The Prometheus text exposition. */
    public String scrape() {
        return registry.scrape();
    }
}
