package dev.switchboard.writes;

import dev.switchboard.error.ApiException;

/** Not sent again, not found: the caller hears that the outcome is unknown. */
public final class UnknownAfterSearch extends RuntimeException {

    private final transient ApiException error;

    public UnknownAfterSearch(ApiException error) {
        super(error.getMessage(), null, false, false);
        this.error = error;
    }

    public ApiException error() {
        return error;
    }
}
