package dev.switchboard.hostile;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.switchboard.Harness;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What used to stop everyone: a provider that never answers, and token holders whose bodies
 * trickle in. Other accounts, and the server's own endpoints, go on being served.
 */
class StarvationTest {

    /** A healthy Recruitee for the account that should not notice anything (answer per api.recruitee.com/docs, "note"). */
    @RegisterExtension
    static WireMockExtension healthy = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @RegisterExtension
    static final Harness harness = Harness.perClass(() -> Harness.sqliteConfig()
            .withRemoteTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(3))
            .withEnvironment(Map.of("SWITCHBOARD_MAX_IN_FLIGHT_PER_ACCOUNT", "16",
                    "SWITCHBOARD_MAX_IN_FLIGHT_PER_INTEGRATION", "64")));

    @Test
    void threeHundredCallsStuckOnAHangingProviderLeaveOtherAccountsUnder500MsAtP99() throws Exception {
        healthy.stubFor(post(urlPathMatching("/c/.*/notes")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"note\": {\"id\": 1, \"body\": \"ok\", \"admin_id\": 45}}")));
        try (var hanging = new HangingProvider()) {
            String stuck = harness.account("ashby", Map.of("api_key", "k", "base_url", hanging.url()));
            String fine = harness.account("recruitee", Map.of("api_token", "t", "company_id", "1",
                    "base_url", healthy.baseUrl()));
            ExecutorService pool = Executors.newFixedThreadPool(300);
            var stuckCalls = new ArrayList<Future<HttpResponse<String>>>();
            for (int i = 0; i < 300; i++) {
                int n = i;
                stuckCalls.add(pool.submit(() -> harness.post(Harness.activities(stuck, ""),
                        "{\"candidate_id\": \"c\", \"body\": \"stuck " + n + "\"}")));
            }
            Thread.sleep(300); // the stuck calls are in

            var latencies = new ArrayList<Long>();
            for (int i = 0; i < 60; i++) {
                long started = System.nanoTime();
                var response = harness.post(Harness.activities(fine, ""),
                        "{\"candidate_id\": \"9\", \"body\": \"served " + i + "\"}");
                latencies.add((System.nanoTime() - started) / 1_000_000);
                assertEquals(201, response.statusCode(), response.body());
            }
            Collections.sort(latencies);
            long p99 = latencies.get((int) Math.ceil(latencies.size() * 0.99) - 1);
            assertTrue(p99 < 500, "another account's p99 while 300 calls hang: " + p99 + " ms, all " + latencies);

            int refusedAtOnce = 0;
            for (var call : stuckCalls) {
                var response = call.get(60, TimeUnit.SECONDS);
                assertTrue(response.statusCode() == 503 || response.statusCode() == 504
                        || response.statusCode() == 502, response.statusCode() + " " + response.body());
                if (response.statusCode() == 503) {
                    refusedAtOnce++;
                    assertTrue(response.headers().firstValue("Retry-After").isPresent());
                }
            }
            pool.shutdown();
            assertTrue(refusedAtOnce >= 250, "the bulkhead refused the overflow at once: " + refusedAtOnce);
            // The breaker has opened on the hanging host: the next call is refused at once, never sent.
            long started = System.nanoTime();
            var next = harness.post(Harness.activities(stuck, ""), "{\"candidate_id\": \"c\", \"body\": \"after\"}");
            assertEquals(503, next.statusCode(), next.body());
            assertTrue((System.nanoTime() - started) / 1_000_000 < 500, "refused without waiting");
            assertTrue(next.body().contains("paused"), next.body());
        }
    }

    @Test
    void threeHundredSlowBodiesDoNotStopCreatesOrHealth() throws Exception {
        healthy.stubFor(post(urlPathMatching("/c/.*/notes")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"note\": {\"id\": 2, \"body\": \"ok\", \"admin_id\": 45}}")));
        String fine = harness.account("recruitee", Map.of("api_token", "t", "company_id", "1",
                "base_url", healthy.baseUrl()));
        URI base = URI.create(harness.baseUrl());
        var slow = new ArrayList<Socket>();
        try {
            for (int i = 0; i < 300; i++) {
                var socket = new Socket(base.getHost(), base.getPort());
                socket.setSoTimeout(30_000);
                OutputStream out = socket.getOutputStream();
                out.write(("POST /unified/ats/activities?integrated_account_id=" + fine + " HTTP/1.1\r\nHost: a\r\n"
                        + "Authorization: Bearer " + Harness.TOKEN + "\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 200\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                slow.add(socket);
            }
            // While every slow body sends its next byte five seconds later, the server serves others.
            for (int i = 0; i < 20; i++) {
                long started = System.nanoTime();
                assertEquals(200, harness.send("GET", "/health", null, Map.of()).statusCode());
                var created = harness.post(Harness.activities(fine, ""),
                        "{\"candidate_id\": \"9\", \"body\": \"between slow bodies " + i + "\"}");
                assertEquals(201, created.statusCode(), created.body());
                assertTrue((System.nanoTime() - started) / 1_000_000 < 1_000, "served promptly");
                Thread.sleep(100);
            }
            Thread.sleep(3_500);
            // The next byte, five seconds on: too slow. A connection the server has already answered
            // (its body went silent past the idle timeout on a loaded machine) is not written to,
            // since a write into a closed connection would reset it and lose the answer.
            List<String> answers = new CopyOnWriteArrayList<>();
            for (Socket socket : slow.subList(0, 20)) {
                if (socket.getInputStream().available() == 0) {
                    try {
                        socket.getOutputStream().write('"');
                        socket.getOutputStream().flush();
                    } catch (IOException answeredMeanwhile) {
                        // closed after answering: the answer is still to be read
                    }
                }
                socket.setSoTimeout(15_000);
                answers.add(new String(socket.getInputStream().readNBytes(2_000), StandardCharsets.UTF_8));
            }
            for (String answer : answers) {
                assertTrue(answer.startsWith("HTTP/1.1 408"), answer);
                assertTrue(answer.contains("\"statusCode\":408"), answer);
            }
        } finally {
            for (Socket socket : slow) {
                socket.close();
            }
        }
    }

    @Test
    void aBodyThatGoesSilentIsAJson408() throws Exception {
        URI base = URI.create(harness.baseUrl());
        try (var socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write(("POST /unified/ats/activities?integrated_account_id=x HTTP/1.1\r\n"
                    + "Host: a\r\nAuthorization: Bearer " + Harness.TOKEN + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 50\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            // Nothing more: the body idle timeout (10 s) ends it.
            String answer = new String(socket.getInputStream().readNBytes(2_000), StandardCharsets.UTF_8);
            assertTrue(answer.startsWith("HTTP/1.1 408"), answer);
            assertTrue(answer.contains("\"statusCode\":408"), answer);
        }
    }

    @Test
    void aBodyThatTricklesIsAJson408ThoughItNeverGoesSilent() throws Exception {
        // A byte every 400 ms under a 2 s idle timeout: the idle timeout alone never ends this body
        // (200 bytes would take 80 s); the minimum rate, 1,024 bytes/s, does.
        try (var quick = Harness.start(Harness.sqliteConfig()
                .withEnvironment(Map.of("SWITCHBOARD_BODY_IDLE_TIMEOUT_MS", "2000")));
                var socket = new Socket(URI.create(quick.baseUrl()).getHost(), URI.create(quick.baseUrl()).getPort())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /unified/ats/activities?integrated_account_id=x HTTP/1.1\r\nHost: a\r\n"
                    + "Authorization: Bearer " + Harness.TOKEN + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 200\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            long started = System.nanoTime();
            int sent = 1;
            while (socket.getInputStream().available() == 0 && sent < 200
                    && System.nanoTime() - started < TimeUnit.SECONDS.toNanos(15)) {
                Thread.sleep(400);
                try {
                    out.write(' ');
                    out.flush();
                    sent++;
                } catch (IOException answeredMeanwhile) {
                    break;
                }
            }
            String answer = new String(socket.getInputStream().readNBytes(2_000), StandardCharsets.UTF_8);
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
            assertTrue(answer.startsWith("HTTP/1.1 408"), answer);
            assertTrue(answer.contains("\"statusCode\":408"), answer);
            assertTrue(sent < 30, "refused after " + sent + " bytes, " + seconds + " s");
        }
    }

    /** Accepts connections and never answers, as a provider stuck behind its load balancer does. */
    static final class HangingProvider implements AutoCloseable {
        private final ServerSocket server = new ServerSocket(0, 1000, InetAddress.getLoopbackAddress());
        private final List<Socket> held = new CopyOnWriteArrayList<>();

        HangingProvider() throws IOException {
            Thread acceptor = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        held.add(server.accept());
                    } catch (IOException closed) {
                        return;
                    }
                }
            }, "hanging-provider");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket socket : held) {
                socket.close();
            }
        }
    }
}
