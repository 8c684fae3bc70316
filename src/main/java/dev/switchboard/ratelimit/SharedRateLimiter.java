package dev.switchboard.ratelimit;

import dev.switchboard.catalog.RateLimit;
import dev.switchboard.store.Database;
import dev.switchboard.store.Sql;
import java.time.Duration;

/**
 * One rate per integrated account for every process sharing a PostgreSQL database, so that
 * three replicas do not send three times Lever's 10 calls a second. It keeps the generic
 * cell rate algorithm's one number per account, the theoretical arrival time of the next
 * call, on the database's clock (so the processes' clocks need not agree), and moves it
 * with one atomic statement per call.
 */
public final class SharedRateLimiter implements RateLimiter {

    private static final String NOW_MICROS = "(EXTRACT(EPOCH FROM clock_timestamp()) * 1000000)::bigint";

    /**
     * Reserves the slot after the last one reserved, unless the call would wait longer than
     * it may; then no row comes back and nothing changes. EXCLUDED carries now + interval.
     */
    private static final String RESERVE = "WITH clock AS (SELECT " + NOW_MICROS + " AS now)"
            + " INSERT INTO rate_slots AS slot (account_id, next_at_micros) SELECT ?, clock.now + ? FROM clock"
            + " ON CONFLICT (account_id) DO UPDATE"
            + " SET next_at_micros = GREATEST(slot.next_at_micros, EXCLUDED.next_at_micros - ?) + ?"
            + " WHERE GREATEST(slot.next_at_micros, EXCLUDED.next_at_micros - ?) - ? - (EXCLUDED.next_at_micros - ?) <= ?"
            + " RETURNING next_at_micros - ? - ? - (SELECT now FROM clock)";

    private static final String WAIT_NEEDED = "SELECT next_at_micros - ? - " + NOW_MICROS
            + " FROM rate_slots WHERE account_id = ?";

    private final Sql sql;

    public SharedRateLimiter(Database database) {
        this.sql = new Sql(database);
    }

    @Override
    public Slot reserve(String accountId, RateLimit limit, Duration maxWait) {
        long interval = Math.max(1, Math.round(1_000_000 / limit.requestsPerSecond()));
        long tolerance = (limit.burst() - 1) * interval; // how far ahead a burst may run
        long maxWaitMicros = maxWait.toNanos() / 1_000;
        return sql.run(connection -> {
            try (var reserve = connection.prepareStatement(RESERVE)) {
                reserve.setString(1, accountId);
                long[] values = {interval, interval, interval, interval, tolerance, interval, maxWaitMicros,
                    interval, tolerance};
                for (int i = 0; i < values.length; i++) {
                    reserve.setLong(i + 2, values[i]);
                }
                try (var rows = reserve.executeQuery()) {
                    if (rows.next()) {
                        return Slot.after(Duration.ofNanos(Math.max(0, rows.getLong(1)) * 1_000));
                    }
                }
            }
            try (var needed = connection.prepareStatement(WAIT_NEEDED)) {
                needed.setLong(1, tolerance);
                needed.setString(2, accountId);
                try (var rows = needed.executeQuery()) {
                    long wait = rows.next() ? rows.getLong(1) : maxWaitMicros;
                    return Slot.refusedFor(Duration.ofNanos(Math.max(wait, maxWaitMicros) * 1_000));
                }
            }
        });
    }
}
