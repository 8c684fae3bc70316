package dev.switchboard.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;

/**
 * What Switchboard counts, for Prometheus at {@code /metrics}: requests by integration,
 * resource, method and status; provider latency; safe retries; rate-limit waits.
 */
public final class Metrics {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    /** {@code switchboard_requests_total} */
    public void request(String integration, String resource, String method, int status) {
        Counter.builder("switchboard.requests").description("Requests to the unified API")
                .tags("integration", integration, "resource", resource, "method", method, "status", String.valueOf(status))
                .register(registry).increment();
    }

    /** {@code switchboard_provider_latency_seconds}, by outcome (an HTTP status, or timeout/broken/unreachable). */
    public void providerCall(String integration, String outcome, Duration took) {
        Timer.builder("switchboard.provider.latency").description("Time for a provider to answer")
                .tags("integration", integration, "outcome", outcome)
                .publishPercentileHistogram()
                .register(registry).record(took);
    }

    /** {@code switchboard_retries_total}, by why the retry was safe. */
    public void retry(String integration, String reason) {
        Counter.builder("switchboard.retries").description("Provider calls sent again because it was safe")
                .tags("integration", integration, "reason", reason).register(registry).increment();
    }

    /** {@code switchboard_ratelimit_wait_seconds}: time spent queuing under a provider's rate. */
    public void rateLimitWait(String integration, Duration waited) {
        Timer.builder("switchboard.ratelimit.wait").description("Time queued to stay under a provider's rate")
                .tags("integration", integration).register(registry).record(waited);
    }

    /** The Prometheus text exposition. */
    public String scrape() {
        return registry.scrape();
    }
}
