package dev.switchboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.mapping.Json;
import dev.switchboard.sandbox.AshbySimulator;
import dev.switchboard.sandbox.GreenhouseSimulator;
import dev.switchboard.sandbox.TeamtailorSimulator;
import dev.switchboard.sandbox.WorkableSimulator;
import dev.switchboard.sandbox.LeverSimulator;
import dev.switchboard.sandbox.RecruiteeSimulator;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a newcomer does: start {@code serve --sandbox}, paste each printed curl, get a note. */
class SandboxCommandTest {

    @Test
    void everyPrintedCurlWorks() throws Exception {
        String database = "jdbc:sqlite:" + TempDirs.create("sandbox").resolve("sandbox.db");
        String firstToken;
        Map<String, String> firstSimulators;
        String webhook;
        try (var switchboard = ChildServer.start(List.of(), List.of("serve", "--sandbox"),
                Map.of("SWITCHBOARD_DATABASE_URL", database))) {
            List<String> lines = switchboard.linesUntil("API reference: ", Duration.ofSeconds(20));
            String exports = String.join("\n", lines.stream().filter(line -> line.startsWith("export ")).toList());
            firstToken = variable(lines, "TOKEN");
            assertTrue(firstToken.length() > 20, "a generated token");
            for (String integration : List.of("ASHBY", "LEVER", "RECRUITEE", "WORKABLE", "TEAMTAILOR", "GREENHOUSE")) {
                assertTrue(variable(lines, integration + "_ACCOUNT").length() > 10, integration);
            }

            // The sandbox listens on loopback only: 127.0.0.2 (loopback too, but another address) is refused.
            int port = Integer.parseInt(lines.stream().filter(line -> line.startsWith("Switchboard listening on"))
                    .findFirst().orElseThrow().replaceAll(".*:(\\d+).*", "$1"));
            try (var socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.2", port), 2_000);
                throw new AssertionError("the sandbox answered on 127.0.0.2");
            } catch (ConnectException refused) {
                // as it should
            }

            // Per integration that writes: a create, then a list of the same candidate that shows the note.
            // Greenhouse only lists. Every curl runs after the printed exports, as a newcomer pastes them.
            List<String> curls = curlCommands(lines);
            assertEquals(13, curls.size(), String.join("\n", lines));
            for (int i = 0; i < 10; i += 2) {
                var note = run(exports, curls.get(i));
                assertEquals("note", note.get("activity_type"), note.toString());
                assertEquals("Great first interview", note.get("body"), note.toString());
                var page = run(exports, curls.get(i + 1));
                // Workable's documented answer has no id: the note is found by its text.
                assertTrue(((List<?>) page.get("result")).stream().map(item -> (Map<?, ?>) item).anyMatch(item ->
                        note.get("id") == null ? "Great first interview".equals(item.get("body"))
                                : item.get("id").equals(note.get("id"))),
                        "the listed page holds the note just written: " + page);
            }
            var greenhouse = run(exports, curls.get(10));
            assertFalse(((List<?>) greenhouse.get("result")).isEmpty(), greenhouse.toString());

            // The connect page's link opens, and the printed calls make another link and a webhook.
            String connect = lines.stream().filter(line -> line.trim().startsWith("http://localhost:")
                    && line.contains("/connect?link_token=")).findFirst().orElseThrow().trim();
            var page = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(connect)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("Connect your applicant tracking system"));
            assertTrue(((String) run(exports, curls.get(11)).get("url")).contains("/connect?link_token="));
            var registered = run(exports, curls.get(12));
            assertTrue(((String) registered.get("secret")).startsWith("whsec_"));
            webhook = (String) registered.get("id");

            // Where a second server finds each simulator, and the simulated Lever's OAuth client.
            firstSimulators = simulators(lines);
            assertEquals(List.of("ashby", "lever", "recruitee", "workable", "teamtailor", "greenhouse"),
                    List.copyOf(firstSimulators.keySet()));
            firstSimulators.values().forEach(url -> assertTrue(url.matches("http://127\\.0\\.0\\.1:\\d+(/.*)?"), url));
            assertTrue(lines.contains("  SWITCHBOARD_LEVER_CLIENT_ID=" + LeverSimulator.CLIENT_ID), String.join("\n", lines));
            assertTrue(lines.contains("  SWITCHBOARD_LEVER_CLIENT_SECRET=" + LeverSimulator.CLIENT_SECRET));
            assertTrue(lines.stream().anyMatch(line -> line.startsWith("  SWITCHBOARD_LEVER_TOKEN_URL=http://127.0.0.1:")));

            // The sandbox's token is a stored one in its environment, and it may read the metrics.
            var tokens = CommandLineTest.run(Map.of("SWITCHBOARD_DATABASE_URL", database), "tokens", "list");
            assertTrue(tokens.output().lines().anyMatch(line -> line.matches(".* default +active .* sandbox")),
                    tokens.output());
            var metrics = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(switchboard.baseUrl() + "/metrics")).header("Authorization", "Bearer " + firstToken)
                    .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(200, metrics.statusCode(), metrics.body());
            Thread.sleep(200);
            var printed = new ArrayList<>(lines);
            printed.addAll(switchboard.drain());
            for (String secret : List.of(AshbySimulator.API_KEY, LeverSimulator.API_KEY, RecruiteeSimulator.API_TOKEN,
                    WorkableSimulator.API_TOKEN, TeamtailorSimulator.API_KEY, GreenhouseSimulator.CLIENT_SECRET)) {
                assertTrue(printed.stream().noneMatch(line -> line.contains(secret)),
                        "a provider credential was printed or logged");
            }
            // For a person: no JSON lines, and no access line per curl.
            assertTrue(printed.stream().noneMatch(line -> line.startsWith("{")), String.join("\n", printed));
            assertTrue(printed.stream().noneMatch(line -> line.matches(".* access (GET|POST) .*")), String.join("\n", printed));
        }
        // Restarted on the same store, the sandbox keeps its token as it keeps its accounts.
        try (var again = ChildServer.start(List.of(), List.of("serve", "--sandbox"),
                Map.of("SWITCHBOARD_DATABASE_URL", database))) {
            List<String> lines = again.linesUntil("API reference: ", Duration.ofSeconds(20));
            assertEquals(firstToken, variable(lines, "TOKEN"));
            // The same simulator ports, so accounts made on the connect page still reach them...
            assertEquals(firstSimulators, simulators(lines));
            // ...and nothing changed, so no account was rewritten: no integrated_account:updated event.
            var deliveries = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(again.baseUrl() + "/webhook/" + webhook + "/deliveries"))
                    .header("Authorization", "Bearer " + firstToken).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(200, deliveries.statusCode(), deliveries.body());
            assertFalse(deliveries.body().contains("integrated_account:updated"), deliveries.body());
        }
    }

    /** The printed simulator base URLs, by integration, in their printed order. */
    private static Map<String, String> simulators(List<String> lines) {
        var urls = new java.util.LinkedHashMap<String, String>();
        for (String line : lines) {
            var match = java.util.regex.Pattern.compile("  ([a-z]+) +(http://\\S+)").matcher(line);
            if (match.matches()) {
                urls.put(match.group(1), match.group(2));
            }
        }
        return urls;
    }

    private static String variable(List<String> lines, String name) {
        return lines.stream().filter(line -> line.startsWith("export " + name + "=")).findFirst()
                .orElseThrow(() -> new AssertionError("no export of " + name + " in " + lines))
                .substring(("export " + name + "=").length());
    }

    private static Map<String, Object> run(String exports, String curl) throws Exception {
        var process = new ProcessBuilder("bash", "-c", exports + "\n" + curl).redirectErrorStream(true).start();
        String answer = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor());
        return Json.asObject(Json.parse(answer.getBytes(StandardCharsets.UTF_8))).orElseThrow();
    }

    /** Each printed curl, its continuation lines joined as a shell would join them. */
    private static List<String> curlCommands(List<String> lines) {
        var commands = new ArrayList<String>();
        StringBuilder current = null;
        for (String line : lines) {
            if (line.trim().startsWith("curl ")) {
                current = new StringBuilder();
            }
            if (current != null) {
                String trimmed = line.trim();
                boolean continues = trimmed.endsWith("\\");
                current.append(continues ? trimmed.substring(0, trimmed.length() - 1) : trimmed).append(' ');
                if (!continues) {
                    commands.add(current.toString());
                    current = null;
                }
            }
        }
        return commands;
    }
}
