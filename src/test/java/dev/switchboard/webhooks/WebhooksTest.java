package dev.switchboard.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.Harness;
import dev.switchboard.mapping.Json;
import dev.switchboard.sandbox.LeverSimulator;
import dev.switchboard.sandbox.Sandbox;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Webhooks over HTTP: every account event reaches a receiver that verifies its Standard
 * Webhooks signature; a failing receiver is tried again; redirects are not followed; other
 * environments hear nothing; unsafe URLs are refused.
 */
class WebhooksTest {

    static Sandbox sandbox;
    static Harness harness;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start();
        harness = Harness.start(Harness.sqliteConfig().withEnvironment(Map.of("SWITCHBOARD_WEBHOOK_POLL_MS", "100",
                "SWITCHBOARD_WEBHOOK_FIRST_RETRY_MS", "300")));
    }

    @AfterAll
    static void stop() {
        harness.close();
        sandbox.close();
    }

    @Test
    void everyAccountEventArrivesSignedWithTheAccountMasked() throws Exception {
        try (var receiver = Receiver.start()) {
            String webhook = register(receiver, null);
            String account = harness.account("lever", Map.of("api_key", LeverSimulator.API_KEY, "base_url",
                    sandbox.leverUrl()));
            var created = receiver.await(m -> m.event().equals("integrated_account:created")
                    && m.account().get("id").equals(account), Duration.ofSeconds(10));
            assertTrue(created.verified(), "the signature holds with the webhook's secret");
            assertEquals(Map.of("name", "lever", "label", "Lever"), created.account().get("integration"));
            assertEquals(Map.of("api_key", "********", "base_url", sandbox.leverUrl()), created.account().get("context"));
            assertTrue(((String) created.message().get("id")).startsWith("evt_"));

            // The provider refuses the key: the account needs re-authentication.
            var refused = harness.account("lever", Map.of("api_key", "wrong-key", "base_url", sandbox.leverUrl()));
            harness.get("/unified/ats/activities?integrated_account_id=" + refused + "&candidate_id="
                    + LeverSimulator.OPPORTUNITY_ID);
            receiver.await(m -> m.event().equals("integrated_account:authentication_error")
                    && m.account().get("id").equals(refused) && "needs_reauth".equals(m.account().get("status")),
                    Duration.ofSeconds(10));
            // New credentials: updated, and active again.
            assertEquals(200, harness.send("PATCH", "/integrated-account/" + refused,
                    "{\"context\": {\"api_key\": \"" + LeverSimulator.API_KEY + "\"}}", auth()).statusCode());
            receiver.await(m -> m.event().equals("integrated_account:updated") && m.account().get("id").equals(refused),
                    Duration.ofSeconds(10));
            receiver.await(m -> m.event().equals("integrated_account:active") && m.account().get("id").equals(refused),
                    Duration.ofSeconds(10));
            assertEquals(200, harness.send("DELETE", "/integrated-account/" + account, null, auth()).statusCode());
            receiver.await(m -> m.event().equals("integrated_account:deleted") && m.account().get("id").equals(account),
                    Duration.ofSeconds(10));

            assertTrue(receiver.received().stream().allMatch(Receiver.Received::verified));
            assertFalse(receiver.received().toString().contains(LeverSimulator.API_KEY), "no credential in any event");
            @SuppressWarnings("unchecked")
            var deliveries = (List<Map<String, Object>>) Harness.json(harness.get("/webhook/" + webhook
                    + "/deliveries")).get("result");
            assertTrue(deliveries.size() >= 5 && deliveries.stream().allMatch(d -> d.get("status").equals("delivered")),
                    deliveries.toString());
            delete(webhook);
        }
    }

    @Test
    void aFailingReceiverIsTriedAgainAndARedirectIsNotFollowed() throws Exception {
        try (var receiver = Receiver.start(); var elsewhere = Receiver.start()) {
            receiver.answer(503, null);
            String webhook = register(receiver, List.of("integrated_account:created"));
            String account = harness.account("ashby", Map.of("api_key", "k1"));
            Thread.sleep(800);
            assertTrue(receiver.received().isEmpty());
            receiver.answer(200, null);
            var delivered = receiver.await(m -> m.account().get("id").equals(account), Duration.ofSeconds(10));
            assertTrue(delivered.verified());
            var attempts = deliveries(webhook).stream().filter(d -> d.get("status").equals("delivered")).findFirst()
                    .orElseThrow().get("attempts");
            assertTrue(((Number) attempts).intValue() >= 2, "tried again: " + attempts);

            receiver.answer(307, elsewhere.url());
            harness.account("ashby", Map.of("api_key", "k2"));
            Thread.sleep(1_000);
            assertTrue(elsewhere.received().isEmpty(), "a redirect is never followed");
            assertTrue(deliveries(webhook).stream().anyMatch(d -> d.get("status").equals("pending")
                    && String.valueOf(d.get("last_error")).contains("redirect")), deliveries(webhook).toString());
            delete(webhook);
        }
    }

    @Test
    void anotherEnvironmentHearsNothingAndSeesNothing() throws Exception {
        try (var receiver = Receiver.start()) {
            var other = harness.server().tokens().create("staging", "staging app");
            var staging = Map.of("Authorization", "Bearer " + other.secret());
            var created = harness.send("POST", "/webhook", Json.writeString(Map.of("url", receiver.url())), staging);
            assertEquals(201, created.statusCode(), created.body());
            String webhook = (String) Harness.json(created).get("id");
            harness.account("ashby", Map.of("api_key", "k3")); // in the default environment
            Thread.sleep(800);
            assertTrue(receiver.received().isEmpty());
            assertEquals(404, harness.get("/webhook/" + webhook).statusCode(), "not the default environment's");
            assertEquals(200, harness.send("DELETE", "/webhook/" + webhook, null, staging).statusCode());
        }
    }

    @Test
    void unsafeUrlsAndUnknownEventsAreRefused() {
        for (var body : List.of(
                Map.of("url", "http://example.com/hooks"),
                Map.of("url", "https://127.0.0.2/hooks"),
                Map.of("url", "https://localhost.:8443/hooks"),
                Map.of("url", "ftp://example.com/hooks"),
                Map.of("url", "https://example.com/hooks", "events", List.of("integrated_account:renamed")))) {
            var refused = harness.post("/webhook", Json.writeString(body));
            assertEquals(400, refused.statusCode(), body + " " + refused.body());
        }
        assertEquals(401, harness.send("POST", "/webhook", "{\"url\": \"https://example.com\"}", Map.of()).statusCode());
    }

    private static String register(Receiver receiver, List<String> events) {
        var body = events == null ? Map.<String, Object>of("url", receiver.url())
                : Map.<String, Object>of("url", receiver.url(), "events", events);
        var created = harness.post("/webhook", Json.writeString(body));
        assertEquals(201, created.statusCode(), created.body());
        var webhook = Harness.json(created);
        assertTrue(((String) webhook.get("secret")).startsWith("whsec_"));
        receiver.secret((String) webhook.get("secret"));
        assertFalse(harness.get("/webhook/" + webhook.get("id")).body().contains("whsec_"), "the secret is shown once");
        return (String) webhook.get("id");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> deliveries(String webhook) {
        return (List<Map<String, Object>>) Harness.json(harness.get("/webhook/" + webhook + "/deliveries")).get("result");
    }

    private static void delete(String webhook) {
        assertEquals(200, harness.send("DELETE", "/webhook/" + webhook, null, auth()).statusCode());
    }

    private static Map<String, String> auth() {
        return Map.of("Authorization", "Bearer " + Harness.TOKEN);
    }
}
