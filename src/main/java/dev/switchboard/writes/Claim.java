package dev.switchboard.writes;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** What claiming an Idempotency-Key found. */
public sealed interface Claim {

    /**
     * The key is this request's to execute.
     *
     * @param earlierAttempt when an earlier attempt with this key was sent and its outcome
     *                       never became known: look for its note before sending again
     */
    public record Granted(Optional<Instant> earlierAttempt) implements Claim {
    }

    /** The key already has its final answer. */
    public record Replay(StoredResponse response) implements Claim {
    }

    /** The key was used with a different request. */
    public record Mismatch() implements Claim {
    }

    /**
     * Another request with the key is still running.
     *
     * @param takeoverIn how long until its claim may be taken over, if its holder stopped beating
     */
    public record InFlight(Duration takeoverIn) implements Claim {
    }
}
