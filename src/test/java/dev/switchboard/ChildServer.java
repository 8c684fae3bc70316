package dev.switchboard;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Switchboard's real command line in a JVM of its own, as a user starts it: for what
 * only a separate process can show (its own heap limit, its printed start-up text).
 */
public final class ChildServer implements AutoCloseable {

    private final Process process;
    private final int port;
    private final BlockingQueue<String> output = new LinkedBlockingQueue<>();

    private ChildServer(Process process, int port) {
        this.process = process;
        this.port = port;
        Thread reader = new Thread(() -> {
            try (var lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    output.add(line);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        });
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code Main} with the given JVM options, arguments and SWITCHBOARD_* settings. */
    public static ChildServer start(List<String> jvmOptions, List<String> args, Map<String, String> env)
            throws IOException {
        int port = freePort();
        Path dir = TempDirs.create("switchboard-child");
        var command = new ArrayList<String>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("--enable-native-access=ALL-UNNAMED"); // as the jar's manifest allows SQLite's loader
        // A child logs as the jar does, not as the tests do (logback-test.xml is on this class path too).
        command.add("-Dlogback.configurationFile=logback.xml");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("dev.switchboard.Main");
        command.addAll(args);
        var builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("SWITCHBOARD_"));
        builder.environment().put("SWITCHBOARD_PORT", String.valueOf(port));
        builder.environment().put("SWITCHBOARD_DATABASE_URL", "jdbc:sqlite:" + dir.resolve("child.db"));
        builder.environment().putAll(env);
        var child = new ChildServer(builder.start(), port);
        child.awaitHealthy();
        return child;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** The process's peak resident memory so far (VmHWM), in kilobytes; Linux only. */
    public long residentKilobytes() throws IOException {
        for (String line : java.nio.file.Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IOException("no VmHWM for process " + process.pid());
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Lines printed so far, waiting up to the timeout for one that contains the text. */
    public List<String> linesUntil(String text, Duration timeout) throws InterruptedException {
        var lines = new ArrayList<String>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            String line = output.poll(100, TimeUnit.MILLISECONDS);
            if (line != null) {
                lines.add(line);
                if (line.contains(text)) {
                    return lines;
                }
            }
        }
        throw new AssertionError("no line with '" + text + "' within " + timeout + "; got " + lines);
    }

    /** Every line printed so far that has not been taken yet. */
    public List<String> drain() {
        var lines = new ArrayList<String>();
        output.drainTo(lines);
        return lines;
    }

    private void awaitHealthy() {
        var http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                var response = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/health")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        close();
        throw new AssertionError("Switchboard did not start: " + output);
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
