package dev.switchboard.api;

import dev.switchboard.Version;
import dev.switchboard.connect.Connector;
import dev.switchboard.webhooks.WebhookStore;
import dev.switchboard.webhooks.WebhookUrls;

import dev.switchboard.accounts.AccountService;
import dev.switchboard.catalog.Catalog;
import dev.switchboard.catalog.UnifiedModel;
import dev.switchboard.connect.CredentialCheck;
import dev.switchboard.reads.Downloads;
import dev.switchboard.reads.Listing;
import dev.switchboard.proxy.Proxy;
import dev.switchboard.writes.SafeWrites;
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
    public record Parts(Catalog catalog, AccountService accounts, CredentialCheck credentials, SafeWrites writes,
            Listing listing, Downloads downloads,
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

    // Jetty 12 marks HttpConfiguration.setMinRequestDataRate for removal; Switchboard still relies
    // on it to refuse a body that trickles in (SlowBodies), until it moves to what replaces it.
    @SuppressWarnings("removal")
    public static Javalin create(Parts parts) {
        var unified = new UnifiedController(parts.catalog(), parts.writes(), parts.listing(), parts.downloads());
        var coverage = new CoverageController(parts.catalog(), parts.accounts());
        var docs = new DocsController(Json.write(OpenApiDocument.build(parts.catalog(), Version.VALUE)));
        var requestLog = new RequestLog(parts.metrics(), parts.accessLog());
        return Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            // A request mostly waits on its provider: as a virtual thread that wait costs no platform thread.
            config.concurrency.useVirtualThreads = true;
            config.http.maxRequestSize = parts.maxBodyBytes();
            // A known path asked with another method is a 405 naming the methods (ErrorResponses).
            config.http.prefer405over404 = true;
            // Compression would buffer streamed bodies; providers' answers are small anyway.
            config.http.compressionStrategy = CompressionStrategy.NONE;
            // Javalin copies every answer to Jetty through a buffer of this size, made afresh for
            // each response (by default Jetty's 32 KB output buffer size): most of what a health
            // check allocated, for answers of a few hundred bytes. Jetty's own buffer, pooled, is
            // unchanged, so streamed downloads still reach the socket in 32 KB writes.
            config.http.responseBufferSize = 8 * 1024;
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
            // Every answer, JSON included, is framed by no one and runs nothing; a page sets its own policy.
            config.routes.before(ctx -> {
                ctx.header("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
                ctx.header("X-Content-Type-Options", "nosniff");
            });
            config.routes.before(StorableText::checkQuery);
            config.routes.before(new TokenAuth(parts.tokens()));
            var health = new java.util.LinkedHashMap<String, Object>(Map.of("status", "ok"));
            health.put("version", Version.VALUE);
            health.put("built", Version.BUILT);
            getAndHead(config.routes, "/health", ctx -> json(ctx, 200, health));
            getAndHead(config.routes, "/ready", ctx -> {
                boolean store = parts.storeReachable().getAsBoolean();
                json(ctx, store ? 200 : 503, Map.of("status", store ? "ready" : "not ready",
                        "store", store ? "ok" : "unreachable",
                        "catalog", Map.of("integrations", parts.catalog().integrationNames())));
            });
            getAndHead(config.routes, "/openapi.json", docs::openApi);
            config.routes.get("/favicon.ico", DocsController::favicon);
            config.routes.get("/favicon.svg", DocsController::favicon);
            getAndHead(config.routes, "/docs", docs::page);
            if (parts.connections() != null) {
                var connect = new ConnectController(parts.connections().connector());
                config.routes.post("/link-token", connect::issue);
                getAndHead(config.routes, "/connect", connect::page);
                config.routes.post("/connect/accounts", connect::connect);
                getAndHead(config.routes, "/connect/oauth/start", connect::start);
                getAndHead(config.routes, Connector.CALLBACK_PATH, connect::callback);
                var hooks = new WebhooksController(parts.connections().webhooks(), parts.connections().webhookUrls());
                config.routes.post("/webhook", hooks::create);
                getAndHead(config.routes, "/webhook", hooks::list);
                getAndHead(config.routes, "/webhook/{id}", hooks::get);
                config.routes.delete("/webhook/{id}", hooks::delete);
                getAndHead(config.routes, "/webhook/{id}/deliveries", hooks::deliveries);
            }
            // Swagger UI's files, from its webjar in this jar: /docs loads nothing from outside.
            config.staticFiles.add(files -> {
                files.hostedPath = DocsController.ASSETS;
                files.directory = DocsController.swaggerUiDirectory();
                files.location = Location.CLASSPATH;
            });
            getAndHead(config.routes, "/metrics", ctx -> {
                // Metrics span every environment: the operator's tokens only, not a tenant environment's.
                String header = ctx.header("Authorization");
                if (header == null || !parts.tokens().mayReadMetrics(header.substring(7).trim())) {
                    throw ApiException.of(403, "/metrics is for the operator: SWITCHBOARD_API_TOKEN, or a token of "
                            + "an environment named in SWITCHBOARD_METRICS_ENVIRONMENTS");
                }
                ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(parts.metrics().scrape());
            });
            // One registration per model: a resource added to the catalog is served with no code.
            for (UnifiedModel model : parts.catalog().models()) {
                String path = "/unified/" + model.resource();
                String resource = model.resource();
                if (model.methods().containsKey("create")) {
                    config.routes.post(path, unified.create(resource));
                    config.routes.post(path + "/dry-run", unified.dryRun(resource));
                }
                if (model.methods().containsKey("list")) {
                    getAndHead(config.routes, path, unified.list(resource));
                }
                if (model.methods().containsKey("get")) {
                    getAndHead(config.routes, path + "/{id}", unified.get(resource));
                }
                if (model.methods().containsKey(UnifiedModel.DOWNLOAD)) {
                    config.routes.post(path + "/download", unified.download(resource));
                }
                // Truto's custom methods: POST /unified/ats/applications/move-stage, the target in the body.
                for (String action : model.actions()) {
                    config.routes.post(path + "/" + action, unified.action(resource, action));
                }
                getAndHead(config.routes, path + "/{integration}/meta/{method}", coverage.coverage(resource));
                // Truto's SDK form: the account names the integration.
                getAndHead(config.routes, path + "/meta/{method}", coverage.forAccount(resource));
            }
            for (var accountsApi : List.of(Map.entry("/integrated-account", AccountsController.canonical(parts.accounts(),
                    parts.credentials())), Map.entry("/integrated-accounts", AccountsController.alias(parts.accounts(),
                    parts.credentials())))) {
                String path = accountsApi.getKey();
                config.routes.post(path, accountsApi.getValue()::create);
                getAndHead(config.routes, path, accountsApi.getValue()::list);
                getAndHead(config.routes, path + "/{id}", accountsApi.getValue()::get);
                config.routes.patch(path + "/{id}", accountsApi.getValue()::patch);
                config.routes.delete(path + "/{id}", accountsApi.getValue()::delete);
            }
            var proxy = new ProxyController(parts.proxy());
            getAndHead(config.routes, "/proxy/{resource}", proxy.handle("list"));
            config.routes.post("/proxy/{resource}", proxy.handle("create"));
            getAndHead(config.routes, "/proxy/{resource}/{id}", proxy.handle("get"));
            config.routes.patch("/proxy/{resource}/{id}", proxy.handle("update"));
            config.routes.delete("/proxy/{resource}/{id}", proxy.handle("delete"));
            config.routes.exception(ApiException.class, ErrorResponses::api);
            config.routes.exception(StoreException.class, ErrorResponses::storeDown);
            config.routes.exception(HttpResponseException.class, ErrorResponses::javalin);
            config.routes.exception(Exception.class, ErrorResponses::unexpected);
        });
    }

    /**
     * A GET route, and HEAD answered by the same handler, its checks included: the body is
     * left out by the server, the status and headers are the GET's.
     */
    private static void getAndHead(io.javalin.config.RoutesConfig routes, String path, io.javalin.http.Handler handler) {
        routes.get(path, handler);
        routes.head(path, handler);
    }

    private static void json(io.javalin.http.Context ctx, int status, Object body) {
        ctx.status(status).contentType("application/json").result(Json.write(body));
    }
}
