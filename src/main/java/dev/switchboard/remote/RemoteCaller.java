package dev.switchboard.remote;

import dev.switchboard.oauth.OAuthRefresher;
import dev.switchboard.ratelimit.RateLimitHeaders;
import dev.switchboard.ratelimit.RateLimitPolicy;
import dev.switchboard.ratelimit.RateLimiter;

import dev.switchboard.accounts.IntegratedAccount;
import dev.switchboard.catalog.IntegrationDefinition;
import dev.switchboard.catalog.Operation;
import dev.switchboard.catalog.RateLimit;
import dev.switchboard.catalog.Timeouts;
import dev.switchboard.error.ApiException;
import dev.switchboard.observability.Metrics;
import dev.switchboard.observability.RequestTrace;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gets one call to the provider answered, retrying only what is provably safe: a request
 * that never reached the provider (no connection), one the provider turned away with a
 * 429 (after the wait it asks for, if that fits the request's retry budget), and one
 * whose OAuth token it refused (after one refresh). Everything else is final.
 */
public final class RemoteCaller {

    private static final Logger LOG = LoggerFactory.getLogger(RemoteCaller.class);
    private static final int MAX_CONNECT_ATTEMPTS = 3;

    private final ProviderClient client;
    private final OAuthRefresher oauth;
    private final RateLimiter limiter;
    private final TimeoutPolicy timeouts;
    private final RateLimitPolicy rateLimits;
    private final Duration retryBudget;
    private final Metrics metrics;
    private final Bulkhead bulkhead;
    private final CircuitBreaker breaker;

    public RemoteCaller(ProviderClient client, OAuthRefresher oauth, RateLimiter limiter, TimeoutPolicy timeouts,
            RateLimitPolicy rateLimits, Duration retryBudget, Metrics metrics, Bulkhead bulkhead,
            CircuitBreaker breaker) {
        this.bulkhead = bulkhead;
        this.breaker = breaker;
        this.metrics = metrics;
        this.rateLimits = rateLimits;
        this.client = client;
        this.oauth = oauth;
        this.limiter = limiter;
        this.timeouts = timeouts;
        this.retryBudget = retryBudget;
    }

    /**
     * The provider's answer, opened. Throws {@link ApiException} when the provider did
     * not act on the request, {@link OutcomeUnknown} when it may have.
     *
     * @param build the request, for the account's credentials as they stand
     */
    public RemoteStream call(Operation operation, IntegratedAccount account, Function<IntegratedAccount, RemoteRequest> build,
            RequestTrace trace) throws OutcomeUnknown {
        return call(operation.integration(), account, build, trace);
    }

    /** The same for a call that no unified operation describes (the proxy API). */
    public RemoteStream call(IntegrationDefinition definition, IntegratedAccount account,
            Function<IntegratedAccount, RemoteRequest> build, RequestTrace trace) throws OutcomeUnknown {
        return call(definition, account, build, trace, Optional.empty());
    }

    /** @param deadline when the call must be over, if sooner than the integration's timeouts allow */
    public RemoteStream call(IntegrationDefinition definition, IntegratedAccount account,
            Function<IntegratedAccount, RemoteRequest> build, RequestTrace trace, Optional<Instant> deadline)
            throws OutcomeUnknown {
        return callWithin(definition, account, build, trace, deadline);
    }

    private RemoteStream callWithin(IntegrationDefinition definition, IntegratedAccount account,
            Function<IntegratedAccount, RemoteRequest> build, RequestTrace trace, Optional<Instant> deadline)
            throws OutcomeUnknown {
        String integration = definition.name();
        Instant budgetEnd = Instant.now().plus(retryBudget);
        IntegratedAccount current = oauth.ensureFresh(definition, account);
        boolean refreshed = false;
        int connectAttempts = 0;
        while (true) {
            throttle(definition, current, budgetEnd);
            RemoteRequest request = build.apply(current);
            String host = request.uri().getHost() + ":" + request.uri().getPort();
            breaker.admit(host, definition.label());
            // A place is held while the call is at the provider, until its answer is read or closed:
            // a hanging provider holds only its own account's and integration's places.
            Bulkhead.Permit permit = bulkhead.enter(integration, current.id());
            RemoteStream stream;
            long started = System.nanoTime();
            try {
                RemoteStream opened = client.open(request, within(timeouts.of(definition), deadline));
                stream = new RemoteStream(opened.status(), opened.headers(), new ReleasingStream(opened.body(), permit),
                        opened.deadline());
                breaker.answered(host);
                record(definition, request, String.valueOf(stream.status()), stream.status(), started, trace);
            } catch (RemoteFailure | RuntimeException failed) {
                permit.close();
                if (!(failed instanceof RemoteFailure failure)) {
                    throw (RuntimeException) failed;
                }
                if (failure.kind() != RemoteFailure.Kind.BROKEN) {
                    breaker.unanswered(host);
                }
                record(definition, request, failure.kind().name().toLowerCase(), 0, started, trace);
                trace.providerFailure(failure.networkCause().wire());
                if (failure.kind() != RemoteFailure.Kind.UNREACHABLE) {
                    throw new OutcomeUnknown(RemoteErrors.failure(definition, failure));
                }
                if (++connectAttempts < MAX_CONNECT_ATTEMPTS
                        && pause(Duration.ofMillis(100L << connectAttempts), budgetEnd)) {
                    metrics.retry(integration, "unreachable");
                    continue; // nothing was sent, so sending again cannot duplicate
                }
                throw RemoteErrors.failure(definition, failure);
            }
            if (stream.status() == 401 && !refreshed && oauth.applies(definition, current)) {
                ProviderClient.discard(stream);
                current = oauth.afterRejection(definition, current);
                refreshed = true;
                metrics.retry(integration, "token_refreshed");
                continue;
            }
            if (stream.status() == 429) {
                Optional<Duration> wait = RateLimitHeaders.retryAfter(stream::header);
                if (wait.isPresent() && pause(wait.get(), budgetEnd)) {
                    ProviderClient.discard(stream);
                    metrics.retry(integration, "rate_limited");
                    continue;
                }
            }
            return stream;
        }
    }

    /** The integration's timeouts, shortened to end by the deadline; a deadline already past sends nothing. */
    private static Timeouts within(Timeouts timeouts, Optional<Instant> deadline) {
        if (deadline.isEmpty()) {
            return timeouts;
        }
        long left = Duration.between(Instant.now(), deadline.get()).toMillis();
        if (left <= 0) {
            throw ApiException.of(504, "no time was left for this call; it was not sent");
        }
        return new Timeouts(Math.min(timeouts.connectMs(), left), Math.min(timeouts.totalMs(), left));
    }

    /** Reads an opened answer whole, within the size this server reads whole. */
    public RemoteResponse read(RemoteStream stream) throws RemoteFailure {
        return client.read(stream);
    }

    /** Keeps under the provider's documented rate for this account, waiting within the budget. */
    private void throttle(IntegrationDefinition definition, IntegratedAccount account, Instant budgetEnd) {
        Optional<RateLimit> limit = rateLimits.of(definition);
        if (limit.isEmpty()) {
            return;
        }
        Duration maxWait = Duration.between(Instant.now(), budgetEnd);
        long started = System.nanoTime();
        RateLimiter.Slot slot = limiter.reserve(account.id(), limit.get(), maxWait.isNegative() ? Duration.ZERO : maxWait);
        if (!slot.refused() && !slot.delay().isZero()) {
            sleep(slot.delay());
        }
        metrics.rateLimitWait(definition.name(), Duration.ofNanos(System.nanoTime() - started));
        if (slot.refused()) {
            long seconds = Math.max(1, (slot.delay().toMillis() + 999) / 1000);
            throw ApiException.of(429, "this account is at " + definition.label()
                    + "'s rate limit of " + limit.get().requestsPerSecond() + " requests per second")
                    .withHeader("Retry-After", String.valueOf(seconds));
        }
    }

    /** False when the thread was interrupted instead. */
    private static boolean sleep(Duration wait) {
        try {
            Thread.sleep(wait.toMillis(), (int) (wait.toNanos() % 1_000_000));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Sleeps if the wait ends within the budget; false (no sleep) when it would not. */
    private static boolean pause(Duration wait, Instant budgetEnd) {
        return !Instant.now().plus(wait).isAfter(budgetEnd) && sleep(wait);
    }

    private void record(IntegrationDefinition definition, RemoteRequest remote, String outcome, int status, long started,
            RequestTrace trace) {
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        metrics.providerCall(definition.name(), outcome, took);
        trace.providerCall(status, took.toMillis());
        // The path only: query strings and headers stay out of the log.
        LOG.debug("{} {} {} -> {} in {} ms", definition.name(), remote.method(),
                remote.uri().getRawPath(), outcome, took.toMillis());
    }
}
