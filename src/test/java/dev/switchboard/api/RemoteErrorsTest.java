package dev.switchboard.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.switchboard.Harness;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Each way a provider can fail, mapped to docs/api.md §5, and never sent twice. Error bodies
 * follow developers.ashbyhq.com/docs/responses (Ashby's success/errorInfo, 403 for a refused
 * key), hire.lever.co/developer/documentation#errors (Lever's {code, message}) and
 * api.recruitee.com/docs (Recruitee's {"error"}/{"errors"}); HTML and truncated bodies are
 * what proxies in front of any provider give.
 */
class RemoteErrorsTest {

    @RegisterExtension
    static WireMockExtension provider = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @RegisterExtension
    static final Harness harness = Harness.perClass(() -> Harness.sqliteConfig()
            .withRemoteTimeouts(Duration.ofSeconds(2), Duration.ofMillis(700)));

    @Test
    void ashbySuccessFalseWithNotFoundCodeIs404() {
        var response = ashbyAnswers(200, """
                {"success": false, "errorInfo": {"code": "candidate_not_found", "message": "Candidate not found",
                 "requestId": "r-1"}}""");
        var body = assertRemoteError(response, 404);
        assertEquals("Ashby: Candidate not found", body.get("message"));
        assertEquals("candidate_not_found", ((Map<?, ?>) ((Map<?, ?>) body.get("raw_response")).get("errorInfo")).get("code"));
        assertCalledOnce("/candidate.createNote");
    }

    @Test
    void ashbySuccessFalseWithOtherCodeIs400() {
        var body = assertRemoteError(ashbyAnswers(200, """
                {"success": false, "errorInfo": {"code": "invalid_input", "message": "note is too long"}}"""), 400);
        assertEquals("Ashby: note is too long", body.get("message"));
    }

    @Test
    void ashbysOlderErrorListIsReadToo() {
        var body = assertRemoteError(ashbyAnswers(200, "{\"success\": false, \"errors\": [\"a\", \"b\"]}"), 400);
        assertEquals("Ashby: a; b", body.get("message"));
    }

    @Test
    void ashbyMissingPermissionIs403AndKeepsTheAccountActive() {
        String account = ashbyAccount();
        provider.stubFor(post("/candidate.createNote").willReturn(json(403, """
                {"success": false, "errorInfo": {"code": "missing_endpoint_permission", "message": "no"}}""")));
        assertRemoteError(harness.post(Harness.activities(account, ""), note()), 403);
        // Not a refused key: the account is not marked for re-authentication (it was stored unchecked).
        assertEquals("needs_check", status(account));
    }

    @Test
    void ashbyRefusedKeyIs401AndNeedsReauth() {
        String account = ashbyAccount();
        provider.stubFor(post("/candidate.createNote").willReturn(json(403, """
                {"success": false, "errorInfo": {"code": "invalid_api_key", "message": "deactivated"}}""")));
        assertRemoteError(harness.post(Harness.activities(account, ""), note()), 401);
        assertEquals("needs_reauth", status(account));
    }

    @Test
    void leverNotFoundIs404WithItsBody() {
        var response = leverAnswers(json(404, "{\"code\": \"ResourceNotFound\", \"message\": \"Opportunity not found\"}"));
        var body = assertRemoteError(response, 404);
        assertEquals("Lever: Opportunity not found", body.get("message"));
        assertEquals(Map.of("code", "ResourceNotFound", "message", "Opportunity not found"), body.get("raw_response"));
        assertCalledOnce("/v1/opportunities/opp-1/notes");
    }

    @Test
    void aRemote401MarksTheAccountNeedsReauthAndPatchingItRestoresIt() {
        String account = leverAccount();
        provider.stubFor(post(urlPathEqualTo("/v1/opportunities/opp-1/notes"))
                .willReturn(json(401, "{\"code\": \"UnauthorizedError\", \"message\": \"Invalid API key\"}")));
        assertRemoteError(harness.post(Harness.activities(account, ""), note()), 401);
        assertEquals("needs_reauth", status(account));

        // The new key passes Lever's connect check, GET /users (hire.lever.co/developer/documentation#list-all-users).
        provider.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlPathEqualTo("/v1/users"))
                .willReturn(json(200, "{\"data\": [], \"hasNext\": false}")));
        harness.send("PATCH", "/integrated-accounts/" + account, "{\"context\": {\"api_key\": \"new-key\"}}",
                Map.of("Authorization", "Bearer " + Harness.TOKEN));
        assertEquals("active", status(account));
    }

    @Test
    void a429IsPassedOnWithRetryAfterAndNotRetried() {
        var response = leverAnswers(aResponse().withStatus(429).withHeader("Retry-After", "17")
                .withHeader("Content-Type", "application/json")
                .withBody("{\"code\": \"TooManyRequests\", \"message\": \"slow down\"}"));
        assertRemoteError(response, 429);
        assertEquals("17", response.headers().firstValue("Retry-After").orElse(""));
        assertCalledOnce("/v1/opportunities/opp-1/notes");
    }

    @Test
    void aRemote500Is502AndNotRetried() {
        var body = assertRemoteError(leverAnswers(json(500, "{\"code\": \"InternalError\", \"message\": \"boom\"}")), 502);
        assertEquals("Lever: boom", body.get("message"));
        assertCalledOnce("/v1/opportunities/opp-1/notes");
    }

    @Test
    void anHtmlErrorPageIs502WithTheTextAsRawResponse() {
        var body = assertRemoteError(leverAnswers(aResponse().withStatus(502).withHeader("Content-Type", "text/html")
                .withBody("<html><body>Bad gateway</body></html>")), 502);
        assertEquals("<html><body>Bad gateway</body></html>", body.get("raw_response"));
    }

    @Test
    void anHtmlBodyOnSuccessIs502() {
        var body = assertRemoteError(leverAnswers(aResponse().withStatus(201).withHeader("Content-Type", "text/html")
                .withBody("<html>maintenance</html>")), 502);
        assertEquals("<html>maintenance</html>", body.get("raw_response"));
        assertTrue(body.get("message").toString().contains("not JSON"));
    }

    @Test
    void truncatedJsonIs502WithTheText() {
        var body = assertRemoteError(leverAnswers(json(201, "{\"data\": {\"id\": \"n-1\", \"fields\": [")), 502);
        assertEquals("{\"data\": {\"id\": \"n-1\", \"fields\": [", body.get("raw_response"));
        assertCalledOnce("/v1/opportunities/opp-1/notes");
    }

    @Test
    void aSlowProviderIs504AndTheCreateIsNotSentAgain() {
        var response = leverAnswers(json(201, LeverCreateTest.RESPONSE).withFixedDelay(2_000));
        var body = assertRemoteError(response, 504);
        assertTrue(body.get("message").toString().contains("did not answer"));
        assertFalse(body.containsKey("raw_response"));
        assertCalledOnce("/v1/opportunities/opp-1/notes");
    }

    @Test
    void aConnectionResetIs502AndNotRetried() {
        var response = leverAnswers(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
        assertRemoteError(response, 502);
        assertCalledOnce("/v1/opportunities/opp-1/notes");
    }

    @Test
    void anUnreachableProviderIs502() throws Exception {
        int closedPort;
        try (var socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String account = harness.account("lever", Map.of("api_key", "k",
                "base_url", "http://127.0.0.1:" + closedPort + "/v1"));
        var body = assertRemoteError(harness.post(Harness.activities(account, ""), note()), 502);
        assertTrue(body.get("message").toString().contains("was refused"), body.toString());
    }

    @Test
    void noErrorBodyEverShowsTheCredential() {
        String account = harness.account("lever", Map.of("api_key", "super-secret-lever-key",
                "base_url", provider.baseUrl() + "/v1"));
        provider.stubFor(post(urlPathEqualTo("/v1/opportunities/opp-1/notes"))
                .willReturn(json(400, "{\"code\": \"BadRequestError\", \"message\": \"bad\"}")));
        var response = harness.post(Harness.activities(account, ""), note());
        assertFalse(response.body().contains("super-secret-lever-key"));
        assertFalse(harness.get("/integrated-accounts/" + account).body().contains("super-secret-lever-key"));
    }

    private static String note() {
        return "{\"candidate_id\": \"opp-1\", \"body\": \"x\"}";
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    private static String ashbyAccount() {
        return harness.account("ashby", Map.of("api_key", "k", "base_url", provider.baseUrl()));
    }

    private static String leverAccount() {
        return harness.account("lever", Map.of("api_key", "k", "base_url", provider.baseUrl() + "/v1"));
    }

    private static HttpResponse<String> ashbyAnswers(int status, String body) {
        provider.stubFor(post("/candidate.createNote").willReturn(json(status, body)));
        return harness.post(Harness.activities(ashbyAccount(), ""), "{\"candidate_id\": \"c\", \"body\": \"x\"}");
    }

    private static HttpResponse<String> leverAnswers(com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder answer) {
        provider.stubFor(post(urlPathEqualTo("/v1/opportunities/opp-1/notes")).willReturn(answer));
        return harness.post(Harness.activities(leverAccount(), ""), note());
    }

    private static void assertCalledOnce(String path) {
        provider.verify(1, postRequestedFor(urlPathEqualTo(path)));
    }

    private static String status(String account) {
        return (String) Harness.json(harness.get("/integrated-accounts/" + account)).get("status");
    }

    private static Map<String, Object> assertRemoteError(HttpResponse<String> response, int status) {
        assertEquals(status, response.statusCode(), response.body());
        var body = Harness.json(response);
        assertEquals(status, body.get("statusCode"));
        assertEquals(true, body.get("truto_is_remote_error"));
        assertTrue(body.get("message") instanceof String);
        return body;
    }
}
