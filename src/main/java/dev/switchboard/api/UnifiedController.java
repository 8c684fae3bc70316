package dev.switchboard.api;

import dev.switchboard.catalog.Catalog;
import dev.switchboard.reads.Downloads;
import dev.switchboard.reads.Listing;
import dev.switchboard.writes.SafeWrites;
import dev.switchboard.unified.UnifiedRequest;
import dev.switchboard.unified.UnifiedResult;
import dev.switchboard.error.ApiException;
import dev.switchboard.mapping.Json;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** {@code /unified/{category}/{resource}}: create, list and get on a unified resource. */
final class UnifiedController {

    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7e]{1,255}");

    private final Catalog catalog;
    private final SafeWrites writes;
    private final Listing listing;
    private final Downloads downloads;

    UnifiedController(Catalog catalog, SafeWrites writes, Listing listing, Downloads downloads) {
        this.catalog = catalog;
        this.writes = writes;
        this.listing = listing;
        this.downloads = downloads;
    }

    Handler list(String resource) {
        Set<String> responseFields = catalog.model(resource).orElseThrow().responseFields().keySet();
        Set<String> parameters = methodQuery(resource, "list");
        return ctx -> write(ctx, listing.list(read(ctx, resource, "list", responseFields, parameters),
                RequestLog.trace(ctx)));
    }

    Handler get(String resource) {
        Set<String> responseFields = catalog.model(resource).orElseThrow().responseFields().keySet();
        Set<String> parameters = methodQuery(resource, "get");
        return ctx -> write(ctx, listing.get(read(ctx, resource, "get", responseFields, parameters),
                Ids.check("id", ctx.pathParam("id")), RequestLog.trace(ctx)));
    }

    /** {@code POST /unified/{resource}/download?file_url=…}: a file's bytes, streamed. */
    Handler download(String resource) {
        Set<String> responseFields = catalog.model(resource).orElseThrow().responseFields().keySet();
        return ctx -> {
            UnifiedQuery query = UnifiedQuery.parse(ctx.queryParamMap(), responseFields, Set.of("file_url"));
            if (!(query.query().get("file_url") instanceof String fileUrl) || fileUrl.isBlank()) {
                throw ApiException.invalid("'file_url' is required: an attachment's file_url, as it came", "query",
                        List.of("file_url"), Map.of());
            }
            write(ctx, downloads.download(TokenAuth.environment(ctx), query.accountId(), resource, fileUrl,
                    RequestLog.trace(ctx)));
        };
    }

    /** A read: no body, no Idempotency-Key. */
    private static UnifiedRequest read(Context ctx, String resource, String method, Set<String> responseFields,
            Set<String> parameters) {
        UnifiedQuery query = UnifiedQuery.parse(ctx.queryParamMap(), responseFields, parameters);
        return new UnifiedRequest(TokenAuth.environment(ctx), query.accountId(), resource, method, Map.of(),
                query.query(), query.remoteQuery(), query.options(), Optional.empty(), query.dryRun());
    }

    Handler create(String resource) {
        return create(resource, false);
    }

    /** {@code POST /unified/{resource}/{action}}: a custom method, as safe to retry as a create. */
    Handler action(String resource, String action) {
        return write(resource, action, false);
    }

    /** {@code POST …/dry-run}: a create that is validated and mapped, and never sent. */
    Handler dryRun(String resource) {
        return create(resource, true);
    }

    private Handler create(String resource, boolean dryRun) {
        return write(resource, "create", dryRun);
    }

    private Handler write(String resource, String method, boolean dryRun) {
        var model = catalog.model(resource).orElseThrow();
        Set<String> responseFields = model.responseFields().keySet();
        Set<String> parameters = methodQuery(resource, method);
        Optional<String> fileField = UploadBodies.fileField(model, method);
        return ctx -> {
            UnifiedQuery query = UnifiedQuery.parse(ctx.queryParamMap(), responseFields, parameters);
            var parsed = fileField.isPresent()
                    ? UploadBodies.read(ctx, model, method, fileField.get(), downloads.maxFileBytes())
                    : new UploadBodies.Parsed(JsonBodies.object(ctx), Optional.empty());
            try {
                var request = new UnifiedRequest(TokenAuth.environment(ctx), query.accountId(), resource, method,
                        parsed.body(), query.query(), query.remoteQuery(), query.options(), idempotencyKey(ctx),
                        dryRun || query.dryRun(), parsed.upload());
                write(ctx, writes.run(request, RequestLog.trace(ctx)));
            } finally {
                parsed.upload().ifPresent(dev.switchboard.unified.Upload::close);
            }
        };
    }

    /** The query parameters a method takes besides the common ones. */
    private Set<String> methodQuery(String resource, String method) {
        return UnifiedQuery.methodParameters(catalog.model(resource).orElseThrow(), method);
    }

    /** Printable ASCII, 1 to 255 characters: what clients generate (UUIDs, hashes) and a log can show. */
    private static Optional<String> idempotencyKey(Context ctx) {
        String key = ctx.header("Idempotency-Key");
        if (key == null) {
            return Optional.empty();
        }
        if (!IDEMPOTENCY_KEY.matcher(key).matches()) {
            throw ApiException.badRequest("Idempotency-Key must be 1 to 255 printable ASCII characters");
        }
        return Optional.of(key);
    }

    private static void write(Context ctx, UnifiedResult result) {
        ctx.status(result.status());
        result.headers().forEach(ctx::header);
        if (result instanceof UnifiedResult.JsonBody json) {
            ctx.contentType("application/json").result(Json.write(json.body()));
        } else if (result instanceof UnifiedResult.RawBody raw) {
            ctx.contentType(raw.contentType()).result(raw.body());
        } else if (result instanceof UnifiedResult.StreamBody stream) {
            // Javalin copies the stream to the client in chunks and closes it.
            ctx.contentType(stream.contentType()).result(stream.body());
        }
    }
}
