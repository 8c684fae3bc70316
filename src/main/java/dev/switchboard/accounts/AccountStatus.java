package dev.switchboard.accounts;

import com.fasterxml.jackson.annotation.JsonValue;

/** Whether an account's credentials still work at the provider. */
public enum AccountStatus {
    ACTIVE("active"),
    /**
     * Stored without the provider's word on its credentials (the check was skipped, as for
     * provisioning while the provider is unreachable); active after its first good call.
     */
    NEEDS_CHECK("needs_check"),
    /** The provider refused the credentials; the account needs new ones. */
    NEEDS_REAUTH("needs_reauth");

    private final String wire;

    AccountStatus(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    public static AccountStatus fromWire(String wire) {
        for (AccountStatus status : values()) {
            if (status.wire.equals(wire)) {
                return status;
            }
        }
        throw new IllegalArgumentException("unknown account status " + wire);
    }
}
