package dev.switchboard.engine;

import dev.switchboard.error.ApiException;

/**
 * The request may have reached the provider and been acted on, but no answer says so:
 * a timeout, a broken connection, a 5xx, an unreadable 2xx. Never resent blindly.
 */
final class OutcomeUnknown extends Exception {

    private final ApiException error;

    OutcomeUnknown(ApiException error) {
        super(error.getMessage(), null, false, false);
        this.error = error;
    }

    /** What the caller is told when the note cannot be found either. */
    ApiException error() {
        return error;
    }
}
