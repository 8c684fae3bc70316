package dev.switchboard.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.function.Consumer;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hears what other processes sharing a PostgreSQL database announce on a channel
 * ({@code NOTIFY}), on one connection of its own and one daemon thread. While it is not
 * connected it can hear nothing, so each time it (re)connects it reports a gap: whoever
 * caches must then forget everything, since any change may have been missed.
 */
public final class ChangeListener implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ChangeListener.class);
    private static final int POLL_MILLIS = 500;
    private static final long RECONNECT_MILLIS = 1_000;

    private final String jdbcUrl;
    private final String channel;
    private final Consumer<String> onChange;
    private final Runnable onGap;
    private final Thread thread;
    private volatile boolean closed;
    private volatile Connection connection;

    private ChangeListener(String jdbcUrl, String channel, Consumer<String> onChange, Runnable onGap) {
        this.jdbcUrl = jdbcUrl;
        this.channel = channel;
        this.onChange = onChange;
        this.onGap = onGap;
        this.thread = new Thread(this::listen, "listen-" + channel);
        this.thread.setDaemon(true);
    }

    /**
     * Starts listening on {@code channel}; {@code onChange} gets each announced payload,
     * {@code onGap} runs whenever announcements may have been missed.
     */
    public static ChangeListener start(String jdbcUrl, String channel, Consumer<String> onChange, Runnable onGap) {
        var listener = new ChangeListener(jdbcUrl, channel, onChange, onGap);
        listener.thread.start();
        return listener;
    }

    private void listen() {
        while (!closed) {
            try (Connection listening = DriverManager.getConnection(jdbcUrl);
                    var statement = listening.createStatement()) {
                connection = listening;
                statement.execute("LISTEN " + channel);
                onGap.run();
                PGConnection postgres = listening.unwrap(PGConnection.class);
                while (!closed) {
                    PGNotification[] notifications = postgres.getNotifications(POLL_MILLIS);
                    if (notifications != null) {
                        for (PGNotification notification : notifications) {
                            onChange.accept(notification.getParameter());
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (closed) {
                    return;
                }
                LOG.warn("listening for {} on the store failed ({}); retrying in {} ms", channel,
                        withoutUrl(e.getMessage()), RECONNECT_MILLIS);
                onGap.run();
                pause();
            }
        }
    }

    /** The URL may carry a password, and some driver messages quote it. */
    private String withoutUrl(String message) {
        return message == null ? "no message" : message.replace(jdbcUrl, "<store url>");
    }

    private void pause() {
        try {
            Thread.sleep(RECONNECT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    @Override
    public void close() {
        closed = true;
        Connection listening = connection;
        if (listening != null) {
            try {
                listening.close();
            } catch (SQLException ignored) {
                // Closing is all that is left to do; the thread ends on its own.
            }
        }
        thread.interrupt();
    }
}
