package dev.switchboard.api;

import dev.switchboard.proxy.Proxy;
import dev.switchboard.error.ApiException;
import dev.switchboard.mapping.Json;
import dev.switchboard.unified.UnifiedResult;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.Optional;
import java.util.regex.Pattern;

/** {@code /proxy/{resource}[/{id}]}: the provider's own resources, as the catalog names them (docs/api.md §3b). */
final class ProxyController {

    private static final Pattern RESOURCE = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,63}");

    private final Proxy proxy;

    ProxyController(Proxy proxy) {
        this.proxy = proxy;
    }

    /** @param method list, get, create, update or delete */
    Handler handle(String method) {
        return ctx -> {
            boolean byId = method.equals("get") || method.equals("update") || method.equals("delete");
            boolean withBody = method.equals("create") || method.equals("update");
            var request = new Proxy.ProxyRequest(TokenAuth.environment(ctx), resource(ctx),
                    method, byId ? Optional.of(Ids.path(ctx)) : Optional.empty(), ctx.queryParamMap(),
                    withBody ? Optional.of(JsonBodies.object(ctx)) : Optional.empty());
            UnifiedResult.JsonBody result = (UnifiedResult.JsonBody) proxy.call(request, RequestLog.trace(ctx));
            result.headers().forEach(ctx::header);
            ctx.status(result.status()).contentType("application/json")
                    .result(Json.write(result.body()));
        };
    }

    /** A catalog key such as notes or candidate.listNotes: only looked up, never put in a URL. */
    private static String resource(Context ctx) {
        String name = ctx.pathParam("resource");
        if (!RESOURCE.matcher(name).matches()) {
            throw ApiException.badRequest("'resource' is not a resource name");
        }
        return name;
    }
}
