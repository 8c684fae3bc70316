package dev.switchboard.mapping;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** ISO-8601 timestamps as the unified model writes them: UTC, milliseconds, {@code Z}. */
public final class Timestamps {

    private static final DateTimeFormatter UTC_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Timestamps() {
    }

    /** {@code 2026-11-29T10:15:30.123Z}: how the unified API writes every instant. */
    public static String format(java.time.Instant instant) {
        return UTC_MILLIS.format(instant);
    }

    /** True for an ISO-8601 date-time with a zone offset, such as {@code 2026-11-29T10:15:30Z}. */
    public static boolean isIso(String text) {
        return utc(text).isPresent();
    }

    /** The same instant as {@code 2026-11-29T10:15:30.000Z}, or empty when it is not a timestamp. */
    public static Optional<String> utc(String text) {
        try {
            OffsetDateTime parsed = OffsetDateTime.parse(text);
            int year = parsed.atZoneSameInstant(ZoneOffset.UTC).getYear();
            // Years outside 1-9999 are not ISO-8601 without agreement, and providers refuse or misread them.
            return year < 1 || year > 9999 ? Optional.empty() : Optional.of(UTC_MILLIS.format(parsed));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
