package dev.switchboard.observability;

/** Where a request's id is kept while it is handled, so every line written meanwhile carries it. */
public final class RequestIds {

    /** The MDC key; also the log lines' key. */
    public static final String MDC_KEY = "request_id";

    private RequestIds() {
    }
}
