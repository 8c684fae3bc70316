package dev.switchboard.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.ChildServer;
import dev.switchboard.TempDirs;
import dev.switchboard.mapping.Json;
import java.io.BufferedReader;
import java.io.InputStreamReader;
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
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The README's walk-through, as a newcomer does it: {@code serve --sandbox}, a webhook for
 * {@code webhooks listen}, then an Ashby account and a Lever account connected on the page
 * in a browser. The receiver prints a verified {@code integrated_account:created} for both.
 */
class SandboxConnectTest {

    @Test
    void aNewcomerConnectsAshbyAndLeverAndHearsAboutBoth() throws Exception {
        String database = "jdbc:sqlite:" + TempDirs.create("newcomer").resolve("switchboard.db");
        try (var sandbox = ChildServer.start(List.of(), List.of("serve", "--sandbox"),
                Map.of("SWITCHBOARD_DATABASE_URL", database))) {
            List<String> lines = sandbox.linesUntil("API reference: ", Duration.ofSeconds(20));
            String base = exported(lines, "SWITCHBOARD");
            String token = exported(lines, "TOKEN");
            String link = lines.stream().map(String::trim).filter(line -> line.contains("/connect?link_token="))
                    .findFirst().orElseThrow();

            int port;
            try (var socket = new java.net.ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            var webhook = post(base + "/webhook", token, "{\"url\": \"http://127.0.0.1:" + port + "/hooks\"}");
            String secret = (String) webhook.get("secret");
            Process listener = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), "dev.switchboard.Main", "webhooks", "listen",
                    "--port", String.valueOf(port), "--secret", secret).redirectErrorStream(true).start();
            var heard = new CopyOnWriteArrayList<String>();
            Thread reader = new Thread(() -> new BufferedReader(new InputStreamReader(listener.getInputStream(),
                    StandardCharsets.UTF_8)).lines().forEach(heard::add));
            reader.setDaemon(true);
            reader.start();
            var browser = Browser.start();
            try {
                waitFor(heard, line -> line.startsWith("listening on"));
                var wait = new WebDriverWait(browser, Duration.ofSeconds(20));
                browser.get(link);
                browser.findElement(By.id("field-api_key")).sendKeys("sandbox-ashby-key");
                browser.findElement(By.id("submit")).click();
                wait.until(ExpectedConditions.textToBe(By.id("title"), "Connected"));

                browser.get((String) post(base + "/link-token", token, "{\"tenant_id\": \"acme\"}").get("url"));
                browser.findElement(By.id("integration-lever")).click();
                browser.findElement(By.id("consent-button")).click();
                wait.until(ExpectedConditions.titleContains("Lever (simulated)"));
                browser.findElement(By.id("allow")).click();
                wait.until(ExpectedConditions.textToBe(By.id("title"), "Connected"));

                for (String integration : List.of("ashby", "lever")) {
                    String event = waitFor(heard, line -> line.startsWith("verified ")
                            && line.contains("\"event\":\"integrated_account:created\"")
                            && line.contains("\"name\":\"" + integration + "\""));
                    assertTrue(event.contains("\"status\":\"active\""), event);
                }
                assertTrue(heard.stream().noneMatch(line -> line.startsWith("NOT VERIFIED")), heard.toString());
            } finally {
                browser.quit();
                listener.destroy();
            }
        }
    }

    private static String waitFor(List<String> lines, java.util.function.Predicate<String> wanted)
            throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < end) {
            for (String line : lines) {
                if (wanted.test(line)) {
                    return line;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("not heard: " + new ArrayList<>(lines));
    }

    private static String exported(List<String> lines, String name) {
        return lines.stream().filter(line -> line.startsWith("export " + name + "=")).findFirst().orElseThrow()
                .substring(("export " + name + "=").length());
    }

    private static Map<String, Object> post(String url, String token, String body) throws Exception {
        var answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, answer.statusCode(), answer.body());
        return Json.asObject(Json.parse(answer.body().getBytes(StandardCharsets.UTF_8))).orElseThrow();
    }
}
