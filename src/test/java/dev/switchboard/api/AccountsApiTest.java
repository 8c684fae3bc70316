package dev.switchboard.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.Harness;
import dev.switchboard.mapping.Json;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** docs/api.md §3: integrated accounts, their validation and the masking of their secrets. */
class AccountsApiTest {

    /** Accounts made here are not checked with their providers, which these tests do not run. */
    private static final String CREATE = "/integrated-accounts?connect_check=skip";


    @RegisterExtension
    static final Harness harness = Harness.perClass();

    @Test
    void createGetListPatchDelete() {
        var created = harness.post(CREATE, """
                {"integration": "recruitee", "tenant_id": "acme",
                 "context": {"api_token": "rt-secret", "company_id": "73014"}}""");
        assertEquals(201, created.statusCode(), created.body());
        var account = Harness.json(created);
        String id = (String) account.get("id");
        assertEquals("recruitee", account.get("integration"));
        assertEquals("acme", account.get("tenant_id"));
        // Stored without the provider's word (the check is skipped here; ConnectCheckTest runs it).
        assertEquals("needs_check", account.get("status"));
        assertEquals(Map.of("api_token", "********", "company_id", "73014"), account.get("context"));
        assertTrue(account.get("created_at") instanceof String && account.get("updated_at") instanceof String);

        assertEquals(account, Harness.json(harness.get("/integrated-accounts/" + id)));

        var list = Harness.json(harness.get("/integrated-accounts?tenant_id=acme"));
        assertEquals(List.of(account), list.get("result"));
        assertTrue(list.containsKey("next_cursor") && list.get("next_cursor") == null);
        assertEquals(List.of(), Harness.json(harness.get("/integrated-accounts?tenant_id=nobody")).get("result"));

        var patched = Harness.json(send("PATCH", "/integrated-accounts/" + id, "{\"context\": {\"company_id\": \"99\"}}"));
        assertEquals(Map.of("api_token", "********", "company_id", "99"), patched.get("context"));

        assertEquals(204, send("DELETE", "/integrated-accounts/" + id, null).statusCode());
        assertEquals(404, harness.get("/integrated-accounts/" + id).statusCode());
        assertEquals(404, send("DELETE", "/integrated-accounts/" + id, null).statusCode());
    }

    @Test
    void listsComeInPagesThatTheCursorWalksThrough() {
        // A tenant of its own: the accounts other tests create do not show here.
        var created = new java.util.HashSet<String>();
        for (int i = 0; i < 5; i++) {
            var response = harness.post(CREATE, Json.writeString(Map.of("integration", "ashby",
                    "tenant_id", "paged", "context", Map.of("api_key", "k-" + i))));
            created.add((String) Harness.json(response).get("id"));
        }

        var walked = new java.util.ArrayList<String>();
        String cursor = null;
        do {
            var page = Harness.json(harness.get("/integrated-accounts?tenant_id=paged&limit=2"
                    + (cursor == null ? "" : "&next_cursor=" + cursor)));
            @SuppressWarnings("unchecked")
            var accounts = (List<Map<String, Object>>) page.get("result");
            assertTrue(accounts.size() <= 2, page.toString());
            accounts.forEach(account -> walked.add((String) account.get("id")));
            cursor = (String) page.get("next_cursor");
        } while (cursor != null);
        assertEquals(5, walked.size(), "no account twice: " + walked);
        assertEquals(created, java.util.Set.copyOf(walked));

        var whole = Harness.json(harness.get("/integrated-accounts?tenant_id=paged"));
        assertEquals(5, ((List<?>) whole.get("result")).size(), "the default page holds them all");
        assertEquals(null, whole.get("next_cursor"));
    }

    @Test
    void aBadLimitOrCursorIs400() {
        for (String query : List.of("limit=0", "limit=1001", "limit=ten", "next_cursor=not-a-cursor",
                "next_cursor=bm90IGEgY3Vyc29y")) {
            var response = harness.get("/integrated-accounts?" + query);
            assertEquals(400, response.statusCode(), query);
            String message = (String) Harness.json(response).get("message");
            assertTrue(message.contains("limit") || message.contains("next_cursor"), message);
        }
    }

    @Test
    void nestedSecretsAreMaskedAndPlainValuesShown() {
        var account = Harness.json(harness.post(CREATE, """
                {"integration": "lever", "tenant_id": "t",
                 "context": {"oauth": {"access_token": "at", "refresh_token": "rt", "expires_at": "2030-01-01T00:00:00Z"}}}"""));
        assertEquals(Map.of("oauth", Map.of("access_token", "********", "refresh_token", "********",
                "expires_at", "2030-01-01T00:00:00Z")), account.get("context"));
    }

    @Test
    void aPatchCanSwitchCredentialsByRemovingAKeyWithNull() {
        String id = harness.account("lever", Map.of("api_key", "k"));
        var patched = send("PATCH", "/integrated-accounts/" + id + "?connect_check=skip", """
                {"context": {"api_key": null,
                 "oauth": {"access_token": "at", "refresh_token": "rt", "expires_at": "2030-01-01T00:00:00Z"}}}""");
        assertEquals(200, patched.statusCode(), patched.body());
        assertFalse(((Map<?, ?>) Harness.json(patched).get("context")).containsKey("api_key"));
        var invalid = send("PATCH", "/integrated-accounts/" + id, "{\"context\": {\"oauth\": null}}");
        assertEquals(400, invalid.statusCode(), "a Lever account needs an api_key or oauth");
    }

