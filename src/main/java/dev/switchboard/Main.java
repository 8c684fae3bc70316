package dev.switchboard;

import dev.switchboard.catalog.DefinitionException;
import dev.switchboard.config.ServerConfig;
import dev.switchboard.sandbox.DemoAccounts;
import dev.switchboard.sandbox.Sandbox;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;

/** The command line: {@code serve} and {@code serve --sandbox}. */
public final class Main {

    private static final String USAGE = """
            usage: switchboard serve [--sandbox]

              serve            start the API server, configured by SWITCHBOARD_* environment variables
              serve --sandbox  also start simulated Ashby, Lever and Recruitee servers on loopback,
                               with one demo integrated account for each
            """;

    private Main() {
    }

    public static void main(String[] args) {
        List<String> arguments = List.of(args);
        if (arguments.isEmpty() || !arguments.get(0).equals("serve")
                || !(arguments.size() == 1 || arguments.equals(List.of("serve", "--sandbox")))) {
            System.err.print(USAGE);
            System.exit(arguments.contains("--help") || arguments.contains("-h") ? 0 : 2);
        }
        try {
            ServerConfig config = ServerConfig.fromEnvironment(System.getenv());
            if (arguments.contains("--sandbox")) {
                serveSandbox(config);
            } else {
                serve(config);
            }
        } catch (DefinitionException | IllegalArgumentException e) {
            System.err.println("switchboard: " + e.getMessage());
            System.exit(1);
        }
    }

    private static void serve(ServerConfig config) {
        if (config.apiToken().isEmpty()) {
            System.err.println("switchboard: SWITCHBOARD_API_TOKEN is not set; every API call will be refused with 401");
        }
        Server server = Server.start(config);
        System.out.println("Switchboard listening on http://localhost:" + server.port());
    }

    private static void serveSandbox(ServerConfig config) {
        Sandbox sandbox = Sandbox.start();
        if (config.apiToken().isEmpty()) {
            config = config.withApiToken("sb_sandbox_" + HexFormat.of().formatHex(randomBytes()));
        }
        var hosts = new HashSet<>(config.allowedHosts());
        hosts.add(Sandbox.host());
        config = config.withAllowedHosts(hosts);
        Server server = Server.start(config);
        var accounts = DemoAccounts.ensure(server.accounts(), sandbox);
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
                    .append("\", \"body\": \"Great first interview\"}'\n\n");
        });
        System.out.print(out);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            sandbox.close();
        }));
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }
}
