package dev.switchboard.api;

import dev.switchboard.Version;
import dev.switchboard.connect.Connector;
import dev.switchboard.webhooks.WebhookStore;
import dev.switchboard.webhooks.WebhookUrls;

import dev.switchboard.accounts.AccountService;
import dev.switchboard.catalog.Catalog;
import dev.switchboard.engine.Listing;
import dev.switchboard.engine.Proxy;
import dev.switchboard.engine.UnifiedPipeline;
import dev.switchboard.error.ApiException;
import dev.switchboard.mapping.Json;
import dev.switchboard.observability.Metrics;
import dev.switchboard.openapi.OpenApiDocument;
import dev.switchboard.store.StoreException;
import dev.switchboard.tokens.TokenAuthority;
import io.javalin.Javalin;
import io.javalin.http.staticfiles.Location;
import io.javalin.compression.CompressionStrategy;
import io.javalin.http.HttpResponseException;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.component.LifeCycle;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/** The HTTP surface of Switchboard, built from its parts so tests can build it from theirs. */
public final class SwitchboardApp {


    /**
     * What the app is built from.
     *
     * @param storeReachable readiness: whether the store answers now
     * @param maxBodyBytes   request bodies beyond this are refused before they are read
     * @param accessLog      where the one JSON line per request goes
     * @param slowBodies     how slowly a request body may arrive before it is a 408
     */
    public record Parts(Catalog catalog, AccountService accounts, UnifiedPipeline pipeline, Listing listing,
            Proxy proxy, TokenAuthority tokens,
            Metrics metrics, BooleanSupplier storeReachable, long maxBodyBytes, Consumer<String> accessLog,
            SlowBodies slowBodies, Connections connections) {
    }

    /** The connect flow and webhooks; absent, their routes are not served. */
    public record Connections(Connector connector, WebhookStore webhooks, WebhookUrls webhookUrls) {
    }

    /**
     * @param minBytesPerSecond a body slower than this on average is refused with 408
     * @param idleMillis        a body that sends nothing for this long is refused with 408
     */
    public record SlowBodies(long minBytesPerSecond, long idleMillis) {
        public static final SlowBodies DEFAULT = new SlowBodies(1024, 10_000);
    }

    /**
     * The connections the kernel holds for the server before it accepts them. The JDK's default,
     * 50, drops the rest of a burst of connects (a thousand clients at once), and each dropped one
     * comes back only after a 1 s, then 3 s, SYN retry: measured, half of 1,000 clients waited there.
     * The kernel caps it at {@code net.core.somaxconn}.
     */
    static final int ACCEPT_QUEUE = 4096;

    /** Set on the server's connectors as it starts: Javalin makes them then, after modifyServer. */
    private static final LifeCycle.Listener LONG_ACCEPT_QUEUE = new LifeCycle.Listener() {
        @Override
        public void lifeCycleStarting(LifeCycle server) {
            for (var connector : ((org.eclipse.jetty.server.Server) server).getConnectors()) {
                if (connector instanceof ServerConnector serverConnector) {
                    serverConnector.setAcceptQueueSize(ACCEPT_QUEUE);
                }
            }
        }
    };

    private SwitchboardApp() {
    }

