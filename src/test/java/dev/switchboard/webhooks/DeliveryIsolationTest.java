package dev.switchboard.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.Harness;
import dev.switchboard.mapping.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * No environment's receivers can take delivery capacity from another's: a receiver that
 * trickles its answer and twelve that never answer, all in one environment, leave another
 * environment's event to go out at once; a trickled answer is cut off at the deadline; and an
 * environment has a bounded number of webhooks.
 */
class DeliveryIsolationTest {

    static Harness harness;

    @BeforeAll
    static void start() {
        harness = Harness.start(Harness.sqliteConfig().withEnvironment(Map.of("SWITCHBOARD_WEBHOOK_POLL_MS", "100",
                "SWITCHBOARD_WEBHOOK_FIRST_RETRY_MS", "60000", "SWITCHBOARD_WEBHOOK_DEADLINE_MS", "2000")));
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    @Test
    void slowReceiversInOneEnvironmentDelayAnotherEnvironmentsEventByUnderTwoSeconds() throws Exception {
        var tarpits = new ArrayList<Tarpits>();
        try (var trickling = Tarpits.trickling(); var receiver = Receiver.start()) {
            var slow = harness.server().tokens().create("slow", "slow app");
            var slowAuth = Map.of("Authorization", "Bearer " + slow.secret());
            String trickled = register(slowAuth, trickling.url());
            for (int i = 0; i < 12; i++) {
                var tarpit = Tarpits.silent();
                tarpits.add(tarpit);
                register(slowAuth, tarpit.url());
            }
            var quick = harness.server().tokens().create("quick", "quick app");
            var quickAuth = Map.of("Authorization", "Bearer " + quick.secret());
            receiver.secret(secretOf(harness.send("POST", "/webhook", Json.writeString(Map.of("url", receiver.url())),
                    quickAuth)));

            // Thirteen deliveries now hang in the slow environment...
            harness.server().accounts().create("slow", Map.of("integration", "ashby", "tenant_id", "t-slow",
                    "context", Map.of("api_key", "k-slow")));
            Thread.sleep(500);
            // ...and the quick environment's event still goes out at once.
            long started = System.nanoTime();
            var account = harness.server().accounts().create("quick", Map.of("integration", "ashby",
                    "tenant_id", "t-quick", "context", Map.of("api_key", "k-quick")));
            receiver.await(m -> m.account().get("id").equals(account.id()), Duration.ofSeconds(30));
            long waitedMillis = (System.nanoTime() - started) / 1_000_000;
            assertTrue(waitedMillis < 2_000, "the quick environment waited " + waitedMillis + " ms");

            // The trickled answer is cut off at the deadline, its body included.
            long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            String lastError = "";
            while (System.nanoTime() < end && !lastError.contains("no whole answer within 2 s")) {
                var deliveries = deliveries(trickled, slowAuth);
                lastError = deliveries.isEmpty() ? "" : String.valueOf(deliveries.get(0).get("last_error"));
                Thread.sleep(100);
            }
            assertTrue(lastError.contains("no whole answer within 2 s"), lastError);
        } finally {
            for (var tarpit : tarpits) {
                tarpit.close();
            }
        }
    }

    @Test
    void anEnvironmentHasAtMostSixteenWebhooks() {
        var capped = harness.server().tokens().create("capped", "capped app");
        var auth = Map.of("Authorization", "Bearer " + capped.secret());
        for (int i = 0; i < 16; i++) {
            register(auth, "http://127.0.0.1:9/hooks/" + i);
        }
        var refused = harness.send("POST", "/webhook", Json.writeString(Map.of("url", "http://127.0.0.1:9/hooks/17")),
                auth);
        assertEquals(409, refused.statusCode(), refused.body());
        assertEquals("webhook_limit_reached", Harness.json(refused).get("code"));
        assertTrue(refused.body().contains("SWITCHBOARD_WEBHOOKS_PER_ENVIRONMENT"), refused.body());
    }

    private static String register(Map<String, String> auth, String url) {
        var created = harness.send("POST", "/webhook", Json.writeString(Map.of("url", url)), auth);
        assertEquals(201, created.statusCode(), created.body());
        return (String) Harness.json(created).get("id");
    }

    private static String secretOf(java.net.http.HttpResponse<String> created) {
        assertEquals(201, created.statusCode(), created.body());
        return (String) Harness.json(created).get("secret");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> deliveries(String webhook, Map<String, String> auth) {
        return (List<Map<String, Object>>) Harness.json(harness.send("GET", "/webhook/" + webhook + "/deliveries",
                null, auth)).get("result");
    }
}
