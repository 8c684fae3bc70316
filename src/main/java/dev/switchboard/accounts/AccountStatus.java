package dev.switchboard.accounts;

import com.fasterxml.jackson.annotation.JsonValue;

/** Whether an account's credentials still work at the provider. */
public enum AccountStatus {
    ACTIVE("active"),
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