    public static Javalin create(Parts parts) {
        var unified = new UnifiedController(parts.catalog(), parts.pipeline(), parts.listing());
        var coverage = new CoverageController(parts.catalog(), parts.accounts());
        var docs = new DocsController(Json.write(OpenApiDocument.build(parts.catalog(), Version.VALUE)));
        var requestLog = new RequestLog(parts.metrics(), parts.accessLog());
        return Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            // A request mostly waits on its provider: as a virtual thread that wait costs no platform thread.
            config.concurrency.useVirtualThreads = true;
            config.http.maxRequestSize = parts.maxBodyBytes();
            // Compression would buffer streamed bodies; providers' answers are small anyway.
            config.http.compressionStrategy = CompressionStrategy.NONE;
            // Jetty's refusals before Javalin sees a request (bad URI, 414, 431) are JSON too.
            config.jetty.modifyServer(server -> {
                server.setErrorHandler(new JsonErrorPages());
                server.addEventListener(LONG_ACCEPT_QUEUE);
            });
            // A body that trickles in (one byte every few seconds) is refused, not waited for.
            config.jetty.modifyHttpConfiguration(http -> {
                http.setMinRequestDataRate(parts.slowBodies().minBytesPerSecond());
                http.setIdleTimeout(parts.slowBodies().idleMillis());
                // No per-connection cache of header fields: it is a 16 KB table built for each
                // connection, most of the memory a connection waiting on a provider held.
                http.setHeaderCacheSize(0);
            });
            config.requestLogger.http((ctx, millis) -> requestLog.finish(ctx, millis));
            config.routes.before(requestLog::start);
            config.routes.before(new TokenAuth(parts.tokens()));
            config.routes.get("/health", ctx -> json(ctx, 200, Map.of("status", "ok")));
            config.routes.get("/ready", ctx -> {
                boolean store = parts.storeReachable().getAsBoolean();
                json(ctx, store ? 200 : 503, Map.of("status", store ? "ready" : "not ready",
                        "store", store ? "ok" : "unreachable",
                        "catalog", Map.of("integrations", parts.catalog().integrationNames())));
            });
            config.routes.get("/openapi.json", docs::openApi);
            config.routes.get("/docs", docs::page);
            if (parts.connections() != null) {
                var connect = new ConnectController(parts.connections().connector());
                config.routes.post("/link-token", connect::issue);
                config.routes.get("/connect", connect::page);
                config.routes.post("/connect/accounts", connect::connect);
                config.routes.get("/connect/oauth/start", connect::start);
                config.routes.get(Connector.CALLBACK_PATH, connect::callback);
                var hooks = new WebhooksController(parts.connections().webhooks(), parts.connections().webhookUrls());
                config.routes.post("/webhook", hooks::create);
                config.routes.get("/webhook", hooks::list);
                config.routes.get("/webhook/{id}", hooks::get);
                config.routes.delete("/webhook/{id}", hooks::delete);
                config.routes.get("/webhook/{id}/deliveries", hooks::deliveries);
            }
            // Swagger UI's files, from its webjar in this jar: /docs loads nothing from outside.
            config.staticFiles.add(files -> {
                files.hostedPath = DocsController.ASSETS;
                files.directory = DocsController.swaggerUiDirectory();
                files.location = Location.CLASSPATH;
            });
            config.routes.get("/metrics", ctx -> {
                // Metrics span every environment: the operator's token only, not a tenant environment's.
                String header = ctx.header("Authorization");
                if (header == null || !parts.tokens().isOperator(header.substring(7).trim())) {
                    throw ApiException.of(403, "/metrics is for the operator's token (SWITCHBOARD_API_TOKEN)");
                }
                ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(parts.metrics().scrape());
            });
            config.routes.post("/unified/ats/activities", unified.create("ats/activities"));
            config.routes.post("/unified/ats/activities/dry-run", unified.dryRun("ats/activities"));
            config.routes.get("/unified/ats/activities", unified.list("ats/activities"));
            config.routes.get("/unified/ats/activities/{id}", unified.get("ats/activities"));
            config.routes.get("/unified/ats/activities/{integration}/meta/{method}", coverage::coverage);
            // Truto's SDK form: the account names the integration.
            config.routes.get("/unified/ats/activities/meta/{method}", coverage::forAccount);
            for (var accountsApi : List.of(Map.entry("/integrated-account", AccountsController.canonical(parts.accounts())),
                    Map.entry("/integrated-accounts", AccountsController.alias(parts.accounts())))) {
                String path = accountsApi.getKey();
                config.routes.post(path, accountsApi.getValue()::create);
                config.routes.get(path, accountsApi.getValue()::list);
                config.routes.get(path + "/{id}", accountsApi.getValue()::get);
                config.routes.patch(path + "/{id}", accountsApi.getValue()::patch);
                config.routes.delete(path + "/{id}", accountsApi.getValue()::delete);
            }
            var proxy = new ProxyController(parts.proxy());
            config.routes.get("/proxy/{resource}", proxy.handle("list"));
            config.routes.post("/proxy/{resource}", proxy.handle("create"));
            config.routes.get("/proxy/{resource}/{id}", proxy.handle("get"));
            config.routes.patch("/proxy/{resource}/{id}", proxy.handle("update"));
            config.routes.delete("/proxy/{resource}/{id}", proxy.handle("delete"));
            config.routes.exception(ApiException.class, ErrorResponses::api);
            config.routes.exception(StoreException.class, ErrorResponses::storeDown);
            config.routes.exception(HttpResponseException.class, ErrorResponses::javalin);
            config.routes.exception(Exception.class, ErrorResponses::unexpected);
        });
    }

    private static void json(io.javalin.http.Context ctx, int status, Object body) {
        ctx.status(status).contentType("application/json").result(Json.write(body));
    }
}
