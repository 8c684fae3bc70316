package dev.switchboard.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LogTimestampTest {

    private static final DateTimeFormatter REFERENCE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    @Test
    void everyMillisecondOfASecondReadsAsTheFormatterWritesIt() {
        Instant start = Instant.parse("2026-12-01T23:59:59Z");
        for (int millis = 0; millis < 2000; millis++) {
            Instant ts = start.plusMillis(millis).plusNanos(999_999);
            assertEquals(REFERENCE.format(ts), LogTimestamp.format(ts));
        }
    }

    @Test
    void instantsOutOfOrderStillGetTheirOwnSecond() {
        var random = new Random(7);
        for (int i = 0; i < 10_000; i++) {
            Instant ts = Instant.ofEpochMilli(1_700_000_000_000L + random.nextLong(5_000_000_000L));
            assertEquals(REFERENCE.format(ts), LogTimestamp.format(ts));
        }
    }
}
