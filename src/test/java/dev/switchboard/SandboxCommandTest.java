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

            // Per integration, the walk through the model: candidates, a candidate's applications, users,
            // a note written as a listed user, and the candidate's notes showing it. Every curl runs after
            // the printed exports, as a newcomer pastes them.
            List<String> curls = curlCommands(lines);
            for (String integration : List.of("ASHBY", "LEVER", "RECRUITEE", "WORKABLE", "TEAMTAILOR", "GREENHOUSE")) {
                List<String> walk = curls.stream().filter(curl -> curl.contains("$" + integration + "_ACCOUNT")).toList();
                walkWorks(integration, exports, walk);
            }
            List<String> others = curls.stream().filter(curl -> !curl.contains("_ACCOUNT")).toList();
            assertEquals(2, others.size(), String.join("\n", lines));

            // The connect page's link opens, and the printed calls make another link and a webhook.
            String connect = lines.stream().filter(line -> line.trim().startsWith("http://localhost:")
                    && line.contains("/connect?link_token=")).findFirst().orElseThrow().trim();
            var page = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(connect)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("Connect your applicant tracking system"));
            assertTrue(((String) run(exports, others.get(0)).get("url")).contains("/connect?link_token="));
            var registered = run(exports, others.get(1));
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

    /** One integration's printed walk, run as pasted: each step shows what the next one uses. */
    @SuppressWarnings("unchecked")
    private static void walkWorks(String integration, String exports, List<String> walk) throws Exception {
        String candidates = walk.stream().filter(curl -> curl.contains("/unified/ats/candidates?")).findFirst()
                .orElseThrow(() -> new AssertionError(integration + " prints no candidates: " + walk));
        assertFalse(((List<?>) run(exports, candidates).get("result")).isEmpty(), integration + ": candidates");
        var applications = walk.stream().filter(curl -> curl.contains("/unified/ats/applications?")).findFirst();
        if (applications.isPresent()) {
            var listed = (List<Map<String, Object>>) run(exports, applications.get()).get("result");
            assertFalse(listed.isEmpty(), integration + ": the candidate's applications");
            listed.forEach(application -> assertTrue(application.get("job") instanceof Map<?, ?> job
                    && job.get("id") != null, integration + ": an application names its job: " + application));
        }
        var users = walk.stream().filter(curl -> curl.contains("/unified/ats/users?")).findFirst();
        List<Object> userIds = users.isEmpty() ? List.of() : ((List<Map<String, Object>>) run(exports, users.get())
                .get("result")).stream().map(user -> user.get("id")).toList();
        hiringWorks(integration, exports, walk);
        var write = walk.stream().filter(curl -> curl.contains("-X POST") && curl.contains("/unified/ats/activities?"))
                .findFirst();
        var notes = walk.stream().filter(curl -> curl.contains("/unified/ats/activities?") && !curl.contains("-X POST"))
                .findFirst().orElseThrow(() -> new AssertionError(integration + " prints no notes list: " + walk));
        if (write.isEmpty()) {
            assertFalse(((List<?>) run(exports, notes).get("result")).isEmpty(), integration + ": its notes");
            return;
        }
        var acting = java.util.regex.Pattern.compile("remote_query\\[[a-z_]+]=([^\"&]+)").matcher(write.get());
        if (acting.find()) {
            assertTrue(userIds.contains(acting.group(1)), integration + ": the note is written as a listed user");
        }
        var note = run(exports, write.get());
        assertEquals("note", note.get("activity_type"), integration + ": " + note);
        assertEquals("Great first interview", note.get("body"), note.toString());
        var page = run(exports, notes);
        // Workable's documented answer has no id: the note is found by its text.
        assertTrue(((List<?>) page.get("result")).stream().map(item -> (Map<?, ?>) item).anyMatch(item ->
                note.get("id") == null ? "Great first interview".equals(item.get("body"))
                        : item.get("id").equals(note.get("id"))),
                integration + ": the listed page holds the note just written: " + page);
    }

    /**
     * The walk's hiring half, where the integration has it: the job's stages and the reasons list,
     * a move that shows the new stage, a rejection that shows its reason, and a download into the
     * file the curl names.
     */
    @SuppressWarnings("unchecked")
    private static void hiringWorks(String integration, String exports, List<String> walk) throws Exception {
        for (String lookup : List.of("/unified/ats/job_interview_stages?", "/unified/ats/reject_reasons?",
                "/unified/ats/attachments?")) {
            var curl = walk.stream().filter(one -> one.contains(lookup)).findFirst();
            if (curl.isPresent()) {
                assertFalse(((List<?>) run(exports, curl.get()).get("result")).isEmpty(), integration + ": " + lookup);
            }
        }
        var move = walk.stream().filter(one -> one.contains("/applications/move-stage?")).findFirst();
        if (move.isPresent()) {
            var sent = body(move.get());
            var moved = run(exports, move.get());
            assertEquals(sent.get("application_id"), moved.get("id"), integration + ": " + moved);
            assertEquals(sent.get("stage_id"), ((Map<String, Object>) moved.get("current_stage")).get("id"),
                    integration + ": the application shows its new stage: " + moved);
        }
        var reject = walk.stream().filter(one -> one.contains("/applications/reject?")).findFirst();
        if (reject.isPresent()) {
            var sent = body(reject.get());
            var rejected = run(exports, reject.get());
            assertEquals(sent.get("application_id"), rejected.get("id"), integration + ": " + rejected);
            assertEquals(sent.get("reject_reason_id"), ((Map<String, Object>) rejected.get("reject_reason")).get("id"),
                    integration + ": the application shows its reject reason: " + rejected);
        }
        var download = walk.stream().filter(one -> one.contains("/attachments/download?")).findFirst();
        if (download.isPresent()) {
            var folder = TempDirs.create("walk-download");
            var process = new ProcessBuilder("bash", "-c", exports + "\n" + download.get()).directory(folder.toFile())
                    .redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            assertEquals(0, process.waitFor());
            String file = download.get().replaceAll(".*-o '([^']+)'.*", "$1");
            assertTrue(java.nio.file.Files.size(folder.resolve(file)) > 0, integration + ": the downloaded " + file);
        }
    }

    private static Map<String, Object> body(String curl) throws java.io.IOException {
        String json = curl.replaceAll(".*-d '(\\{[^']*})'.*", "$1");
        return Json.asObject(Json.parse(json.getBytes(StandardCharsets.UTF_8))).orElseThrow();
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