    @Test
    void contextRulesPerIntegration() {
        assertInvalid("{\"integration\": \"ashby\", \"tenant_id\": \"t\", \"context\": {}}",
                Map.of("missing_required_context_fields", List.of("api_key")));
        // One-of rules as lists of keys, as clients read them; a single rule's missing keys by name.
        assertInvalid("{\"integration\": \"lever\", \"tenant_id\": \"t\", \"context\": {}}",
                Map.of("required_context_fields_one_of", List.of(List.of("api_key"), List.of("oauth"))));
        assertInvalid("{\"integration\": \"recruitee\", \"tenant_id\": \"t\", \"context\": {\"api_token\": \"x\"}}",
                Map.of("missing_required_context_fields", List.of("company_id")));
        assertInvalid("{\"integration\": \"workable\", \"tenant_id\": \"t\", \"context\": {\"api_token\": \"x\", "
                + "\"subdomain\": \"evil.example.com/x\"}}",
                Map.of("invalid_context_fields", Map.of("subdomain", "must match [a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?")));
        assertInvalid("{\"integration\": \"teamtailor\", \"tenant_id\": \"t\", \"context\": {\"api_key\": \"x\", "
                + "\"region\": \"us\"}}",
                Map.of("invalid_context_fields", Map.of("region", "must be one of [eu, na]")));
        assertInvalid("{\"integration\": \"greenhouse\", \"tenant_id\": \"t\", \"context\": {\"client_id\": \"x\"}}",
                Map.of("missing_required_context_fields", List.of("client_secret", "sub")));
        assertInvalid("{\"integration\": \"ashby\", \"tenant_id\": \"t\", \"context\": {\"api_key\": 5}}",
                Map.of("invalid_context_fields", Map.of("api_key", "must be a non-empty string")));
        assertInvalid("""
                {"integration": "lever", "tenant_id": "t",
                 "context": {"oauth": {"access_token": "a", "expires_at": "soon"}}}""",
                Map.of("missing_required_context_fields", List.of("oauth.refresh_token"),
                        "invalid_context_fields", Map.of("oauth.expires_at",
                                "must be an ISO-8601 date-time, e.g. 2026-11-29T10:15:30Z")));
        var unknownKey = harness.post(CREATE,
                "{\"integration\": \"ashby\", \"tenant_id\": \"t\", \"context\": {\"api_key\": \"k\", \"apikey\": \"k\"}}");
        assertEquals(400, unknownKey.statusCode());
        assertTrue(unknownKey.body().contains("apikey"));
    }

    @Test
    void unknownIntegrationMissingTenantAndUnknownKeysAre400() {
        assertMessage(harness.post(CREATE,
                "{\"integration\": \"workday\", \"tenant_id\": \"t\", \"context\": {}}"), "unknown integration");
        assertMessage(harness.post(CREATE,
                "{\"integration\": \"ashby\", \"context\": {\"api_key\": \"k\"}}"), "tenant_id");
        assertMessage(harness.post(CREATE,
                "{\"integration\": \"ashby\", \"tenant_id\": \"t\", \"context\": {\"api_key\": \"k\"}, \"x\": 1}"),
                "unknown key 'x'");
    }

    @Test
    void baseUrlMustStayOnTheIntegrationsHostsOrTheAllowedOnes() {
        assertEquals(201, harness.post(CREATE, account("lever", "https://api.eu.lever.co/v1")).statusCode());
        assertEquals(201, harness.post(CREATE, account("lever", "http://127.0.0.1:9/v1")).statusCode(),
                "127.0.0.1 is in this server's SWITCHBOARD_ALLOWED_HOSTS");
        assertInvalidBaseUrl(account("lever", "https://evil.example.com/v1"), "not one of Lever's hosts");
        assertInvalidBaseUrl(account("lever", "http://api.lever.co/v1"), "must use https");
        assertInvalidBaseUrl(account("ashby", "https://api.lever.co"), "not one of Ashby's hosts");
        assertInvalidBaseUrl(account("ashby", "ftp://api.ashbyhq.com"), "http(s)");
        assertInvalidBaseUrl(account("ashby", "https://user@api.ashbyhq.com"), "user info");
    }

    private static String account(String integration, String baseUrl) {
        return Json.writeString(Map.of("integration", integration, "tenant_id", "t",
                "context", Map.of("api_key", "k", "base_url", baseUrl)));
    }

    private static void assertInvalidBaseUrl(String body, String why) {
        var response = harness.post(CREATE, body);
        assertEquals(400, response.statusCode(), response.body());
        var invalid = (Map<?, ?>) ((Map<?, ?>) Harness.json(response).get("truto_error_insight")).get("invalid_context_fields");
        assertTrue(invalid.get("base_url").toString().contains(why), invalid.toString());
    }

    private static void assertInvalid(String body, Map<String, Object> insight) {
        var response = harness.post(CREATE, body);
        assertEquals(400, response.statusCode(), response.body());
        assertEquals(insight, Harness.json(response).get("truto_error_insight"));
    }

    private static void assertMessage(HttpResponse<String> response, String part) {
        assertEquals(400, response.statusCode(), response.body());
        assertTrue(Harness.json(response).get("message").toString().contains(part), response.body());
    }

    private static HttpResponse<String> send(String method, String path, String body) {
        return harness.send(method, path, body, Map.of("Authorization", "Bearer " + Harness.TOKEN));
    }
}
