package dev.switchboard.hostile;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.switchboard.Harness;
import dev.switchboard.accounts.BaseUrlPolicy;
import dev.switchboard.catalog.Timeouts;
import dev.switchboard.error.ApiException;
import dev.switchboard.mapping.Json;
import dev.switchboard.remote.ProviderClient;
import dev.switchboard.remote.RemoteRequest;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A tenant with an API token tries to get credentials, its own or the operator's, sent or shown elsewhere. */
class CredentialSafetyTest {

    /** Where the tenant would like credentials to go. */
    @RegisterExtension
    static WireMockExtension tenantHost = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    /** The token endpoint the operator configured. */
    @RegisterExtension
    static WireMockExtension operatorTokens = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort())
            .build();

    @RegisterExtension
    static final Harness harness = Harness.perClass(() -> Harness.sqliteConfig().withEnvironment(Map.of(
            "SWITCHBOARD_LEVER_CLIENT_ID", "operator-client",
            "SWITCHBOARD_LEVER_CLIENT_SECRET", "operator-client-secret-XYZ",
            "SWITCHBOARD_LEVER_TOKEN_URL", "http://127.0.0.1:" + operatorTokens.getPort() + "/oauth/token")));

    @Test
    void aCredentialPastedWithALineBreakIsRefusedWhenStored() {
        var response = harness.post("/integrated-account", Json.writeString(Map.of("integration", "recruitee",
                "tenant_id", "t", "context", Map.of("api_token", "tok-123\n", "company_id", "1"))));
        assertEquals(400, response.statusCode());
        var invalid = (Map<?, ?>) ((Map<?, ?>) Harness.json(response).get("truto_error_insight")).get("invalid_context_fields");
        assertTrue(invalid.containsKey("api_token"), response.body());
        assertFalse(response.body().contains("tok-123"), "the value is not echoed");
        assertEquals(400, harness.post("/integrated-account", Json.writeString(Map.of("integration", "ashby",
                "tenant_id", "t", "context", Map.of("api_key", "with space")))).statusCode());
    }

    @Test
    void anAccountCannotChooseWhereItsTokensAreRefreshed() {
        var withTokenUrl = harness.post("/integrated-account", Json.writeString(Map.of("integration", "lever",
                "tenant_id", "t", "context", Map.of("oauth", expired(), "token_url", tenantHost.baseUrl() + "/token"))));
        assertEquals(400, withTokenUrl.statusCode(), "token_url is no longer an account key");

        // An account whose API calls go to an allowed host still refreshes at the operator's endpoint.
        // An OAuth 2 token answer (RFC 6749 §5.1), as Lever's token endpoint gives it.
        operatorTokens.stubFor(post("/oauth/token").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"access_token": "fresh-access", "refresh_token": "fresh-refresh", "expires_in": 3600}""")));
        // Lever's documented create answer (hire.lever.co/developer/documentation#create-a-note).
        tenantHost.stubFor(post(urlPathEqualTo("/v1/opportunities/o1/notes")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody("{\"data\": {\"noteId\": \"n1\"}}")));
        String account = harness.account("lever", Map.of("oauth", expired(), "base_url", tenantHost.baseUrl() + "/v1"));
        var created = harness.post(Harness.activities(account, ""), "{\"candidate_id\": \"o1\", \"body\": \"x\"}");
        assertEquals(201, created.statusCode(), created.body());
        operatorTokens.verify(1, postRequestedFor(urlPathEqualTo("/oauth/token")));
        tenantHost.verify(0, postRequestedFor(urlPathEqualTo("/token")));
        tenantHost.getAllServeEvents().forEach(event -> assertFalse(event.getRequest().getBodyAsString()
                .contains("operator-client-secret-XYZ"), "the operator's client secret went to the tenant's host"));
    }

    @Test
    void aTokenThatCannotBeAHeaderNeverReachesAnErrorOrALog() {
        // A provider's refresh answers a token with a line break; it is stored, and cannot be sent.
        operatorTokens.stubFor(post("/oauth/token").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"access_token": "broken-TOKEN-77\\nX-Injected: 1", "refresh_token": "r2", "expires_in": 3600}""")));
        String account = harness.account("lever", Map.of("oauth", expired(), "base_url", tenantHost.baseUrl() + "/v1"));
        var response = harness.post(Harness.activities(account, ""), "{\"candidate_id\": \"o2\", \"body\": \"x\"}");
        assertEquals(502, response.statusCode(), response.body());
        assertFalse(response.body().contains("broken-TOKEN-77"), response.body());
        tenantHost.verify(0, postRequestedFor(urlPathEqualTo("/v1/opportunities/o2/notes")));
        var stored = harness.server().accounts().get("default", account).context().get("oauth");
        assertEquals("old-access", ((Map<?, ?>) stored).get("access_token"), "the broken token was not stored");
    }

    @Test
    void aStoredValueThatCannotBeAHeaderIsNamedNotQuoted() {
        var request = new RemoteRequest("GET", URI.create(tenantHost.baseUrl() + "/x"),
                Map.of("Authorization", "Bearer stored-SECRET-88\r\nX: 1"), Optional.empty());
        var refused = assertThrows(ApiException.class, () ->
                new ProviderClient().open(request, Timeouts.DEFAULT));
        assertFalse(refused.getMessage().contains("stored-SECRET-88"), refused.getMessage());
        assertTrue(refused.getMessage().contains("Authorization header"), refused.getMessage());
        tenantHost.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void movingBaseUrlNeedsTheCredentialsAgain() {
        String account = harness.account("ashby", Map.of("api_key", "stored-key-abc", "base_url", "https://api.ashbyhq.com"));
        var moved = harness.send("PATCH", "/integrated-account/" + account, Json.writeString(Map.of("context",
                Map.of("base_url", tenantHost.baseUrl()))), Map.of("Authorization", "Bearer " + Harness.TOKEN));
        assertEquals(400, moved.statusCode(), moved.body());
        assertEquals(Map.of("missing_required_context_fields", List.of("api_key")),
                Harness.json(moved).get("truto_error_insight"));
        // Skipped: the check would rightly send the new key to the new host; this shows the old key never goes there.
        var withKey = harness.send("PATCH", "/integrated-account/" + account + "?connect_check=skip", Json.writeString(Map.of("context",
                Map.of("base_url", tenantHost.baseUrl(), "api_key", "new-key-for-new-host"))),
                Map.of("Authorization", "Bearer " + Harness.TOKEN));
        assertEquals(200, withKey.statusCode(), withKey.body());
        var unchanged = harness.send("PATCH", "/integrated-account/" + account, Json.writeString(Map.of("context",
                Map.of("base_url", tenantHost.baseUrl()))), Map.of("Authorization", "Bearer " + Harness.TOKEN));
        assertEquals(200, unchanged.statusCode(), "the same destination needs nothing more");
        tenantHost.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void aCredentialTheProviderEchoesIsMaskedInRawResponse() {
        // Ashby's failure shape (developers.ashbyhq.com/docs/responses), echoing the key it was sent.
        tenantHost.stubFor(post("/candidate.createNote").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"success": false, "errorInfo": {"code": "invalid_input",
                         "message": "bad request for key echo-me-SECRET-42"}}""")));
        String account = harness.account("ashby", Map.of("api_key", "echo-me-SECRET-42", "base_url", tenantHost.baseUrl()));
        var response = harness.post(Harness.activities(account, ""), "{\"candidate_id\": \"c\", \"body\": \"x\"}");
        assertEquals(400, response.statusCode());
        assertFalse(response.body().contains("echo-me-SECRET-42"), response.body());
        assertTrue(response.body().contains("********"), response.body());
    }

    @Test
    void allowListEntriesNameSchemeAndPort() {
        var policy = new BaseUrlPolicy(Set.of("internal.example", "http://test.local",
                "https://pinned.example:8443"));
        List<String> none = List.of();
        assertTrue(policy.refusal("X", none, "https://internal.example/api").isEmpty());
        assertTrue(policy.refusal("X", none, "http://internal.example/api").isPresent(), "a bare entry is https only");
        assertTrue(policy.refusal("X", none, "http://test.local:9000").isEmpty(), "http:// allows plain http, any port");
        assertTrue(policy.refusal("X", none, "https://pinned.example:8443").isEmpty());
        assertTrue(policy.refusal("X", none, "https://pinned.example").isPresent(), "a port pins the port");
        assertTrue(policy.refusal("X", none, "https://elsewhere.example").isPresent());
    }

    private static Map<String, Object> expired() {
        return Map.of("access_token", "old-access", "refresh_token", "old-refresh", "expires_at", "2020-01-01T00:00:00Z");
    }
}
