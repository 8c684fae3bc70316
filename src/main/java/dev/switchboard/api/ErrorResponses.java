package dev.switchboard.api;

import dev.switchboard.error.ApiException;
import dev.switchboard.mapping.Json;
import dev.switchboard.store.StoreException;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.MethodNotAllowedResponse;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.HttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes every failure in the one JSON error shape of docs/api.md §5. */
final class ErrorResponses {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);

    private ErrorResponses() {
    }

    static void api(ApiException e, Context ctx) {
        e.headers().forEach(ctx::header);
        write(ctx, e.status(), e.body());
    }

    /** Javalin's own refusals: unknown route, wrong method, body too large. */
    static void javalin(HttpResponseException e, Context ctx) {
        if (e instanceof MethodNotAllowedResponse) {
            // Javalin found the path under other methods (http.prefer405over404): RFC 9110 §15.5.6.
            String allowed = e.getDetails().values().stream().findFirst().orElse("");
            ctx.header("Allow", allowed);
            write(ctx, 405, body(405, ctx.method().name() + " is not served at " + ctx.path() + "; allowed: " + allowed));
            return;
        }
        write(ctx, e.getStatus(), body(e.getStatus(), e.getMessage()));
    }

    /**
     * The store did not answer in time: a passing condition, not a bug. One log line, no
     * stack trace, and an answer that says when to try again.
     */
    static void storeDown(StoreException e, Context ctx) {
        LOG.warn("store unavailable on {} {}: {}", ctx.method(), ctx.path(), e.getMessage());
        ctx.header("Retry-After", "5");
        write(ctx, 503, body(503, "the store is unavailable; retry shortly"));
    }

    /** A bug: the caller learns only that it happened; the log gets the details. */
    static void unexpected(Exception e, Context ctx) {
        Optional<Integer> refusal = jettyRefusal(e);
        if (refusal.isPresent()) {
            // Jetty refused the request itself (a body too slow, or silent too long): the client's doing.
            write(ctx, refusal.get(), body(refusal.get(), refusal.get() == 408
                    ? "the request body did not arrive in time; send it at once" : "the request was refused"));
            return;
        }
        // One line, no stack trace per request: the failure's kind and where it was raised.
        StackTraceElement where = e.getStackTrace().length > 0 ? e.getStackTrace()[0] : null;
        LOG.error("unexpected failure on {} {}: {} at {}", ctx.method(), ctx.path(), e.getClass().getName(),
                where == null ? "?" : where.getClassName() + "." + where.getMethodName() + ":" + where.getLineNumber());
        write(ctx, 500, body(500, "unexpected server error"));
    }

    /** The status Jetty gave a request it refused while reading it, found anywhere in the cause chain. */
    static Optional<Integer> jettyRefusal(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof HttpException refusal && refusal.getCode() >= 400 && refusal.getCode() < 500) {
                return Optional.of(refusal.getCode());
            }
            if (cause instanceof TimeoutException) {
                return Optional.of(408); // the body went silent past the idle timeout
            }
        }
        return Optional.empty();
    }

    private static Map<String, Object> body(int status, String message) {
        return ApiException.of(status, message).body();
    }

    private static void write(Context ctx, int status, Object body) {
        ctx.status(status).contentType("application/json").result(Json.write(body));
    }
}
