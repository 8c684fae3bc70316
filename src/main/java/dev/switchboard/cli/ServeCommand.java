package dev.switchboard.cli;

import dev.switchboard.Server;
import dev.switchboard.Version;
import dev.switchboard.observability.LogLine;
import dev.switchboard.tokens.TokenAuthority;
import java.nio.ByteBuffer;
import java.util.Optional;
import org.slf4j.Logger;
import dev.switchboard.config.ServerConfig;
import dev.switchboard.accounts.IntegratedAccount;
import dev.switchboard.catalog.Catalog;
import dev.switchboard.crypto.KeySource;
import dev.switchboard.sandbox.DemoAccounts;
import dev.switchboard.sandbox.LeverSimulator;
import dev.switchboard.sandbox.Sandbox;
import dev.switchboard.sandbox.SandboxWalk;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code switchboard serve [--sandbox]}: runs until the process is stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Start the API server, configured by SWITCHBOARD_* environment variables.")
public final class ServeCommand implements Callable<Integer> {

    @Option(names = "--sandbox", description = "Also start simulated servers for every integration on "
            + "loopback, with one demo integrated account for each, and print a ready curl for each.")
    boolean sandbox;

    private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

    @Override
    public Integer call() throws InterruptedException {
        if (sandbox) {
            LogLine.preferText(System.getenv()); // before the first line: a person reads the sandbox
        }
        LogLine.checkSetting(System.getenv());
        ServerConfig config = ServerConfig.fromEnvironment(System.getenv());
        if (sandbox) {
            serveSandbox(config);
        } else {
            serve(config);
        }
        Thread.currentThread().join(); // the server's threads do the work from here on
        return 0;
    }

    private static void serve(ServerConfig config) {
        if (config.apiToken().isEmpty()) {
            // A warning, not a failure: the server runs, and serves the tokens in the store.
            LOG.warn("SWITCHBOARD_API_TOKEN is not set: only tokens made with 'switchboard tokens create' are accepted");
        }
        Server server = Server.start(config);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        LOG.info("Switchboard {} listening on http://localhost:{}", Version.VALUE, server.port());
    }

