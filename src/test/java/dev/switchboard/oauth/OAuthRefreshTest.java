package dev.switchboard.oauth;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

import dev.switchboard.Concurrently;
import dev.switchboard.Harness;
import dev.switchboard.config.ServerConfig;
import dev.switchboard.sandbox.LeverSimulator;
import dev.switchboard.sandbox.Sandbox;
import dev.switchboard.store.TestDatabases;
import java.net.URI;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Lever OAuth accounts against the simulated Lever, whose tokens expire and rotate. */
class OAuthRefreshTest {

    /**
     * Lever's token endpoint behind a slow network: the simulated Lever's answers (LeverSimulator's
     * {@code /oauth/token}, after hire.lever.co/developer/documentation#authentication), 1.5 s late.
     */
    @RegisterExtension
    static WireMockExtension slowTokens = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort()).build();

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

    /**
     * On SQLite a refresh holds the store's write lock while it waits on the token endpoint (so
     * a second process refreshes after it, not alongside). The other requests' writes wait for
     * that lock inside SQLite's driver, in native code: on virtual threads that wait held every
     * carrier, and the whole server, health included, stood still until SQLite gave up 10 s later.
     */
    @Test
    void aSlowRefreshOnSqliteHoldsUpNoOtherRequest() throws Exception {
        URI tokenUrl = URI.create(sandbox.leverTokenUrl());
        slowTokens.stubFor(post(urlPathEqualTo(tokenUrl.getPath())).willReturn(aResponse()
                .proxiedFrom(tokenUrl.getScheme() + "://" + tokenUrl.getAuthority()).withFixedDelay(1_500)));
        var config = withClient(Harness.sqliteConfig());
        var environment = new HashMap<>(config.environment());
        environment.put("SWITCHBOARD_LEVER_TOKEN_URL", slowTokens.baseUrl() + tokenUrl.getPath());
        try (var harness = Harness.start(config.withEnvironment(environment))) {
            String refreshing = oauthAccount(harness, expiredTokens());
            String other = oauthAccount(harness, sandbox.lever().issueTokens());

            var refreshed = CompletableFuture.supplyAsync(() -> create(harness, refreshing, "after a refresh"));
            Thread.sleep(400); // the refresh is waiting on the token endpoint, holding the write lock
            long started = System.nanoTime();
            var creates = CompletableFuture.supplyAsync(() -> {
                try {
                    return Concurrently.run(8, i -> harness.send("POST", Harness.activities(other, ""),
                            "{\"candidate_id\": \"" + LeverSimulator.OPPORTUNITY_ID + "\", \"body\": \"meanwhile "
                                    + i + "\"}", Map.of("Authorization", "Bearer " + Harness.TOKEN, "Idempotency-Key", "meanwhile-" + i)));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(200);
            long healthStarted = System.nanoTime();
            assertEquals(200, harness.send("GET", "/health", null, Map.of()).statusCode());
            long healthMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - healthStarted);

            creates.get().forEach(response -> assertEquals(201, response.statusCode(), response.body()));
            long createsMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            assertEquals(201, refreshed.get().statusCode(), refreshed.get().body());
            assertTrue(healthMillis < 1_000, "health answered in " + healthMillis + " ms during the refresh");
            // The creates' store writes wait for the refresh's (about 1.1 s more), then go on.
            assertTrue(createsMillis < 4_000, "the other account's creates took " + createsMillis + " ms");
            assertEquals(1, sandbox.lever().refreshCount());
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
