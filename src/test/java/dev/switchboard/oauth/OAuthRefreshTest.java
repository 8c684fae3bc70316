package dev.switchboard.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.switchboard.Concurrently;
import dev.switchboard.Harness;
import dev.switchboard.config.ServerConfig;
import dev.switchboard.sandbox.LeverSimulator;
import dev.switchboard.sandbox.Sandbox;
import dev.switchboard.store.TestDatabases;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Lever OAuth accounts against the simulated Lever, whose tokens expire and rotate. */
class OAuthRefreshTest {

    Sandbox sandbox;

    @BeforeEach
    void start() {
        sandbox = Sandbox.start();
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void twentyConcurrentRequestsOnAnExpiredTokenRefreshOnce() throws Exception {
        try (var harness = Harness.start(withClient(Harness.sqliteConfig()))) {
            String account = oauthAccount(harness, expiredTokens());

            // Distinct notes: identical keyless creates running at once share one write by design.
            var responses = Concurrently.run(20, i -> create(harness, account, "note " + i));

            responses.forEach(response -> assertEquals(201, response.statusCode(), response.body()));
            assertEquals(1, sandbox.lever().refreshCount());
            assertEquals(20, sandbox.lever().notesOf(LeverSimulator.OPPORTUNITY_ID).size());
        }
    }

    @Test
    void twoProcessesSharingPostgresRefreshOnce() throws Exception {
        String url = TestDatabases.postgres();
        String key = randomKey();
        ServerConfig config = withClient(ServerConfig.of(0, url, Harness.TOKEN).withSecretKey(key));
        try (var first = Harness.start(config); var second = Harness.start(config)) {
            String account = oauthAccount(first, expiredTokens());

            var responses = Concurrently.run(20, i -> create(i % 2 == 0 ? first : second, account, "note " + i));

            responses.forEach(response -> assertEquals(201, response.statusCode(), response.body()));
            assertEquals(1, sandbox.lever().refreshCount());
        } finally {
            TestDatabases.dropPostgres(url);
        }
    }

    @Test
    void aRefusedTokenIsRefreshedOnceAndTheCallSentAgain() {
        try (var harness = Harness.start(withClient(Harness.sqliteConfig()))) {
            // The stored expiry is in the future, but the provider no longer takes the token.
            String account = oauthAccount(harness, sandbox.lever().issueTokens());
            sandbox.lever().expireAccessTokens();

            var response = create(harness, account);

            assertEquals(201, response.statusCode(), response.body());
            assertEquals(1, sandbox.lever().refreshCount());
            assertEquals(1, sandbox.lever().notesOf(LeverSimulator.OPPORTUNITY_ID).size());
            assertEquals("active", status(harness, account));
        }
    }

    @Test
    void refreshedTokensAreStoredAndUsedNextTime() {
        try (var harness = Harness.start(withClient(Harness.sqliteConfig()))) {
            var tokens = expiredTokens();
            String account = oauthAccount(harness, tokens);
            assertEquals(201, create(harness, account).statusCode());
            assertEquals(201, create(harness, account).statusCode());
            assertEquals(1, sandbox.lever().refreshCount(), "the second call used the stored new token");
            var stored = harness.server().accounts().get("default", account).context().get("oauth");
            assertNotEquals(tokens.get("refresh_token"), ((Map<?, ?>) stored).get("refresh_token"),
                    "the rotated refresh token replaced the used one");
        }
    }

    @Test
    void invalidGrantMarksTheAccountNeedsReauth() {
        try (var harness = Harness.start(withClient(Harness.sqliteConfig()))) {
            var tokens = new HashMap<>(expiredTokens());
            tokens.put("refresh_token", "lrt_revoked");
            String account = oauthAccount(harness, tokens);

            var response = create(harness, account);

            assertEquals(401, response.statusCode(), response.body());
            assertEquals(true, Harness.json(response).get("truto_is_remote_error"));
            assertEquals("needs_reauth", status(harness, account));
            assertEquals(0, sandbox.lever().notesOf(LeverSimulator.OPPORTUNITY_ID).size());
        }
    }

    @Test
    void withoutClientCredentialsTheServerSaysWhichAreMissing() {
        try (var harness = Harness.start(Harness.sqliteConfig())) {
            String account = oauthAccount(harness, expiredTokens());
            var response = create(harness, account);
            assertEquals(500, response.statusCode());
            assertEquals(true, response.body().contains("SWITCHBOARD_LEVER_CLIENT_ID"));
        }
    }

    private ServerConfig withClient(ServerConfig config) {
        // The operator points refreshes at the simulated Lever; an account cannot.
        return config.withEnvironment(Map.of("SWITCHBOARD_LEVER_CLIENT_ID", LeverSimulator.CLIENT_ID,
                "SWITCHBOARD_LEVER_CLIENT_SECRET", LeverSimulator.CLIENT_SECRET,
                "SWITCHBOARD_LEVER_TOKEN_URL", sandbox.leverTokenUrl()));
    }

    private Map<String, Object> expiredTokens() {
        var tokens = new HashMap<>(sandbox.lever().issueTokens());
        sandbox.lever().expireAccessTokens();
        tokens.put("expires_at", "2020-01-01T00:00:00Z");
        return tokens;
    }

    private String oauthAccount(Harness harness, Map<String, Object> tokens) {
        return harness.account("lever", Map.of("oauth", tokens, "base_url", sandbox.leverUrl()));
    }

    private static HttpResponse<String> create(Harness harness, String account) {
        return create(harness, account, "oauth note");
    }

    private static HttpResponse<String> create(Harness harness, String account, String text) {
        return harness.post(Harness.activities(account, ""),
                "{\"candidate_id\": \"" + LeverSimulator.OPPORTUNITY_ID + "\", \"body\": \"" + text + "\"}");
    }

    private static String status(Harness harness, String account) {
        return (String) Harness.json(harness.get("/integrated-accounts/" + account)).get("status");
    }


    private static String randomKey() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
