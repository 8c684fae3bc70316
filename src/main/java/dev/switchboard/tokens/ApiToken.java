package dev.switchboard.tokens;

import java.time.Instant;
import java.util.Optional;

/**
 * An API token as stored: never the token itself, only its hash.
 *
 * @param environment the environment whose accounts the token sees
 * @param name        what the token is for, as its creator put it
 */
public record ApiToken(String id, String environment, String name, Instant createdAt, Optional<Instant> revokedAt) {

    public boolean active() {
        return revokedAt.isEmpty();
    }
}
