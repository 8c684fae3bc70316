package dev.switchboard.transport;

/**
 * The provider gave no usable answer. {@link Kind} says whether the request may have
 * reached it, which decides what is safe to do next.
 */
public final class RemoteFailure extends Exception {

    public enum Kind {
        /** No connection was made: the request never reached the provider. */
        UNREACHABLE,
        /** No answer in time: the provider may or may not have acted on the request. */
        TIMEOUT,
        /** The connection broke or the answer was cut short or too large. */
        BROKEN
    }

    private final Kind kind;

    public RemoteFailure(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
