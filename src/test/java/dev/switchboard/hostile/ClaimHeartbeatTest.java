package dev.switchboard.hostile;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.switchboard.Harness;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An Idempotency-Key's claim is kept alive while its request runs, however long the provider
 * takes: a short lease (so a crashed process's claim is taken over soon) never lets a retry
 * send the same note while the first is still at the provider.
 */
class ClaimHeartbeatTest {

    @RegisterExtension
    static WireMockExtension recruitee = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @RegisterExtension
    static final Harness harness = Harness.perClass(() -> Harness.sqliteConfig()
            .withEnvironment(Map.of("SWITCHBOARD_IDEMPOTENCY_LEASE_MS", "900")));

    @Test
    void aRequestSlowerThanTheLeaseKeepsItsKeyAndItsRetryGetsItsAnswer() throws Exception {
        // api.recruitee.com/docs, section "note": the created note, after a 2.5 s wait.
        recruitee.stubFor(post(urlPathMatching("/c/1/candidates/7/notes")).willReturn(aResponse().withStatus(201)
                .withFixedDelay(2_500).withHeader("Content-Type", "application/json")
                .withBody("{\"note\": {\"id\": 77, \"body\": \"slow\", \"admin_id\": 45}}")));
        String account = harness.account("recruitee", Map.of("api_token", "t", "company_id", "1",
                "base_url", recruitee.baseUrl()));
        Map<String, String> headers = Map.of("Authorization", "Bearer " + Harness.TOKEN, "Idempotency-Key", "slow-1");
        String note = "{\"candidate_id\": \"7\", \"body\": \"slow\"}";

        CompletableFuture<HttpResponse<String>> first = CompletableFuture.supplyAsync(() ->
                harness.send("POST", Harness.activities(account, ""), note, headers));
        Thread.sleep(1_500); // past the lease: only the heartbeat keeps the first request's claim
        var retry = harness.send("POST", Harness.activities(account, ""), note, headers);

        assertEquals(201, first.get().statusCode(), first.get().body());
        assertEquals(201, retry.statusCode(), retry.body());
        assertEquals("true", retry.headers().firstValue("idempotent-replayed").orElse(""));
        recruitee.verify(1, postRequestedFor(urlPathMatching("/c/1/candidates/7/notes")));
    }
}
