package dev.switchboard.remote;

import dev.switchboard.error.ApiException;

/**
 * The request may have reached the provider and been acted on, but no answer says so:
 * a timeout, a broken connection, a 5xx, an unreadable 2xx. Never resent blindly.
 */
public final class OutcomeUnknown extends Exception {

    private final ApiException error;

    public OutcomeUnknown(ApiException error) {
        super(error.getMessage(), null, false, false);
        this.error = error;
    }

    /** What the caller is told when the note cannot be found either. */
    public ApiException error() {
        return error;
    }
}
