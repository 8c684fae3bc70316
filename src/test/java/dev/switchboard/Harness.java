package dev.switchboard;

import dev.switchboard.config.ServerConfig;
import dev.switchboard.mapping.Json;
import dev.switchboard.sandbox.DemoAccounts;
import dev.switchboard.sandbox.Sandbox;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A Switchboard server on a free port with its own SQLite file, and a client for it.
 * As a static {@code @RegisterExtension} field it starts before the class's tests and
 * stops after them; {@link #start()} runs one by hand.
 */
public final class Harness implements AutoCloseable, BeforeAllCallback, AfterAllCallback {

    public static final String TOKEN = "test-token-0123456789";

    private final Supplier<ServerConfig> config;
    private final HttpClient http = HttpClient.newHttpClient();
    private Server server;
    private String databaseUrl;

    private Harness(Supplier<ServerConfig> config) {
        this.config = config;
    }

    /** One server for a test class, on a fresh SQLite store. */
    public static Harness perClass() {
        return perClass(Harness::sqliteConfig);
    }

    /** One server for a test class, with this configuration (loopback allowed as a provider host). */
    public static Harness perClass(Supplier<ServerConfig> config) {
        return new Harness(config);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        open();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    private Harness open() {
        ServerConfig chosen = config.get();
        var hosts = new java.util.HashSet<>(chosen.allowedHosts());
        hosts.addAll(Set.of("http://127.0.0.1", "http://localhost"));
        server = Server.start(chosen.withAllowedHosts(hosts));
        databaseUrl = chosen.databaseUrl();
        return this;
    }

    public static Harness start() {
        return start(sqliteConfig());
    }

    /** A server with this configuration, loopback allowed as a provider host. */
    public static Harness start(ServerConfig config) {
        return new Harness(() -> config).open();
    }

    /** A fresh SQLite store in a temporary folder, this class's token, a free port. */
    public static ServerConfig sqliteConfig() {
        Path dir = TempDirs.create("switchboard-test");
        return ServerConfig.of(0, "jdbc:sqlite:" + dir.resolve("test.db"), TOKEN);
    }

    /** A fresh store whose server reaches the sandbox's token endpoints as {@code serve --sandbox} does. */
    public static ServerConfig sandboxConfig(Sandbox sandbox) {
        return sqliteConfig().withEnvironment(Map.of("SWITCHBOARD_GREENHOUSE_TOKEN_URL", sandbox.greenhouseTokenUrl(),
                "SWITCHBOARD_LEVER_TOKEN_URL", sandbox.leverTokenUrl()));
    }

    /**
     * {@link #sandboxConfig} with every provider's rate limit off on both sides, Switchboard's
     * pacing and the simulators' 429s, as the training run has it: for tests whose subject is not
     * the limit, so they wait on nothing (Workable's 10 calls in 10 seconds holds a walk for many).
     */
    public static ServerConfig sandboxConfigWithoutRateLimits(Sandbox sandbox) {
        var config = sandboxConfig(sandbox);
        var environment = new TreeMap<>(config.environment());
        sandbox.baseUrls().keySet().forEach(integration ->
                environment.put("SWITCHBOARD_" + integration.toUpperCase(Locale.ROOT) + "_RATE_LIMIT", "off"));
        // Workable's is the one simulator that enforces its provider's limit.
        sandbox.workable().limitCalls(false);
        return config.withEnvironment(environment);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    public String databaseUrl() {
        return databaseUrl;
    }

    public Server server() {
        return server;
    }

    public HttpResponse<String> post(String pathAndQuery, String json) {
        return send("POST", pathAndQuery, json, Map.of("Authorization", "Bearer " + TOKEN));
    }

    public HttpResponse<String> get(String pathAndQuery) {
        return send("GET", pathAndQuery, null, Map.of("Authorization", "Bearer " + TOKEN));
    }

    public HttpResponse<String> send(String method, String pathAndQuery, String body, Map<String, String> headers) {
        var builder = HttpRequest.newBuilder(URI.create(baseUrl() + pathAndQuery)).timeout(Duration.ofSeconds(30));
        headers.forEach(builder::header);
        if (body != null) {
            builder.header("Content-Type", "application/json");
        }
        builder.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        try {
            return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Creates an integrated account through the API and returns its id. */
    public String account(String integration, Map<String, Object> context) {
        // Skipped: most tests stub only the calls they exercise, not the connect check (ConnectCheckTest tests it).
        var response = post("/integrated-accounts?connect_check=skip", Json.writeString(
                Map.of("integration", integration, "tenant_id", "tenant-1", "context", context)));
        if (response.statusCode() != 201) {
            throw new IllegalStateException("account not created: " + response.body());
        }
        return (String) json(response).get("id");
    }

    /** The sandbox's demo accounts on this server, by integration: what `serve --sandbox` creates. */
    public Map<String, String> demoAccounts(Sandbox sandbox) {
        var ids = new TreeMap<String, String>();
        DemoAccounts.ensure(server.accounts(), sandbox).forEach((integration, account) -> ids.put(integration, account.id()));
        return Map.copyOf(ids);
    }

    /** The POST path of a unified create for an account, with extra query text. */
    public static String activities(String accountId, String extraQuery) {
        return "/unified/ats/activities?integrated_account_id=" + accountId + extraQuery;
    }

    public static Map<String, Object> json(HttpResponse<String> response) {
        try {
            return Json.asObject(Json.parse(response.body().getBytes(StandardCharsets.UTF_8))).orElseThrow();
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
