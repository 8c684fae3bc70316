package dev.switchboard.webhooks;

import dev.switchboard.store.Database;
import dev.switchboard.store.Dialect;
import dev.switchboard.store.Sql;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox, at least once per event and webhook. Each process claims due rows
 * for a lease in one atomic statement (on PostgreSQL skipping rows another process holds),
 * so a message goes out from one process at a time; a process that dies mid-delivery leaves
 * its rows to be claimed again when the lease ends. A failed delivery is tried again later,
 * each wait four times the last, for 24 hours. Redirects are never followed.
 */
public final class WebhookDelivery implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookDelivery.class);
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final Duration GIVE_UP_AFTER = Duration.ofHours(24);
    private static final Duration LONGEST_WAIT = Duration.ofHours(4);
    private static final int BATCH = 20;

    /** How often the outbox is read, and how long after a first failure the next try comes. */
    public record Timing(Duration poll, Duration firstRetry) {
    }

    private record Claimed(String id, String webhookId, String payload, int attempts, long createdAt) {
    }

    private final Sql sql;
    private final String claim;
    private final WebhookStore webhooks;
    private final WebhookUrls urls;
    private final Timing timing;
    private final String process = "p_" + UUID.randomUUID();
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "webhook-outbox");
        thread.setDaemon(true);
        return thread;
    });
    private final ExecutorService senders = Executors.newFixedThreadPool(4, runnable -> {
        Thread thread = new Thread(runnable, "webhook-delivery");
        thread.setDaemon(true);
        return thread;
    });

    private WebhookDelivery(Database database, WebhookStore webhooks, WebhookUrls urls, Timing timing) {
        this.sql = new Sql(database);
        this.webhooks = webhooks;
        this.urls = urls;
        this.timing = timing;
        String due = "SELECT id FROM webhook_outbox WHERE delivered_at IS NULL AND dead = 0 AND next_attempt_at <= ?"
                + " AND (locked_until IS NULL OR locked_until < ?) ORDER BY created_at, id LIMIT " + BATCH
                + (database.dialect() == Dialect.POSTGRESQL ? " FOR UPDATE SKIP LOCKED" : "");
        this.claim = "UPDATE webhook_outbox SET locked_by = ?, locked_until = ? WHERE id IN (" + due + ")"
                + " RETURNING id, webhook_id, payload, attempts, created_at";
    }

    public static WebhookDelivery start(Database database, WebhookStore webhooks, WebhookUrls urls, Timing timing) {
        var delivery = new WebhookDelivery(database, webhooks, urls, timing);
        delivery.poller.scheduleWithFixedDelay(delivery::deliverDue, timing.poll().toMillis(), timing.poll().toMillis(),
                TimeUnit.MILLISECONDS);
        return delivery;
    }

    private void deliverDue() {
        try {
            List<Claimed> claimed = claim();
            var sending = new ArrayList<java.util.concurrent.Future<?>>();
            for (Claimed message : claimed) {
                sending.add(senders.submit(() -> deliver(message)));
            }
            for (var sent : sending) {
                sent.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("webhook outbox: {}", e.getMessage());
        }
    }

    private List<Claimed> claim() {
        long now = System.currentTimeMillis();
        return sql.inTransaction(connection -> {
            try (var update = connection.prepareStatement(claim)) {
                update.setString(1, process);
                update.setLong(2, now + LEASE.toMillis());
                update.setLong(3, now);
                update.setLong(4, now);
                try (ResultSet rows = update.executeQuery()) {
                    var claimed = new ArrayList<Claimed>();
                    while (rows.next()) {
                        claimed.add(new Claimed(rows.getString("id"), rows.getString("webhook_id"),
                                rows.getString("payload"), rows.getInt("attempts"), rows.getLong("created_at")));
                    }
                    return claimed;
                }
            }
        });
    }

    private void deliver(Claimed message) {
        var webhook = webhooks.byId(message.webhookId());
        if (webhook.isEmpty()) {
            settle(message, "DELETE FROM webhook_outbox WHERE id = ? AND locked_by = ?");
            return;
        }
        var refused = urls.refusal(webhook.get().url());
        if (refused.isPresent()) {
            failed(message, null, "not sent: the URL " + refused.get());
            return;
        }
        byte[] body = message.payload().getBytes(StandardCharsets.UTF_8);
        long timestamp = System.currentTimeMillis() / 1000;
        var request = HttpRequest.newBuilder(URI.create(webhook.get().url())).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("User-Agent", "Switchboard-Webhooks")
                .header("webhook-id", message.id())
                .header("webhook-timestamp", String.valueOf(timestamp))
                .header("webhook-signature", Signature.sign(webhook.get().secret(), message.id(), timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        try {
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() >= 200 && response.statusCode() < 300) {
                delivered(message, response.statusCode());
            } else {
                failed(message, response.statusCode(), response.statusCode() >= 300 && response.statusCode() < 400
                        ? "answered a redirect, which is not followed" : "answered HTTP " + response.statusCode());
            }
        } catch (java.io.IOException e) {
            failed(message, null, e instanceof java.net.http.HttpTimeoutException ? "no answer within 10 s"
                    : "could not be reached (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
                    + "attempts = attempts + 1, last_status = ?, last_error = NULL, locked_by = NULL, "
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
        int attempts = message.attempts() + 1;
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
        senders.shutdownNow();
        try {
            senders.awaitTermination(2, TimeUnit.SECONDS);
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
