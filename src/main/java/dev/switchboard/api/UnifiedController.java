package dev.switchboard.api;

import dev.switchboard.catalog.Catalog;
import dev.switchboard.engine.UnifiedPipeline;
import dev.switchboard.engine.UnifiedRequest;
import dev.switchboard.engine.UnifiedResult;
import dev.switchboard.mapping.Json;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.Set;

/** {@code POST /unified/{category}/{resource}}: the create method of a unified resource. */
final class UnifiedController {

    private final Catalog catalog;
    private final UnifiedPipeline pipeline;

    UnifiedController(Catalog catalog, UnifiedPipeline pipeline) {
        this.catalog = catalog;
        this.pipeline = pipeline;
    }

    Handler create(String resource) {
        Set<String> responseFields = catalog.model(resource).orElseThrow().responseFields().keySet();
        return ctx -> {
            UnifiedQuery query = UnifiedQuery.parse(ctx.queryParamMap(), responseFields);
            var request = new UnifiedRequest(TokenAuth.environment(ctx), query.accountId(), resource, "create", JsonBodies.object(ctx),
                    query.query(), query.remoteQuery(), query.options());
            write(ctx, pipeline.run(request));
        };
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
