package dev.switchboard.faults;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.switchboard.Harness;
import dev.switchboard.sandbox.AshbySimulator;
import dev.switchboard.sandbox.LeverSimulator;
import dev.switchboard.sandbox.Sandbox;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A candidate create whose answer is lost: the search that follows finds the candidate by
 * its email and creation time (Lever through the list's email filter, Ashby by reading
 * candidate.list), and never claims an older candidate with the same address.
 */
class CandidateCreateRecoveryTest {

    static final ForwardToSandbox TO_LEVER = new ForwardToSandbox();
    static final ForwardToSandbox TO_ASHBY = new ForwardToSandbox();

    @RegisterExtension
    static WireMockExtension lever = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().extensions(TO_LEVER)).build();

    @RegisterExtension
    static WireMockExtension ashby = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().extensions(TO_ASHBY)).build();

    static Sandbox sandbox;
    static Harness harness;
    static String leverAccount;
    static String ashbyAccount;
    String email;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start();
        TO_LEVER.target(sandbox.leverUrl().replace("/v1", ""));
        TO_ASHBY.target(sandbox.ashbyUrl());
        harness = Harness.start(Harness.sqliteConfig()
                .withRemoteTimeouts(Duration.ofMillis(500), Duration.ofMillis(800))
                .withRetryBudget(Duration.ofMillis(2500)));
        leverAccount = harness.account("lever", Map.of("api_key", LeverSimulator.API_KEY,
                "base_url", lever.baseUrl() + "/v1"));
        ashbyAccount = harness.account("ashby", Map.of("api_key", AshbySimulator.API_KEY, "base_url", ashby.baseUrl()));
    }

    @AfterAll
    static void stop() {
        harness.close();
        sandbox.close();
    }

    @BeforeEach
    void anHonestProviderAndAFreshAddress() {
        email = "recovery-" + UUID.randomUUID() + "@example.com";
        for (WireMockExtension provider : List.of(lever, ashby)) {
            provider.resetAll();
            provider.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().withTransformers(ForwardToSandbox.NAME)));
        }
    }

    @Test
    void leverConnectionResetAfterTheOpportunityWasMadeFindsItByEmail() {
        lever.stubFor(post(urlPathEqualTo("/v1/opportunities")).atPriority(1)
                .willReturn(aResponse().withTransformers(ForwardToSandbox.NAME).withFault(Fault.CONNECTION_RESET_BY_PEER)));
        var response = create(leverAccount, "&remote_query[perform_as]=" + LeverSimulator.OTHER_USER);
        var made = sandbox.lever().opportunities().stream().filter(one -> List.of(email).equals(one.get("emails"))).toList();
        assertEquals(1, made.size());
        assertRecovered(response, made.get(0).get("id"));
        assertEquals(1, lever.findAll(postRequestedFor(urlPathEqualTo("/v1/opportunities"))).size(), "never sent twice");
    }

    @Test
    void leverConnectionResetBeforeAnythingWasMadeIsAnUnknownOutcome() {
        lever.stubFor(post(urlPathEqualTo("/v1/opportunities")).atPriority(1)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        assertUnknown(create(leverAccount, "&remote_query[perform_as]=" + LeverSimulator.OTHER_USER));
        assertFalse(sandbox.lever().opportunities().stream().anyMatch(one -> List.of(email).equals(one.get("emails"))));
    }

    @Test
    @SuppressWarnings("unchecked")
    void ashbyEmptyAnswerAfterTheCandidateWasMadeFindsItInTheList() {
        ashby.stubFor(post(urlPathEqualTo("/candidate.create")).atPriority(1)
                .willReturn(aResponse().withTransformers(ForwardToSandbox.NAME).withFault(Fault.EMPTY_RESPONSE)));
        var response = create(ashbyAccount, "");
        var made = sandbox.ashby().candidates().stream().filter(one -> ((List<Map<String, Object>>) one.get("emailAddresses"))
                .stream().anyMatch(address -> email.equals(address.get("value")))).toList();
        assertEquals(1, made.size());
        assertRecovered(response, made.get(0).get("id"));
    }

    @Test
    void anOlderAshbyCandidateWithTheSameEmailIsNeverClaimed() throws Exception {
        // Made at Ashby directly, ten minutes back (candidate.create documents createdAt).
        var earlier = java.net.http.HttpRequest.newBuilder(java.net.URI.create(sandbox.ashbyUrl() + "/candidate.create"))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                        (AshbySimulator.API_KEY + ":").getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"name\": \"Recovered Candidate\", \"email\": \""
                        + email + "\", \"createdAt\": \"" + java.time.Instant.now().minusSeconds(600) + "\"}")).build();
        assertEquals(200, java.net.http.HttpClient.newHttpClient().send(earlier, HttpResponse.BodyHandlers.ofString())
                .statusCode());
        ashby.stubFor(post(urlPathEqualTo("/candidate.create")).atPriority(1)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        assertUnknown(create(ashbyAccount, ""));
    }

    private HttpResponse<String> create(String account, String extraQuery) {
        return harness.post("/unified/ats/candidates?integrated_account_id=" + account + extraQuery,
                "{\"first_name\": \"Recovered\", \"last_name\": \"Candidate\", \"emails\": [{\"email\": \"" + email + "\"}]}");
    }

    private void assertRecovered(HttpResponse<String> response, Object id) {
        assertEquals(201, response.statusCode(), response.body());
        assertEquals("true", response.headers().firstValue("x-switchboard-recovered").orElse(""));
        var body = Harness.json(response);
        assertEquals(id, body.get("id"));
        assertEquals(List.of(email), ((List<?>) body.get("emails")).stream().map(one -> ((Map<?, ?>) one).get("email")).toList());
    }

    private static void assertUnknown(HttpResponse<String> response) {
        assertEquals(502, response.statusCode(), response.body());
        var body = Harness.json(response);
        assertEquals(true, body.get("truto_is_remote_error"));
        assertEquals("unknown", ((Map<?, ?>) body.get("truto_error_insight")).get("outcome"));
    }
}
