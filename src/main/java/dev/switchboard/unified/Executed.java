package dev.switchboard.unified;


import java.util.Optional;

/**
 * An answer to a create, with the provider's id of what it made when it made something.
 *
 * @param remoteId the note's id at the provider, kept with an Idempotency-Key's answer
 */
public record Executed(UnifiedResult result, Optional<String> remoteId) {
}
