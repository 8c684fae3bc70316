package dev.switchboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.switchboard.accounts.AccountStatus;
import dev.switchboard.accounts.IntegratedAccount;
import dev.switchboard.config.ServerConfig;
import dev.switchboard.crypto.KeyRing;
import dev.switchboard.mapping.Json;
import dev.switchboard.sandbox.AshbySimulator;
import dev.switchboard.sandbox.LeverSimulator;
import dev.switchboard.sandbox.RecruiteeSimulator;
import dev.switchboard.sandbox.Sandbox;
import dev.switchboard.remote.RemoteRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A full run with known secrets: none of them reaches a log line, an answer or a toString. */
class RedactionTest {

    static final String API_TOKEN = "api-token-SECRET-4f1c2b";
    static final String SECRET_KEY = "c2VjcmV0LWtleS1TRUNSRVQtMzItYnl0ZXMtbG9uZyE=";
    static final String WRONG_KEY = "wrong-ashby-key-SECRET-77";

    @Test
    void noSecretIsLoggedOrAnswered() throws Exception {
        try (var sandbox = Sandbox.start(); var switchboard = ChildServer.start(List.of(), List.of("serve"), Map.of(
                "SWITCHBOARD_API_TOKEN", API_TOKEN,
                "SWITCHBOARD_SECRET_KEY", SECRET_KEY,
                "SWITCHBOARD_ALLOWED_HOSTS", "http://127.0.0.1",
                "SWITCHBOARD_LEVER_CLIENT_ID", LeverSimulator.CLIENT_ID,
                "SWITCHBOARD_LEVER_CLIENT_SECRET", LeverSimulator.CLIENT_SECRET,
                "SWITCHBOARD_LEVER_TOKEN_URL", sandbox.leverTokenUrl()))) {
            var tokens = new HashMap<>(sandbox.lever().issueTokens());
            sandbox.lever().expireAccessTokens();
            tokens.put("expires_at", "2020-01-01T00:00:00Z");
            var secrets = List.of(API_TOKEN, SECRET_KEY, WRONG_KEY, AshbySimulator.API_KEY, LeverSimulator.CLIENT_SECRET,
                    RecruiteeSimulator.API_TOKEN, (String) tokens.get("access_token"),
                    (String) tokens.get("refresh_token"));
            var answers = new ArrayList<String>();
            var client = new Client(switchboard.baseUrl(), answers);

            String ashby = client.account("ashby", Map.of("api_key", AshbySimulator.API_KEY, "base_url", sandbox.ashbyUrl()));
            String wrong = client.account("ashby", Map.of("api_key", WRONG_KEY, "base_url", sandbox.ashbyUrl()));
            String lever = client.account("lever", Map.of("oauth", tokens, "base_url", sandbox.leverUrl()));
            String recruitee = client.account("recruitee", Map.of("api_token", RecruiteeSimulator.API_TOKEN,
                    "company_id", RecruiteeSimulator.COMPANY_ID, "base_url", sandbox.recruiteeUrl()));

            assertEquals(201, client.note(ashby, AshbySimulator.CANDIDATE_ID));
            assertEquals(401, client.note(wrong, AshbySimulator.CANDIDATE_ID));
            assertEquals(201, client.note(lever, LeverSimulator.OPPORTUNITY_ID));
            assertEquals(1, sandbox.lever().refreshCount());
            assertEquals(201, client.note(recruitee, RecruiteeSimulator.CANDIDATE_ID));
            assertEquals(404, client.note(recruitee, "999"));
            assertEquals(400, client.call("POST", "/unified/ats/activities?integrated_account_id=" + lever, "{"));
            assertEquals(400, client.call("POST", "/integrated-accounts",
                    "{\"integration\": \"ashby\", \"tenant_id\": \"t\", \"context\": {\"api_key\": \"" + WRONG_KEY
                            + "\", \"base_url\": \"https://evil.example.com\"}}"));
            for (String id : List.of(ashby, wrong, lever, recruitee)) {
                assertEquals(200, client.call("GET", "/integrated-accounts/" + id, null));
            }
            assertEquals(200, client.call("GET", "/integrated-accounts", null));

            Thread.sleep(300);
            List<String> logs = switchboard.drain();
            assertFalse(logs.stream().anyMatch(line -> line.matches("\\s+at [a-zA-Z].*\\(.*\\)")),
                    "no stack trace per request: " + logs.stream().filter(line -> line.trim().startsWith("at "))
                            .findFirst().orElse(""));
            for (String secret : secrets) {
                assertFalse(logs.stream().anyMatch(line -> line.contains(secret)), "logged: " + secret);
                assertFalse(answers.stream().anyMatch(answer -> answer.contains(secret)), "answered: " + secret);
            }
        }
    }

    @Test
    void toStringsHideSecrets() {
        var account = new IntegratedAccount("id", "default", "lever", "t", AccountStatus.ACTIVE,
                Map.of("api_key", "TOSTRING-SECRET"), Instant.now(), Instant.now());
        var config = ServerConfig.of(0, "jdbc:postgresql://db/sb?user=sb&password=TOSTRING-SECRET", "TOSTRING-SECRET")
                .withSecretKey(SECRET_KEY);
        var request = new RemoteRequest("POST", URI.create("https://api.lever.co/v1/x"),
                Map.of("Authorization", "Basic TOSTRING-SECRET"), Optional.empty());
        for (Object value : List.of(account, config, request, KeyRing.parse(SECRET_KEY))) {
            assertFalse(value.toString().contains("TOSTRING-SECRET") || value.toString().contains(SECRET_KEY),
                    value.getClass().getSimpleName());
        }
    }

    /** Calls the child server with the API token, keeping every answer body for the search. */
    record Client(String baseUrl, List<String> answers) {

        int call(String method, String path, String body) throws Exception {
            var request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + API_TOKEN)
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body)).build();
            var response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            answers.add(response.headers().map() + " " + response.body());
            return response.statusCode();
        }

        String account(String integration, Map<String, Object> context) throws Exception {
            // Skipped: a refused key must be stored to show that its refusal later is not logged either.
            var request = HttpRequest.newBuilder(URI.create(baseUrl + "/integrated-accounts?connect_check=skip"))
                    .header("Authorization", "Bearer " + API_TOKEN)
                    .POST(HttpRequest.BodyPublishers.ofString(Json.writeString(
                            Map.of("integration", integration, "tenant_id", "t", "context", context)))).build();
            var response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            answers.add(response.body());
            return (String) Harness.json(response).get("id");
        }

        int note(String account, String candidate) throws Exception {
            return call("POST", "/unified/ats/activities?integrated_account_id=" + account,
                    "{\"candidate_id\": \"" + candidate + "\", \"body\": \"redaction run\"}");
        }
    }
}
