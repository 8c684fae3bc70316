package dev.switchboard.engine;

import dev.switchboard.error.ApiException;

/** Not sent again, not found: the caller hears that the outcome is unknown. */
final class UnknownAfterSearch extends RuntimeException {

    private final transient ApiException error;

    UnknownAfterSearch(ApiException error) {
        super(error.getMessage(), null, false, false);
        this.error = error;
    }

    ApiException error() {
        return error;
    }
}
