package dev.switchboard.writes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.crypto.KeyRing;
import dev.switchboard.crypto.SecretBox;
import dev.switchboard.store.Database;
import dev.switchboard.store.TestDatabases;
import java.nio.charset.StandardCharsets;
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

    static final String KEY_A = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
    static final String KEY_B = "ZmVkY2JhOTg3NjU0MzIxMGZlZGNiYTk4NzY1NDMyMTA=";

    final MovableClock clock = new MovableClock();
    Database database;
    IdempotencyStore keys;

    @BeforeEach
    void open() {
        database = Database.open(TestDatabases.sqlite());
        keys = store(KEY_A);
    }

    @AfterEach
    void close() {
        database.close();
    }

    private IdempotencyStore store(String keyRing) {
        return new IdempotencyStore(database, new SecretBox(KeyRing.parse(keyRing)), clock, Duration.ofHours(24),
                Duration.ofMinutes(5), Duration.ZERO);
    }

    private static StoredResponse answer(String text) {
        return new StoredResponse(201, "application/json", Map.of(), text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void keptAnswersAreSealedAtRest() throws Exception {
        keys.claim("acc", "k", "fp");
        keys.complete("acc", "k", answer("{\"body\": \"PRIVATE-NOTE about the candidate\"}"), Optional.empty());
        try (var connection = database.connection(); var statement = connection.createStatement();
                var rows = statement.executeQuery("SELECT body FROM idempotency_keys")) {
            rows.next();
            String stored = rows.getString("body");
            assertTrue(stored.startsWith("v1."), stored);
            assertFalse(stored.contains("PRIVATE-NOTE"));
        }
        var replay = assertInstanceOf(Claim.Replay.class, keys.claim("acc", "k", "fp"));
        assertEquals("{\"body\": \"PRIVATE-NOTE about the candidate\"}",
                new String(replay.response().body(), StandardCharsets.UTF_8));
    }

    @Test
    void anAnswerCopiedOntoAnotherKeyDoesNotOpen() throws Exception {
        keys.claim("acc", "mine", "fp");
        keys.complete("acc", "mine", answer("{\"id\": \"mine\"}"), Optional.empty());
        keys.claim("acc", "other", "fp");
        keys.complete("acc", "other", answer("{\"id\": \"other\"}"), Optional.empty());
        try (var connection = database.connection(); var statement = connection.prepareStatement(
                "UPDATE idempotency_keys SET body = (SELECT body FROM idempotency_keys WHERE idempotency_key = 'mine') "
                        + "WHERE idempotency_key = 'other'")) {
            statement.executeUpdate();
        }
        assertThrows(RuntimeException.class, () -> keys.claim("acc", "other", "fp"));
    }

    @Test
    void resealMovesKeptAnswersToTheNewKey() {
        keys.claim("acc", "k", "fp");
        keys.complete("acc", "k", answer("{\"id\": \"n1\"}"), Optional.of("n1"));

        assertEquals(1, store(KEY_B + "," + KEY_A).reseal());
        assertEquals(0, store(KEY_B + "," + KEY_A).reseal(), "nothing left to reseal");
        var replay = assertInstanceOf(Claim.Replay.class, store(KEY_B).claim("acc", "k", "fp"));
        assertEquals("{\"id\": \"n1\"}", new String(replay.response().body(), StandardCharsets.UTF_8));
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
    void aClaimKeptAliveByItsHeartbeatIsNotTakenOverAndRetriesAreToldTheTruth() {
        keys.claim("acc", "k", "fp");
        assertEquals(Duration.ofSeconds(100), keys.heartbeatEvery(), "three beats to the 5 min lease here");
        for (int beat = 0; beat < 5; beat++) {
            clock.now = clock.now.plus(Duration.ofMinutes(2));
            keys.heartbeat("acc", "k");
        }
        // Ten minutes on, twice the lease, the running request still holds its key.
        var inFlight = assertInstanceOf(Claim.InFlight.class, keys.claim("acc", "k", "fp"));
        assertEquals(Duration.ofMinutes(5), inFlight.takeoverIn(), "the claim was beaten just now");
        clock.now = clock.now.plus(Duration.ofMinutes(4));
        assertEquals(Duration.ofMinutes(1), ((Claim.InFlight) keys.claim("acc", "k", "fp")).takeoverIn());
        clock.now = clock.now.plus(Duration.ofMinutes(2));
        assertInstanceOf(Claim.Granted.class, keys.claim("acc", "k", "fp"), "its beats stopped: taken over");
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