    private static void serveSandbox(ServerConfig config) {
        Sandbox providers = startSimulators(config);
        // The sandbox's own token is a stored one (tokens list shows it) unless the operator gave one.
        Optional<String> storedToken = config.apiToken().isEmpty() ? Optional.of(sandboxToken(config)) : Optional.empty();
        var hosts = new HashSet<>(config.allowedHosts());
        hosts.add("http://" + Sandbox.host()); // the simulators serve plain http on loopback
        config = config.withAllowedHosts(hosts);
        // Lever OAuth accounts refresh against the simulated Lever unless told otherwise.
        var variables = new HashMap<>(config.environment());
        variables.putIfAbsent("SWITCHBOARD_LEVER_CLIENT_ID", LeverSimulator.CLIENT_ID);
        variables.putIfAbsent("SWITCHBOARD_LEVER_CLIENT_SECRET", LeverSimulator.CLIENT_SECRET);
        variables.putIfAbsent("SWITCHBOARD_LEVER_TOKEN_URL", providers.leverTokenUrl());
        variables.putIfAbsent("SWITCHBOARD_GREENHOUSE_TOKEN_URL", providers.greenhouseTokenUrl());
        // Accounts made on the connect page reach the simulators, and Lever's consent is simulated.
        variables.putIfAbsent("SWITCHBOARD_LEVER_AUTHORIZE_URL", providers.leverAuthorizeUrl());
        providers.baseUrls().forEach((integration, url) ->
                variables.putIfAbsent("SWITCHBOARD_" + integration.toUpperCase(Locale.ROOT) + "_BASE_URL", url));
        // A sandbox with a printed token and demo credentials is for this machine only.
        variables.putIfAbsent("SWITCHBOARD_BIND", "127.0.0.1");
        // The banner and the answers are what a newcomer reads: no line per request unless asked.
        variables.putIfAbsent("SWITCHBOARD_ACCESS_LOG", "off");
        // The sandbox's token may read /metrics, as the operator's would.
        variables.putIfAbsent("SWITCHBOARD_METRICS_ENVIRONMENTS", TokenAuthority.BOOTSTRAP_ENVIRONMENT);
        config = config.withEnvironment(variables);
        Server server = Server.start(config);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            providers.close();
        }));
        storedToken.ifPresent(token -> server.tokens().keep(TokenAuthority.BOOTSTRAP_ENVIRONMENT, SANDBOX_TOKEN_NAME, token));
        String token = storedToken.isPresent() ? storedToken.get() : config.apiToken().orElseThrow();
        var accounts = DemoAccounts.ensure(server.accounts(), providers);
        String base = "http://localhost:" + server.port();
        String walkThrough = walkThrough(base, token, accounts, server.catalog());
        String reference = walkThrough.substring(walkThrough.lastIndexOf("API reference: "));
        System.out.print(walkThrough.substring(0, walkThrough.length() - reference.length())
                + connectWalkThrough(base, token) + "\n" + simulators(providers) + "\n" + reference);
        System.out.flush();
    }

    /** The name {@code tokens list} shows for the sandbox's token. */
    static final String SANDBOX_TOKEN_NAME = "sandbox";

    /**
     * The simulators on {@code SWITCHBOARD_SANDBOX_PORT} and the five ports after it, or on
     * ports derived from the server's key, so the same on every start with the same store:
     * accounts made on the connect page keep pointing at a live simulator after a restart.
     */
    private static Sandbox startSimulators(ServerConfig config) {
        String chosen = config.environment().get("SWITCHBOARD_SANDBOX_PORT");
        if (chosen != null) {
            try {
                return Sandbox.start(Integer.parseInt(chosen.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("SWITCHBOARD_SANDBOX_PORT must be a port number, not '" + chosen + "'");
            }
        }
        int derived = 10_000 + Math.floorMod(ByteBuffer.wrap(derive(config, "switchboard sandbox ports")).getInt(), 3_600)
                * Sandbox.PORTS;
        try {
            return Sandbox.start(derived);
        } catch (IllegalStateException taken) {
            LOG.warn("{}; the simulators run on other ports this time", taken.getMessage());
            return Sandbox.start();
        }
    }

    /**
     * Where a second server, or a connect-page account, finds each simulator, and the OAuth
     * client the simulated Lever knows: what another Switchboard pointed at this sandbox sets.
     */
    static String simulators(Sandbox providers) {
        var out = new StringBuilder("Simulated providers (base_url of each account; the same ports after a restart):\n");
        providers.baseUrls().forEach((integration, url) -> out.append(String.format(Locale.ROOT, "  %-11s %s%n",
                integration, url)));
        out.append("For another Switchboard pointed at these simulators (loopback hosts, the simulated Lever OAuth client):\n")
                .append("  SWITCHBOARD_ALLOWED_HOSTS=http://").append(Sandbox.host()).append('\n')
                .append("  SWITCHBOARD_LEVER_CLIENT_ID=").append(LeverSimulator.CLIENT_ID).append('\n')
                .append("  SWITCHBOARD_LEVER_CLIENT_SECRET=").append(LeverSimulator.CLIENT_SECRET).append('\n')
                .append("  SWITCHBOARD_LEVER_AUTHORIZE_URL=").append(providers.leverAuthorizeUrl()).append('\n')
                .append("  SWITCHBOARD_LEVER_TOKEN_URL=").append(providers.leverTokenUrl()).append('\n');
        return out.toString();
    }

    /**
     * What a newcomer pastes: one block of exports, then per integration a create and a list
     * that use them, so the README's commands work with the same variables.
     */
    static String walkThrough(String base, String token, Map<String, IntegratedAccount> accounts, Catalog catalog) {
        var out = new StringBuilder();
        out.append("Switchboard listening on ").append(base).append(" with sandbox providers\n\n");
        out.append("Paste these into your shell; the commands below and in the README use them:\n\n");
        out.append("export SWITCHBOARD=").append(base).append('\n');
        out.append("export TOKEN=").append(token).append('\n');
        accounts.forEach((integration, account) -> out.append("export ").append(variable(integration)).append('=')
                .append(account.id()).append('\n'));
        out.append('\n');
        accounts.forEach((integration, account) -> out.append(SandboxWalk.of(base, token, integration, account, catalog,
                variable(integration))));
        out.append("API reference: ").append(base).append("/docs\n");
        return out.toString();
    }

    /**
     * A connect link to open in a browser, made through the API as a product would make one,
     * and the calls for another link and for a webhook.
     */
    static String connectWalkThrough(String base, String token) {
        String url;
        try {
            var answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/link-token"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"tenant_id\": \"" + DemoAccounts.TENANT + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            url = String.valueOf(dev.switchboard.mapping.Json.tryParse(answer.body().getBytes(StandardCharsets.UTF_8))
                    .flatMap(dev.switchboard.mapping.Json::asObject).orElseThrow().get("url"));
        } catch (java.io.IOException | RuntimeException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
        return "Connect an account as your users would (open in a browser; single use, 30 minutes):\n  " + url + "\n"
                + "  Another link:\n"
                + "  curl -s -X POST \"$SWITCHBOARD/link-token\" -H \"Authorization: Bearer $TOKEN\" \\\n"
                + "    -H 'Content-Type: application/json' -d '{\"tenant_id\": \"acme\"}'\n"
                + "  Hear about connections: register a webhook (the answer holds its signing secret), then run\n"
                + "  java -jar target/switchboard.jar webhooks listen --secret <that secret>\n"
                + "  curl -s -X POST \"$SWITCHBOARD/webhook\" -H \"Authorization: Bearer $TOKEN\" \\\n"
                + "    -H 'Content-Type: application/json' -d '{\"url\": \"http://127.0.0.1:9000/hooks\"}'\n";
    }

    /** {@code ASHBY_ACCOUNT}, {@code LEVER_ACCOUNT}, …: the shell variable holding an integration's demo account. */
    static String variable(String integration) {
        return integration.toUpperCase(Locale.ROOT) + "_ACCOUNT";
    }

    /**
     * The sandbox's API token when none is configured: derived from the server's key, so it
     * stays the same across restarts, as the sandbox's account ids do.
     */
    private static String sandboxToken(ServerConfig config) {
        return "sbt_sandbox_" + HexFormat.of().formatHex(derive(config, "switchboard sandbox api token"), 0, 16);
    }

    /** An HMAC of the purpose under the server's key: stable for one store, unguessable without its key. */
    private static byte[] derive(ServerConfig config, String purpose) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(KeySource.resolve(config.secretKey(), config.databaseUrl()).current().secret());
            return mac.doFinal(purpose.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot derive the sandbox's " + purpose, e);
        }
    }
}
