package dev.switchboard.store;

/** The account store could not be reached or refused an operation. */
public final class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
