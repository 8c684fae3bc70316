package dev.switchboard.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A failed delivery waits 5 s, then four times longer each time, at most 4 h, and is given up after 24 h. */
class RetryScheduleTest {

    private static final Duration FIRST = Duration.ofSeconds(5);

    @Test
    void waitsGrowFourfoldUpToFourHours() {
        var waits = new ArrayList<Duration>();
        for (int attempt = 1; attempt <= 8; attempt++) {
            waits.add(WebhookDelivery.retryAfter(attempt, Duration.ZERO, FIRST).orElseThrow());
        }
        assertEquals(List.of(Duration.ofSeconds(5), Duration.ofSeconds(20), Duration.ofSeconds(80),
                Duration.ofSeconds(320), Duration.ofSeconds(1280), Duration.ofSeconds(5120), Duration.ofHours(4),
                Duration.ofHours(4)), waits);
        assertEquals(Optional.of(Duration.ofHours(4)), WebhookDelivery.retryAfter(1_000, Duration.ZERO, FIRST),
                "no overflow");
    }

    @Test
    void aMessageIsGivenUpOnceItsNextTryWouldPassADay() {
        assertEquals(Optional.empty(), WebhookDelivery.retryAfter(9, Duration.ofHours(21), FIRST));
        assertTrue(WebhookDelivery.retryAfter(9, Duration.ofHours(19), FIRST).isPresent());
        // From the first failure on, tried twelve times in all before it is given up.
        Duration elapsed = Duration.ZERO;
        int attempts = 1;
        for (var wait = WebhookDelivery.retryAfter(attempts, elapsed, FIRST); wait.isPresent();
                wait = WebhookDelivery.retryAfter(++attempts, elapsed, FIRST)) {
            elapsed = elapsed.plus(wait.get());
        }
        assertEquals(12, attempts);
        assertTrue(elapsed.compareTo(Duration.ofHours(20)) > 0 && elapsed.compareTo(Duration.ofHours(24)) <= 0, elapsed.toString());
    }
}
