package dev.switchboard.cli;

import dev.switchboard.Server;
import dev.switchboard.accounts.IntegratedAccount;
import dev.switchboard.config.ServerConfig;
import dev.switchboard.sandbox.DemoAccounts;
import dev.switchboard.sandbox.Sandbox;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code switchboard training-run}: the build's run that the JDK watches to write its
 * ahead-of-time cache (Java 25+) or class-data archive (21–24), which the launcher and the
 * container then start with. A server with sandbox providers on loopback and a throw-away store
 * answers a few thousand unified calls of each kind, so that the classes of the request path are
 * loaded and its methods profiled; a server started from the cache serves at speed sooner.
 */
@Command(name = "training-run", hidden = true, mixinStandardHelpOptions = true,
        description = "Serve a few thousand sandbox calls and stop: what the build records the JDK's start-up cache from.")
public final class TrainingRunCommand implements Callable<Integer> {

    @Option(names = "--calls", description = "Calls of each kind to each integration (default ${DEFAULT-VALUE}).")
    int calls = 400;

    @Override
    public Integer call() throws Exception {
        Path store = Files.createTempDirectory("switchboard-training");
        PrintStream out = System.out;
        // The access log and start-up lines would fill the build's output; the code that writes them still runs.
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        try (Sandbox providers = Sandbox.start()) {
            var variables = new HashMap<String, String>();
            variables.put("SWITCHBOARD_BIND", "127.0.0.1");
            providers.baseUrls().forEach((integration, url) -> {
                String name = integration.toUpperCase(Locale.ROOT);
                variables.put("SWITCHBOARD_" + name + "_BASE_URL", url);
                // The simulators' own quotas are not what is trained.
                variables.put("SWITCHBOARD_" + name + "_RATE_LIMIT", "off");
            });
            var hosts = new HashSet<String>();
            hosts.add("http://" + Sandbox.host());
            String token = "training-" + Long.toHexString(System.nanoTime());
            ServerConfig config = ServerConfig.of(0, "jdbc:sqlite:" + store.resolve("training.db"), token)
                    .withAllowedHosts(hosts).withEnvironment(variables);
            try (Server server = Server.start(config)) {
                var accounts = DemoAccounts.ensure(server.accounts(), providers);
                drive("http://127.0.0.1:" + server.port(), token, accounts, server);
            }
        } finally {
            System.setOut(out);
            deleteQuietly(store);
        }
        return 0;
    }

    /** Creates and lists notes on every integration, a few at a time, as clients would. */
    private void drive(String base, String token, Map<String, IntegratedAccount> accounts, Server server)
            throws Exception {
        var client = HttpClient.newHttpClient();
        try (var workers = Executors.newVirtualThreadPerTaskExecutor()) {
            var done = new ArrayList<Future<?>>();
            for (int worker = 0; worker < 8; worker++) {
                int offset = worker;
                done.add(workers.submit(() -> {
                    for (int i = offset; i < calls; i += 8) {
                        for (var entry : accounts.entrySet()) {
                            String account = "integrated_account_id=" + entry.getValue().id();
                            String candidate = DemoAccounts.candidateOf(entry.getKey());
                            if (server.catalog().operation(entry.getKey(), "ats/activities", "create").isPresent()) {
                                send(client, HttpRequest.newBuilder(URI.create(base + "/unified/ats/activities?" + account))
                                        .POST(HttpRequest.BodyPublishers.ofString("{\"candidate_id\": \"" + candidate
                                                + "\", \"body\": \"Training note " + i + "\"}")), token);
                            }
                            send(client, HttpRequest.newBuilder(URI.create(base + "/unified/ats/activities?" + account
                                    + "&candidate_id=" + candidate + "&limit=5")).GET(), token);
                        }
                        // A refusal too: a request the gateway turns away is part of its daily work.
                        send(client, HttpRequest.newBuilder(URI.create(base + "/unified/ats/activities"))
                                .POST(HttpRequest.BodyPublishers.ofString("{}")), token);
                    }
                    return null;
                }));
            }
            for (var future : done) {
                future.get();
            }
        }
    }

    private static void send(HttpClient client, HttpRequest.Builder request, String token) {
        try {
            client.send(request.header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .build(), HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void deleteQuietly(Path directory) {
        try (var files = Files.walk(directory)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory: the system clears it in the end
        }
    }
}
