package dev.switchboard.cli;

import com.sun.net.httpserver.HttpServer;
import dev.switchboard.webhooks.Signature;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code switchboard webhooks listen}: a receiver on this machine that checks and prints each event. */
@Command(name = "webhooks", mixinStandardHelpOptions = true, description = "Work with webhooks.",
        subcommands = WebhooksCommand.Listen.class)
public final class WebhooksCommand {

    @Command(name = "listen", mixinStandardHelpOptions = true, description = {
            "Receive webhooks on 127.0.0.1 and print each event, with whether its signature holds.",
            "Register it first: POST /webhook {\"url\": \"http://127.0.0.1:9000/hooks\"}, and pass the secret it answers."})
    static final class Listen implements Callable<Integer> {
        @Option(names = "--port", defaultValue = "9000", description = "The port to listen on (default: ${DEFAULT-VALUE}).")
        int port;

        @Option(names = "--secret", required = true, description = "The webhook's secret, whsec_…")
        String secret;

        @Override
        public Integer call() throws IOException, InterruptedException {
            if (!secret.startsWith(Signature.SECRET_PREFIX)) {
                throw new IllegalArgumentException("--secret is the whsec_… value POST /webhook answered");
            }
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
            server.createContext("/", exchange -> {
                byte[] body = exchange.getRequestBody().readAllBytes();
                String id = exchange.getRequestHeaders().getFirst("webhook-id");
                String timestamp = exchange.getRequestHeaders().getFirst("webhook-timestamp");
                String signature = exchange.getRequestHeaders().getFirst("webhook-signature");
                boolean verified = id != null && timestamp != null && signature != null && timestamp.matches("\\d{1,12}")
                        && Math.abs(Instant.now().getEpochSecond() - Long.parseLong(timestamp)) < 300
                        && Signature.verify(secret, id, Long.parseLong(timestamp), body, signature);
                System.out.println((verified ? "verified " : "NOT VERIFIED ") + id + " "
                        + new String(body, StandardCharsets.UTF_8));
                System.out.flush();
                // A message whose signature fails is refused, as a receiver should.
                exchange.sendResponseHeaders(verified ? 204 : 401, -1);
                exchange.close();
            });
            server.start();
            System.out.println("listening on http://127.0.0.1:" + server.getAddress().getPort() + "/hooks");
            System.out.flush();
            new CountDownLatch(1).await();
            return 0;
        }
    }
}
