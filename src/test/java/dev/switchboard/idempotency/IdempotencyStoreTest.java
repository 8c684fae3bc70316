package dev.switchboard.idempotency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.switchboard.store.Database;
import dev.switchboard.store.TestDatabases;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Expiry, leases and the unknown state, on a clock the test moves. */
class IdempotencyStoreTest {

    static final class MovableClock extends Clock {
        Instant now = Instant.parse("2026-11-29T10:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    final MovableClock clock = new MovableClock();
    Database database;
    IdempotencyStore keys;

    @BeforeEach
    void open() {
        database = Database.open(TestDatabases.sqlite());
        keys = new IdempotencyStore(database, clock, Duration.ofHours(24), Duration.ofMinutes(5), Duration.ZERO);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void aKeyIsRememberedForItsTimeThenForgotten() {
        assertInstanceOf(Claim.Granted.class, keys.claim("acc", "k", "fp"));
        keys.complete("acc", "k", new StoredResponse(201, "application/json", Map.of(), "{}".getBytes()), Optional.of("n1"));
        clock.now = clock.now.plus(Duration.ofHours(23));
        assertInstanceOf(Claim.Replay.class, keys.claim("acc", "k", "fp"));
        clock.now = clock.now.plus(Duration.ofHours(2));
        assertEquals(new Claim.Granted(Optional.empty()), keys.claim("acc", "k", "fp"));
    }

    @Test
    void purgeForgetsExpiredKeys() {
        keys.claim("acc", "old", "fp");
        clock.now = clock.now.plus(Duration.ofHours(25));
        keys.claim("acc", "new", "fp");
        assertEquals(1, keys.purgeExpired());
    }

    @Test
    void aSecondClaimWhileInFlightIsTurnedAwayAfterItsWait() {
        keys.claim("acc", "k", "fp");
        assertInstanceOf(Claim.InFlight.class, keys.claim("acc", "k", "fp"));
    }

    @Test
    void anAbandonedClaimIsTakenOverAsUnknown() {
        Instant first = clock.now;
        keys.claim("acc", "k", "fp");
        clock.now = clock.now.plus(Duration.ofMinutes(6));
        assertEquals(new Claim.Granted(Optional.of(first)), keys.claim("acc", "k", "fp"));
    }

    @Test
    void anUnknownOutcomeIsHandedToTheNextRetryWithItsFirstTime() {
        Instant first = clock.now;
        keys.claim("acc", "k", "fp");
        keys.markUnknown("acc", "k");
        clock.now = clock.now.plusSeconds(30);
        assertEquals(new Claim.Granted(Optional.of(first)), keys.claim("acc", "k", "fp"));
        assertInstanceOf(Claim.InFlight.class, keys.claim("acc", "k", "fp"), "and only to one retry");
    }

    @Test
    void releasedKeysAreFreeAndAnsweredNotesAreRemembered() {
        keys.claim("acc", "k", "fp");
        keys.release("acc", "k");
        assertEquals(new Claim.Granted(Optional.empty()), keys.claim("acc", "k", "other fingerprint"));
        keys.complete("acc", "k", new StoredResponse(201, "application/json", Map.of(), new byte[0]), Optional.of("n9"));
        assertEquals(java.util.Set.of("n9"), keys.remoteIds("acc"));
        assertInstanceOf(Claim.Mismatch.class, keys.claim("acc", "k", "fp"));
    }
}
