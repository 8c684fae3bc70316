package dev.switchboard.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.Harness;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Metrics labels come only from fixed routes and catalog names: no caller can add series.
 * HEAD is answered like GET, its checks included.
 */
class BoundedMetricsTest {

    @RegisterExtension
    static final Harness harness = Harness.perClass();

    @Test
    void fiveThousandProxyCallsWithUniqueNamesAddNoSeries() throws Exception {
        String account = harness.account("lever", Map.of("api_key", "k", "base_url", "http://127.0.0.1:9/v1"));
        // One call first, so that the series an unknown name is counted under exists before counting.
        assertEquals(404, harness.get("/proxy/warm-up?integrated_account_id=" + account).statusCode());
        long before = requestSeries();
        var http = HttpClient.newHttpClient();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        var statuses = new java.util.concurrent.ConcurrentHashMap<Integer, Integer>();
        for (int i = 0; i < 5_000; i++) {
            String name = "made-up-" + i;
            pool.submit(() -> {
                var request = HttpRequest.newBuilder(URI.create(harness.baseUrl() + "/proxy/" + name
                        + "?integrated_account_id=" + account)).header("Authorization", "Bearer " + Harness.TOKEN).build();
                try {
                    statuses.merge(http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode(), 1, Integer::sum);
                } catch (Exception e) {
                    statuses.merge(-1, 1, Integer::sum);
                }
            });
        }
        pool.shutdown();
        assertTrue(pool.awaitTermination(120, TimeUnit.SECONDS));
        assertEquals(Map.of(404, 5_000), statuses);
        assertEquals(before, requestSeries(), "no new series");
        assertTrue(!harness.get("/metrics").body().contains("made-up-"), "no caller's name in any label");
    }

    @Test
    void headIsAnsweredLikeGetItsChecksIncluded() {
        var tenant = harness.server().tokens().create("tenant", "tenant app");
        var head = harness.send("HEAD", "/metrics", null, Map.of("Authorization", "Bearer " + tenant.secret()));
        assertNotEquals(200, head.statusCode(), "a tenant's token reads no metrics, by HEAD neither");
        assertEquals(403, head.statusCode());
        assertEquals(200, harness.send("HEAD", "/metrics", null, Map.of("Authorization", "Bearer " + Harness.TOKEN))
                .statusCode());
        for (String path : new String[] {"/docs", "/health"}) {
            var get = harness.send("GET", path, null, Map.of());
            var headed = harness.send("HEAD", path, null, Map.of());
            assertEquals(get.statusCode(), headed.statusCode(), path);
            // The same policy, each with its own nonce.
            assertEquals(policy(get), policy(headed), path);
            assertTrue(policy(get).contains("frame-ancestors 'none'"), path + " " + policy(get));
        }
    }

    private static String policy(java.net.http.HttpResponse<String> response) {
        return response.headers().firstValue("content-security-policy").orElse("").replaceAll("'nonce-[^']*'", "'nonce'");
    }

    private static long requestSeries() {
        return harness.get("/metrics").body().lines().filter(line -> line.startsWith("switchboard_requests_total")).count();
    }
}
