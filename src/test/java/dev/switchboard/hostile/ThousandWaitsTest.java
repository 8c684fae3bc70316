package dev.switchboard.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.switchboard.Harness;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A unified API spends its life waiting on providers. A thousand calls to a provider that
 * answers after a second are all at the provider at once, and all answered: what bounds the
 * calls in flight is the configured caps, not threads, a pool or a lock.
 */
class ThousandWaitsTest {

    private static final int CALLS = 1_000;

    @RegisterExtension
    static final Harness harness = Harness.perClass(() -> Harness.sqliteConfig()
            .withEnvironment(Map.of("SWITCHBOARD_MAX_IN_FLIGHT_PER_ACCOUNT", "2000",
                    "SWITCHBOARD_MAX_IN_FLIGHT_PER_INTEGRATION", "2000",
                    "SWITCHBOARD_LEVER_RATE_LIMIT", "off")));

    @Test
    void aThousandCallsToAProviderTakingOneSecondAreAllInFlightAtOnceAndAllAnswered() throws Exception {
        try (var provider = new SlowLever(Duration.ofSeconds(1))) {
            String account = harness.account("lever", Map.of("api_key", "k", "base_url", provider.url()));
            long started = System.nanoTime();
            var calls = new ArrayList<Future<HttpResponse<String>>>();
            try (var clients = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < CALLS; i++) {
                    int n = i;
                    calls.add(clients.submit(() -> harness.post(Harness.activities(account, ""),
                            "{\"candidate_id\": \"250d8f03\", \"body\": \"note " + n + "\"}")));
                }
                var statuses = new TreeMap<Integer, Integer>();
                for (var call : calls) {
                    statuses.merge(call.get().statusCode(), 1, Integer::sum);
                }
                assertEquals(Map.of(201, CALLS), statuses, "answers by status");
            }
            long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
            assertTrue(provider.mostAtOnce() >= CALLS * 9 / 10,
                    "the provider held at most " + provider.mostAtOnce() + " of " + CALLS + " calls at once");
            // One second at the provider, the rest is sending a thousand calls on a shared machine.
            assertTrue(seconds < 20, "a thousand one-second calls took " + seconds + " s");
        }
    }

    /** Lever's create-note answer (hire.lever.co/developer/documentation#create-a-note: 201 {"data": {…}}), after a delay. */
    static final class SlowLever implements AutoCloseable {
        private final HttpServer server;
        private final AtomicInteger inFlight = new AtomicInteger();
        private final AtomicInteger most = new AtomicInteger();

        SlowLever(Duration delay) throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 4096);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.createContext("/", exchange -> {
                most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                try (exchange) {
                    exchange.getRequestBody().readAllBytes();
                    Thread.sleep(delay);
                    byte[] body = "{\"data\": {\"id\": \"n1\", \"noteId\": \"n1\", \"secret\": false, \"fields\": [{\"value\": \"note\"}]}}"
                            .getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().set("Content-Type", "application/json");
                    exchange.sendResponseHeaders(201, body.length);
                    exchange.getResponseBody().write(body);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    inFlight.decrementAndGet();
                }
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
        }

        int mostAtOnce() {
            return most.get();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
