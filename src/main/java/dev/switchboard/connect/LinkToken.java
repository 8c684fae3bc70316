package dev.switchboard.connect;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a link token lets its bearer do: connect one new account for a tenant, or reconnect
 * one account, in one environment, through the offered integrations.
 *
 * @param hash the token's SHA-256: the token itself is never stored
 */
public record LinkToken(String hash, String environment, Optional<String> tenantId, Optional<String> accountId,
        List<String> integrations, Optional<String> redirectUri, Optional<String> origin, Instant expiresAt) {

    public LinkToken {
        integrations = List.copyOf(integrations);
    }

    public boolean reconnects() {
        return accountId.isPresent();
    }
}
