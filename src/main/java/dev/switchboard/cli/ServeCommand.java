package dev.switchboard.cli;

import dev.switchboard.Server;
import dev.switchboard.config.ServerConfig;
import dev.switchboard.sandbox.DemoAccounts;
import dev.switchboard.sandbox.LeverSimulator;
import dev.switchboard.sandbox.Sandbox;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code switchboard serve [--sandbox]}: runs until the process is stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Start the API server, configured by SWITCHBOARD_* environment variables.")
public final class ServeCommand implements Callable<Integer> {

    @Option(names = "--sandbox", description = "Also start simulated Ashby, Lever and Recruitee servers on "
            + "loopback, with one demo integrated account for each, and print a ready curl for each.")
    boolean sandbox;

    @Override
    public Integer call() throws InterruptedException {
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
            System.err.println("switchboard: SWITCHBOARD_API_TOKEN is not set; only tokens made with "
                    + "'switchboard tokens create' will be accepted");
        }
        Server server = Server.start(config);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        System.out.println("Switchboard listening on http://localhost:" + server.port());
    }

    private static void serveSandbox(ServerConfig config) {
        Sandbox providers = Sandbox.start();
        if (config.apiToken().isEmpty()) {
            config = config.withApiToken("sb_sandbox_" + HexFormat.of().formatHex(randomBytes()));
        }
        var hosts = new HashSet<>(config.allowedHosts());
        hosts.add("http://" + Sandbox.host()); // the simulators serve plain http on loopback
        config = config.withAllowedHosts(hosts);
        // Lever OAuth accounts refresh against the simulated Lever unless told otherwise.
        var variables = new HashMap<>(config.environment());
        variables.putIfAbsent("SWITCHBOARD_LEVER_CLIENT_ID", LeverSimulator.CLIENT_ID);
        variables.putIfAbsent("SWITCHBOARD_LEVER_CLIENT_SECRET", LeverSimulator.CLIENT_SECRET);
        variables.putIfAbsent("SWITCHBOARD_LEVER_TOKEN_URL", providers.leverTokenUrl());
        // A sandbox with a printed token and demo credentials is for this machine only.
        variables.putIfAbsent("SWITCHBOARD_BIND", "127.0.0.1");
        config = config.withEnvironment(variables);
        Server server = Server.start(config);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            providers.close();
        }));
        var accounts = DemoAccounts.ensure(server.accounts(), providers);
        String base = "http://localhost:" + server.port();
        String token = config.apiToken().orElseThrow();
        var out = new StringBuilder();
        out.append("Switchboard listening on ").append(base).append(" with sandbox providers\n\n");
        out.append("API token: ").append(token).append("\n\n");
        accounts.forEach((integration, account) -> {
            out.append(integration).append(" account: ").append(account.id()).append('\n');
            out.append("  curl -s -X POST '").append(base).append("/unified/ats/activities?integrated_account_id=")
                    .append(account.id()).append("' \\\n")
                    .append("    -H 'Authorization: Bearer ").append(token).append("' \\\n")
                    .append("    -H 'Content-Type: application/json' \\\n")
                    .append("    -d '{\"candidate_id\": \"").append(DemoAccounts.candidateOf(integration))
                    .append("\", \"body\": \"Great first interview\"}'\n")
                    .append("  curl -s '").append(base).append("/unified/ats/activities?integrated_account_id=")
                    .append(account.id()).append("&candidate_id=").append(DemoAccounts.candidateOf(integration))
                    .append("&limit=10' \\\n")
                    .append("    -H 'Authorization: Bearer ").append(token).append("'\n\n");
        });
        out.append("API reference: ").append(base).append("/docs\n");
        System.out.print(out);
        System.out.flush();
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }
}
