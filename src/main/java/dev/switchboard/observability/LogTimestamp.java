package dev.switchboard.observability;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * A log line's {@code ts}: ISO-8601 in UTC with milliseconds ({@code 2026-12-01T21:49:27.123Z}).
 * Every request writes one, so the date and time of the current second are formatted once and
 * kept, and only the milliseconds are added per line: a {@code DateTimeFormatter} pass for each
 * line cost more than the rest of the access line.
 */
final class LogTimestamp {

    private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    /** The second last formatted, with its text: replaced whole, so readers never see half of one. */
    private record Second(long epochSecond, String text) {
    }

    private static volatile Second last = new Second(Long.MIN_VALUE, "");

    private LogTimestamp() {
    }

    static String format(Instant ts) {
        long epochSecond = ts.getEpochSecond();
        Second second = last;
        if (second.epochSecond() != epochSecond) {
            second = new Second(epochSecond, SECOND.format(ts));
            last = second;
        }
        int millis = ts.getNano() / 1_000_000;
        var out = new StringBuilder(24).append(second.text()).append('.');
        if (millis < 100) {
            out.append('0');
        }
        if (millis < 10) {
            out.append('0');
        }
        return out.append(millis).append('Z').toString();
    }
}
