package dev.switchboard.api;

import java.util.function.Consumer;
import org.slf4j.MDC;

import dev.switchboard.observability.LogLine;
import dev.switchboard.observability.Metrics;
import dev.switchboard.observability.RequestIds;
import dev.switchboard.observability.RequestTrace;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * A request id for every request (the caller's {@code x-request-id} if it sent a sane one),
 * and at the end one access log line, in the shape of every log line ({@link LogLine}):
 * who, what, how it went, how long. Paths, statuses and durations only: never a header,
 * a query string or a body.
 */
final class RequestLog {

    private static final String TRACE = "switchboard.trace";
    static final String LOGGER = "switchboard.access";
    /** What the text form's message already says. */
    private static final Set<String> IN_MESSAGE = Set.of("http_method", "path", "status");
    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");

    private final Metrics metrics;
    private final Consumer<String> out;

    RequestLog(Metrics metrics, Consumer<String> out) {
        this.metrics = metrics;
        this.out = out;
    }

    void start(Context ctx) {
        String given = ctx.header("x-request-id");
        String id = given != null && REQUEST_ID.matcher(given).matches() ? given : newRequestId();
        ctx.attribute(TRACE, new RequestTrace(id));
        ctx.header("x-request-id", id);
        // Application log lines written while this request is handled carry its id.
        MDC.put(RequestIds.MDC_KEY, id);
    }

    /**
     * A random (version 4) UUID. A request id must be unique, not unguessable, so it comes
     * from the thread's own generator: {@code UUID.randomUUID()} reads the system's secure
     * source under one lock shared by every request thread.
     */
    static String newRequestId() {
        var random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    void finish(Context ctx, float millis) {
        RequestTrace trace = trace(ctx);
        int status = ctx.statusCode();
        if (!trace.method().equals("none")) {
            metrics.request(trace.integration(), trace.resource(), trace.method(), status);
        }
        var line = new LinkedHashMap<String, Object>();
        line.put("http_method", ctx.method().name());
        line.put("path", ctx.path());
        line.put("status", status);
        line.put("duration_ms", Math.round(millis * 10) / 10.0);
        if (!trace.integration().equals("none")) {
            line.put("integration", trace.integration());
            line.put("resource", trace.resource());
            line.put("method", trace.method());
        }
        if (trace.providerCalls() > 0) {
            line.put("provider_status", trace.providerStatus());
            line.put("provider_ms", trace.providerMillis());
            line.put("provider_calls", trace.providerCalls());
        }
        if (trace.providerError() != null) {
            line.put("provider_error", trace.providerError());
        }
        String message = ctx.method().name() + " " + ctx.path() + " " + status;
        out.accept(new LogLine(Instant.now(), "INFO", LOGGER, trace.requestId(), message, line, IN_MESSAGE, null).render());
        MDC.remove(RequestIds.MDC_KEY);
    }

    /** The request's trace; a fresh one if the request never reached {@link #start}. */
    static RequestTrace trace(Context ctx) {
        RequestTrace trace = ctx.attribute(TRACE);
        return trace != null ? trace : new RequestTrace("unknown");
    }
}
