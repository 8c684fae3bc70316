package dev.switchboard.hostile;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.switchboard.Harness;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A provider that cannot be reached says how: no address for its host, nothing listening,
 * no TLS agreed, or no answer in time, in {@code truto_error_insight.network_error}.
 */
class NetworkFailuresTest {

    @RegisterExtension
    static WireMockExtension slow = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @RegisterExtension
    static final Harness harness = Harness.perClass(() -> Harness.sqliteConfig()
            .withRemoteTimeouts(Duration.ofSeconds(2), Duration.ofMillis(600)));

    @Test
    void eachNetworkFailureIsNamed() {
        // .invalid never resolves (RFC 2606); allowed here as an operator would allow an internal host.
        try (var server = Harness.start(Harness.sqliteConfig().withAllowedHosts(Set.of("http://switchboard-test.invalid"))
                .withRemoteTimeouts(Duration.ofSeconds(2), Duration.ofMillis(600)))) {
            assertNetworkError(server, "http://switchboard-test.invalid/v1", 502, "dns", "has no address");
        }
    }

    @Test
    void refusedTlsAndTimeoutAreNamed() {
        assertNetworkError(harness, "http://127.0.0.1:1/v1", 502, "refused", "was refused");
        // A server that speaks plain HTTP cannot agree TLS.
        assertNetworkError(harness, "https://127.0.0.1:" + slow.getPort() + "/v1", 502, "tls", "TLS");
        slow.stubFor(any(anyUrl()).willReturn(aResponse().withFixedDelay(3_000).withBody("{}")));
        assertNetworkError(harness, slow.baseUrl() + "/v1", 504, "timeout", "did not answer");
    }

    private static void assertNetworkError(Harness server, String baseUrl, int status, String kind, String words) {
        String account = server.account("lever", Map.of("api_key", "network-key", "base_url", baseUrl));
        var answer = server.get("/unified/ats/activities?integrated_account_id=" + account + "&candidate_id=opp-1");
        assertEquals(status, answer.statusCode(), answer.body());
        var body = Harness.json(answer);
        assertEquals(kind, ((Map<?, ?>) body.get("truto_error_insight")).get("network_error"), answer.body());
        assertTrue(((String) body.get("message")).contains(words), answer.body());
        assertEquals(true, body.get("truto_is_remote_error"));
    }
}
