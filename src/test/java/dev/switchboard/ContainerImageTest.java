package dev.switchboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.mapping.Json;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The image's run, read from the Dockerfile: its ENV, its ENTRYPOINT's JVM options and CMD,
 * and its HEALTHCHECK command run as Docker runs it. (The jar itself, built by the
 * Dockerfile's build stage, is run the same way by .ci/image-check.)
 */
class ContainerImageTest {

    private static final String DOCKERFILE = readDockerfile();

    @Test
    void theImagesServerIsHealthyByItsOwnCheckAndLogsJson() throws Exception {
        List<String> entrypoint = jsonWords(instruction("ENTRYPOINT"));
        assertEquals("java", entrypoint.get(0));
        assertEquals(List.of("-jar", "/opt/switchboard/switchboard.jar"), entrypoint.subList(entrypoint.size() - 2,
                entrypoint.size()));
        var env = new LinkedHashMap<>(environment());
        assertEquals("json", env.get("SWITCHBOARD_LOG_FORMAT"), "containers log JSON whatever their terminal");
        env.remove("SWITCHBOARD_PORT"); // ChildServer picks a free one
        env.remove("SWITCHBOARD_DATABASE_URL"); // and a fresh database
        env.put("SWITCHBOARD_API_TOKEN", Harness.TOKEN);
        List<String> jvmOptions = entrypoint.subList(1, entrypoint.size() - 2);
        try (var server = ChildServer.start(jvmOptions, jsonWords(instruction("CMD")), env)) {
            int port = Integer.parseInt(server.baseUrl().replaceAll(".*:", ""));
            assertEquals(0, healthCheck(port), "the image's HEALTHCHECK passes on a ready server");
            Thread.sleep(200);
            for (String line : server.drain()) {
                assertTrue(Json.tryParse(line.getBytes(StandardCharsets.UTF_8)).flatMap(Json::asObject).isPresent(),
                        "not a JSON line: " + line);
            }
        }
        int closed;
        try (var nothing = new ServerSocket(0)) {
            closed = nothing.getLocalPort();
        }
        assertNotEquals(0, healthCheck(closed), "nothing listening is unhealthy");
    }

    /** The HEALTHCHECK's exec form, run with the image's SWITCHBOARD_PORT set to this port; its exit code. */
    private static int healthCheck(int port) throws Exception {
        String check = instruction("HEALTHCHECK");
        var command = jsonWords(check.substring(check.indexOf("CMD ") + 4));
        var builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("SWITCHBOARD_PORT", String.valueOf(port));
        Process process = builder.start();
        process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(10, TimeUnit.SECONDS), "the check ends within its timeout");
        return process.exitValue();
    }

    /** The runtime stage's ENV, as NAME=value pairs. */
    private static Map<String, String> environment() {
        var env = new LinkedHashMap<String, String>();
        for (String line : runtimeStage()) {
            if (line.startsWith("ENV ")) {
                var pair = Pattern.compile("([A-Z_]+)=(\\S+)").matcher(line.substring(4));
                while (pair.find()) {
                    env.put(pair.group(1), pair.group(2));
                }
            }
        }
        return env;
    }

    private static String instruction(String name) {
        return runtimeStage().stream().filter(line -> line.startsWith(name + " ")).findFirst()
                .orElseThrow(() -> new AssertionError("the Dockerfile's runtime stage has no " + name))
                .substring(name.length() + 1).trim();
    }

    /** The instructions after the second FROM, continuation lines joined, comments dropped. */
    private static List<String> runtimeStage() {
        String joined = DOCKERFILE.replaceAll("\\\\\\n\\s*", " ");
        var lines = new ArrayList<String>();
        int stage = 0;
        for (String line : joined.lines().map(String::strip).toList()) {
            if (line.startsWith("FROM ")) {
                stage++;
            } else if (stage == 2 && !line.isEmpty() && !line.startsWith("#")) {
                lines.add(line);
            }
        }
        return lines;
    }

    @SuppressWarnings("unchecked")
    private static List<String> jsonWords(String exec) throws Exception {
        return (List<String>) Json.parse(exec.getBytes(StandardCharsets.UTF_8));
    }

    private static String readDockerfile() {
        try {
            return Files.readString(Path.of("Dockerfile"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
