package dev.switchboard.webhooks;

import dev.switchboard.store.Database;
import dev.switchboard.store.Sql;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox, at least once per event and webhook. No tenant can take delivery
 * capacity from another: each delivery has one deadline for the whole exchange, response
 * body included; deliveries run independently of each other (the poller never waits for
 * one); at most {@code perWebhook} deliveries of one webhook and {@code perEnvironment} of
 * one environment are in flight at once across every process (counted from the leases in
 * the store); and due rows are taken in turn across environments, oldest first within each.
 * A claim counts as an attempt and its lease outlasts the deadline, so a delivery that hangs
 * or kills its process is given up on schedule rather than stalling each process in turn.
 * A failed delivery is tried again later, each wait four times the last, for 24 hours.
 * Redirects are never followed.
 */
public final class WebhookDelivery implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookDelivery.class);
    private static final Duration GIVE_UP_AFTER = Duration.ofHours(24);
    private static final Duration LONGEST_WAIT = Duration.ofHours(4);
    /** What the lease adds to the deadline: time to record the outcome after the deadline fires. */
    private static final Duration SETTLE_MARGIN = Duration.ofSeconds(5);

    /** How often the outbox is read, and how long after a first failure the next try comes. */
    public record Timing(Duration poll, Duration firstRetry) {
    }

    /**
     * How much of the delivery capacity any one party may hold.
     *
     * @param deadline       the whole delivery, from connecting to the last byte of the answer
     * @param perWebhook     deliveries of one webhook in flight at once, across processes
     * @param perEnvironment deliveries of one environment in flight at once, across processes
     * @param perProcess     deliveries this process runs at once
     */
    public record Limits(Duration deadline, int perWebhook, int perEnvironment, int perProcess) {
        public static final Limits DEFAULT = new Limits(Duration.ofSeconds(10), 2, 4, 32);

        public Limits {
            if (deadline.isNegative() || deadline.isZero() || perWebhook < 1 || perEnvironment < 1 || perProcess < 1) {
                throw new IllegalArgumentException("webhook delivery limits must be positive");
            }
        }
    }

    private record Claimed(String id, String webhookId, String environment, String payload, int attempts,
            long createdAt) {
    }

    private record Due(String id, String webhookId, String environment) {
    }

    private final Sql sql;
    private final WebhookStore webhooks;
    private final WebhookUrls urls;
    private final Timing timing;
    private final Limits limits;
    private final Duration lease;
    private final String process = "p_" + UUID.randomUUID();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Set<CompletableFuture<?>> running = ConcurrentHashMap.newKeySet();
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "webhook-outbox");
        thread.setDaemon(true);
        return thread;
    });
    // Outcomes are written to the store off the HTTP client's threads; a store that is slow
    // to answer holds these, never a delivery.
    private final ExecutorService settlers = Executors.newFixedThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "webhook-settle");
        thread.setDaemon(true);
        return thread;
    });

    private WebhookDelivery(Database database, WebhookStore webhooks, WebhookUrls urls, Timing timing, Limits limits) {
        this.sql = new Sql(database);
        this.webhooks = webhooks;
        this.urls = urls;
        this.timing = timing;
        this.limits = limits;
        this.lease = limits.deadline().plus(SETTLE_MARGIN);
    }

    public static WebhookDelivery start(Database database, WebhookStore webhooks, WebhookUrls urls, Timing timing,
            Limits limits) {
        var delivery = new WebhookDelivery(database, webhooks, urls, timing, limits);
        delivery.poller.scheduleWithFixedDelay(delivery::deliverDue, timing.poll().toMillis(), timing.poll().toMillis(),
                TimeUnit.MILLISECONDS);
        return delivery;
    }

    /** Starts what is due and within every cap; returns at once, whatever the receivers do. */
    private void deliverDue() {
        try {
            int room = limits.perProcess() - inFlight.get();
            if (room <= 0) {
                return;
            }
            long now = System.currentTimeMillis();
            Map<String, Integer> byWebhook = new HashMap<>();
            Map<String, Integer> byEnvironment = new HashMap<>();
            countLeased(now, byWebhook, byEnvironment);
            for (Due due : fairlyOrdered(now)) {
                if (room <= 0) {
                    break;
                }
                if (byWebhook.getOrDefault(due.webhookId(), 0) >= limits.perWebhook()
                        || byEnvironment.getOrDefault(due.environment(), 0) >= limits.perEnvironment()) {
                    continue;
                }
                Optional<Claimed> claimed = claim(due, now);
                if (claimed.isEmpty()) {
                    continue; // another process took it first
                }
                byWebhook.merge(due.webhookId(), 1, Integer::sum);
                byEnvironment.merge(due.environment(), 1, Integer::sum);
                room--;
                inFlight.incrementAndGet();
                deliver(claimed.get());
            }
        } catch (RuntimeException e) {
            LOG.warn("webhook outbox: {}", e.getMessage());
        }
    }

    /** Deliveries in flight now, in any process: rows whose lease has not run out. */
    private void countLeased(long now, Map<String, Integer> byWebhook, Map<String, Integer> byEnvironment) {
        sql.run(connection -> {
            try (var select = connection.prepareStatement("SELECT o.webhook_id, COALESCE(w.environment, '') AS env, "
                    + "COUNT(*) AS n FROM webhook_outbox o LEFT JOIN webhooks w ON w.id = o.webhook_id "
                    + "WHERE o.delivered_at IS NULL AND o.locked_until >= ? GROUP BY o.webhook_id, w.environment")) {
                select.setLong(1, now);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        int n = rows.getInt("n");
                        byWebhook.merge(rows.getString("webhook_id"), n, Integer::sum);
                        byEnvironment.merge(rows.getString("env"), n, Integer::sum);
                    }
                }
            }
            return null;
        });
    }

    /**
     * Due rows, the oldest of each environment first, then the second oldest of each, and so
     * on: one environment's backlog never stands in front of another's first event.
     */
    private List<Due> fairlyOrdered(long now) {
        return sql.run(connection -> {
            try (var select = connection.prepareStatement("SELECT id, webhook_id, env FROM ("
                    + "SELECT o.id, o.webhook_id, o.created_at, COALESCE(w.environment, '') AS env, ROW_NUMBER() OVER "
                    + "(PARTITION BY COALESCE(w.environment, '') ORDER BY o.created_at, o.id) AS turn "
                    + "FROM webhook_outbox o LEFT JOIN webhooks w ON w.id = o.webhook_id "
                    + "WHERE o.delivered_at IS NULL AND o.dead = 0 AND o.next_attempt_at <= ? "
                    + "AND (o.locked_until IS NULL OR o.locked_until < ?)) due "
                    + "WHERE turn <= ? ORDER BY turn, created_at, id LIMIT ?")) {
                select.setLong(1, now);
                select.setLong(2, now);
                select.setInt(3, limits.perEnvironment());
                select.setInt(4, limits.perProcess() * 4);
                try (ResultSet rows = select.executeQuery()) {
                    var due = new ArrayList<Due>();
                    while (rows.next()) {
                        due.add(new Due(rows.getString("id"), rows.getString("webhook_id"), rows.getString("env")));
                    }
                    return due;
                }
            }
        });
    }

    /** Takes one row for a lease, counting the attempt now; empty when another process holds it. */
    private Optional<Claimed> claim(Due due, long now) {
        return sql.run(connection -> {
            try (var update = connection.prepareStatement("UPDATE webhook_outbox SET locked_by = ?, locked_until = ?, "
                    + "attempts = attempts + 1 WHERE id = ? AND delivered_at IS NULL AND dead = 0 "
                    + "AND (locked_until IS NULL OR locked_until < ?) RETURNING payload, attempts, created_at")) {
                update.setString(1, process);
                update.setLong(2, now + lease.toMillis());
                update.setString(3, due.id());
                update.setLong(4, now);
                try (ResultSet rows = update.executeQuery()) {
                    if (!rows.next()) {
                        return Optional.<Claimed>empty();
                    }
                    return Optional.of(new Claimed(due.id(), due.webhookId(), due.environment(),
                            rows.getString("payload"), rows.getInt("attempts"), rows.getLong("created_at")));
                }
            }
        });
    }

    private void deliver(Claimed message) {
        try {
            var webhook = webhooks.byId(message.webhookId());
            if (webhook.isEmpty()) {
                settle(message, "DELETE FROM webhook_outbox WHERE id = ? AND locked_by = ?");
                done();
                return;
            }
            var refused = urls.refusal(webhook.get().url());
            if (refused.isPresent()) {
                failed(message, null, "not sent: the URL " + refused.get());
                done();
                return;
            }
            byte[] body = message.payload().getBytes(StandardCharsets.UTF_8);
            long timestamp = System.currentTimeMillis() / 1000;
            var request = HttpRequest.newBuilder(URI.create(webhook.get().url())).timeout(limits.deadline())
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "Switchboard-Webhooks")
                    .header("webhook-id", message.id())
                    .header("webhook-timestamp", String.valueOf(timestamp))
                    .header("webhook-signature", Signature.sign(webhook.get().secret(), message.id(), timestamp, body))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            // The request's own timeout covers the answer's headers only; the whole exchange,
            // a body trickled a byte at a time included, ends at the deadline.
            CompletableFuture<HttpResponse<Void>> sending = http.sendAsync(request, HttpResponse.BodyHandlers.discarding());
            running.add(sending);
            var deadline = poller.schedule(() -> sending.cancel(true), limits.deadline().toMillis(), TimeUnit.MILLISECONDS);
            sending.whenCompleteAsync((response, error) -> {
                deadline.cancel(false);
                running.remove(sending);
                try {
                    outcome(message, response, error);
                } finally {
                    done();
                }
            }, settlers);
        } catch (RuntimeException e) {
            done();
            LOG.warn("webhook {} delivery {} could not start: {}", message.webhookId(), message.id(), e.getMessage());
        }
    }

    private void done() {
        inFlight.decrementAndGet();
    }

    private void outcome(Claimed message, HttpResponse<Void> response, Throwable error) {
        if (error == null) {
            if (response.statusCode() >= 200 && response.statusCode() < 300) {
                delivered(message, response.statusCode());
            } else {
                failed(message, response.statusCode(), response.statusCode() >= 300 && response.statusCode() < 400
                        ? "answered a redirect, which is not followed" : "answered HTTP " + response.statusCode());
            }
            return;
        }
        Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                ? error.getCause() : error;
        String seconds = limits.deadline().toMillis() % 1000 == 0 ? limits.deadline().toSeconds() + " s"
                : limits.deadline().toMillis() + " ms";
        if (cause instanceof java.util.concurrent.CancellationException
                || cause instanceof java.net.http.HttpTimeoutException) {
            failed(message, null, "no whole answer within " + seconds);
        } else {
            failed(message, null, "could not be reached (" + cause.getClass().getSimpleName() + ")");
        }
    }

    /**
     * How long to wait after the given failed attempt: the first retry's wait, four times
     * longer after each further failure, never more than four hours. A message is given up
     * once its next try would come more than 24 hours after it was written.
     */
    static java.util.Optional<Duration> retryAfter(int attempts, Duration sinceWritten, Duration firstRetry) {
        var wait = Duration.ofMillis(Math.min(firstRetry.toMillis() * (1L << Math.min(2 * (attempts - 1), 40)),
                LONGEST_WAIT.toMillis()));
        return sinceWritten.plus(wait).compareTo(GIVE_UP_AFTER) > 0 ? java.util.Optional.empty()
                : java.util.Optional.of(wait);
    }

    private void delivered(Claimed message, int status) {
        sql.run(connection -> {
            try (var update = connection.prepareStatement("UPDATE webhook_outbox SET delivered_at = ?, "
                    + "last_status = ?, last_error = NULL, locked_by = NULL, "
                    + "locked_until = NULL WHERE id = ? AND locked_by = ?")) {
                update.setLong(1, System.currentTimeMillis());
                update.setInt(2, status);
                update.setString(3, message.id());
                update.setString(4, process);
                return update.executeUpdate();
            }
        });
    }

    private void failed(Claimed message, Integer status, String error) {
        long now = System.currentTimeMillis();
        int attempts = message.attempts();
        var retry = retryAfter(attempts, Duration.ofMillis(now - message.createdAt()), timing.firstRetry());
        boolean giveUp = retry.isEmpty();
        long wait = retry.map(Duration::toMillis).orElse(0L);
        LOG.warn("webhook {} delivery {} failed (attempt {}): {}{}", message.webhookId(), message.id(), attempts, error,
                giveUp ? "; given up after 24 hours" : "");
        sql.run(connection -> {
            try (var update = connection.prepareStatement("UPDATE webhook_outbox SET attempts = ?, last_status = ?, "
                    + "last_error = ?, next_attempt_at = ?, dead = ?, locked_by = NULL, locked_until = NULL "
                    + "WHERE id = ? AND locked_by = ?")) {
                update.setInt(1, attempts);
                if (status == null) {
                    update.setNull(2, java.sql.Types.INTEGER);
                } else {
                    update.setInt(2, status);
                }
                update.setString(3, error);
                update.setLong(4, now + wait);
                update.setInt(5, giveUp ? 1 : 0);
                update.setString(6, message.id());
                update.setString(7, process);
                return update.executeUpdate();
            }
        });
    }

    private void settle(Claimed message, String statement) {
        sql.run(connection -> {
            try (var update = connection.prepareStatement(statement)) {
                update.setString(1, message.id());
                update.setString(2, process);
                return update.executeUpdate();
            }
        });
    }

    /** Stops delivering, and hands back what this process had claimed but not finished, for another to send. */
    @Override
    public void close() {
        poller.shutdownNow();
        running.forEach(sending -> sending.cancel(true));
        settlers.shutdown();
        try {
            settlers.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            sql.run(connection -> {
                try (var release = connection.prepareStatement("UPDATE webhook_outbox SET locked_by = NULL, "
                        + "locked_until = NULL WHERE locked_by = ? AND delivered_at IS NULL")) {
                    release.setString(1, process);
                    return release.executeUpdate();
                }
            });
        } catch (RuntimeException e) {
            LOG.warn("webhook outbox: could not release claims on shutdown: {}", e.getMessage());
        }
    }
}
