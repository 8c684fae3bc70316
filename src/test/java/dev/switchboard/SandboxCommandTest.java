package dev.switchboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.mapping.Json;
import dev.switchboard.sandbox.AshbySimulator;
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
        try (var switchboard = ChildServer.start(List.of(), List.of("serve", "--sandbox"), Map.of())) {
            List<String> lines = switchboard.linesUntil("API reference: ", Duration.ofSeconds(20));
            String token = lines.stream().filter(line -> line.startsWith("API token: ")).findFirst()
                    .orElseThrow().substring("API token: ".length());
            assertTrue(token.length() > 20, "a generated token");

            // Per integration: a create, then a list of the same candidate that shows the note.
            // The sandbox listens on loopback only: 127.0.0.2 (loopback too, but another address) is refused.
            int port = Integer.parseInt(lines.stream().filter(line -> line.startsWith("Switchboard listening on"))
                    .findFirst().orElseThrow().replaceAll(".*:(\\d+).*", "$1"));
            try (var socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.2", port), 2_000);
                throw new AssertionError("the sandbox answered on 127.0.0.2");
            } catch (ConnectException refused) {
                // as it should
            }

            List<String> curls = curlCommands(lines);
            assertEquals(6, curls.size(), String.join("\n", lines));
            for (int i = 0; i < curls.size(); i += 2) {
                var note = run(curls.get(i));
                assertEquals("note", note.get("activity_type"), note.toString());
                assertEquals("Great first interview", note.get("body"), note.toString());
                var page = run(curls.get(i + 1));
                assertTrue(((List<?>) page.get("result")).stream().anyMatch(item -> ((Map<?, ?>) item).get("id")
                        .equals(note.get("id"))), "the listed page holds the note just written: " + page);
            }
            Thread.sleep(200);
            var printed = new ArrayList<>(lines);
            printed.addAll(switchboard.drain());
            for (String secret : List.of(AshbySimulator.API_KEY, LeverSimulator.API_KEY, RecruiteeSimulator.API_TOKEN)) {
                assertTrue(printed.stream().noneMatch(line -> line.contains(secret)),
                        "a provider credential was printed or logged");
            }
        }
    }

    private static Map<String, Object> run(String curl) throws Exception {
        var process = new ProcessBuilder("bash", "-c", curl).redirectErrorStream(true).start();
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
