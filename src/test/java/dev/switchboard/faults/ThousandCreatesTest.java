package dev.switchboard.faults;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.switchboard.Harness;
import dev.switchboard.sandbox.AshbySimulator;
import dev.switchboard.sandbox.Sandbox;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * 1,000 creates with Idempotency-Keys through an Ashby that fails 20% of them in random
 * ways; the client retries each until it gets a definite answer. Afterwards every key has
 * exactly one note at the provider.
 */
class ThousandCreatesTest {

    static final int CREATES = 1_000;
    static final int CANDIDATES = 50;
    static final ForwardToSandbox FORWARD = new ForwardToSandbox();
    static final ChaosProvider CHAOS = new ChaosProvider(FORWARD, "/candidate.createNote", 0.2);

    @RegisterExtension
    static WireMockExtension ashby = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().containerThreads(40).extensions(CHAOS)).build();

    @Test
    void everyKeyEndsWithExactlyOneNote() throws Exception {
        try (var sandbox = Sandbox.start(); var harness = Harness.start(Harness.sqliteConfig()
                .withRemoteTimeouts(Duration.ofMillis(500), Duration.ofMillis(700))
                .withRetryBudget(Duration.ofSeconds(2)))) {
            FORWARD.target(sandbox.ashbyUrl());
            ashby.stubFor(any(anyUrl()).willReturn(aResponse().withTransformers(ChaosProvider.NAME)));
            for (int i = 0; i < CANDIDATES; i++) {
                sandbox.ashby().addCandidate("candidate-" + i);
            }
            String account = harness.account("ashby", Map.of("api_key", AshbySimulator.API_KEY,
                    "base_url", ashby.baseUrl()));

            var tasks = new ArrayList<Callable<Integer>>();
            for (int i = 0; i < CREATES; i++) {
                String key = "key-" + i;
                String candidate = "candidate-" + (i % CANDIDATES);
                tasks.add(() -> createUntilDefinite(harness, account, key, candidate));
            }
            var pool = Executors.newFixedThreadPool(16);
            var attempts = new ArrayList<Integer>();
            try {
                for (Future<Integer> future : pool.invokeAll(tasks)) {
                    attempts.add(future.get());
                }
            } finally {
                pool.shutdown();
            }

            Map<String, Integer> notesPerKey = new HashMap<>();
            for (int i = 0; i < CANDIDATES; i++) {
                for (var note : sandbox.ashby().notesOf("candidate-" + i)) {
                    notesPerKey.merge((String) note.get("content"), 1, Integer::sum);
                }
            }
            assertTrue(CHAOS.failed() > CREATES / 10, "the provider failed " + CHAOS.failed() + " creates");
            assertEquals(CREATES, notesPerKey.size(), "every key has a note");
            notesPerKey.forEach((key, count) -> assertEquals(1, count, key + " has " + count + " notes"));
            assertTrue(attempts.stream().anyMatch(count -> count > 1), "some creates needed a retry");
            assertEquals(200, harness.send("GET", "/health", null, Map.of()).statusCode());
        }
    }

    /** The client's side: retry with the same key until the answer is definite; returns the attempts. */
    private static int createUntilDefinite(Harness harness, String account, String key, String candidate)
            throws Exception {
        var http = HttpClient.newHttpClient();
        for (int attempt = 1; attempt <= 60; attempt++) {
            var request = HttpRequest.newBuilder(URI.create(harness.baseUrl() + Harness.activities(account, "")))
                    .header("Authorization", "Bearer " + Harness.TOKEN)
                    .header("Idempotency-Key", key)
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"candidate_id\": \"" + candidate + "\", \"body\": \"" + key + "\"}"))
                    .build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 201) {
                return attempt;
            }
            if (response.statusCode() < 500 && response.statusCode() != 409 && response.statusCode() != 429) {
                throw new AssertionError(key + " got a definite failure: " + response.body());
            }
            Thread.sleep(20L * attempt);
        }
        throw new AssertionError(key + " never got a definite answer");
    }
}
