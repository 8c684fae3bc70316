package dev.switchboard.remote;

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

    /**
     * What failed, for the caller's insight and the access log: {@code dns} (the host has no
     * address), {@code refused} (nothing listens there), {@code connect_timeout}, {@code tls}
     * (the handshake or the certificate failed), {@code timeout} (no answer in time),
     * {@code broken} (the connection broke), {@code too_large}.
     */
    public enum Cause {
        DNS, REFUSED, CONNECT_TIMEOUT, TLS, TIMEOUT, BROKEN, TOO_LARGE;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final Kind kind;
    private final Cause cause;

    public RemoteFailure(Kind kind, Cause cause, String message) {
        super(message, null, false, false);
        this.kind = kind;
        this.cause = cause;
    }

    public Kind kind() {
        return kind;
    }

    public Cause networkCause() {
        return cause;
    }
}
