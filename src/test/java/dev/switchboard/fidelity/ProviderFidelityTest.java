package dev.switchboard.fidelity;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.switchboard.Harness;
import dev.switchboard.mapping.Json;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every documented provider example under {@code src/test/resources/fidelity}, each naming
 * its source, run over HTTP: the exact provider request a unified call makes, and the
 * unified answer a documented provider answer becomes.
 */
class ProviderFidelityTest {

    @RegisterExtension
    static WireMockExtension provider = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @RegisterExtension
    static final Harness harness = Harness.perClass(() -> Harness.sqliteConfig().withEnvironment(
            Map.of("SWITCHBOARD_GREENHOUSE_TOKEN_URL", provider.baseUrl() + "/token")));

    private static final Path FIXTURES = Path.of("src/test/resources/fidelity");

    @TestFactory
    Stream<DynamicTest> documentedExamples() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(FIXTURES)) {
            files = walk.filter(file -> file.toString().endsWith(".json")).sorted().toList();
        }
        assertTrue(files.size() >= 25, "the fixtures are there: " + files);
        return files.stream().map(file -> DynamicTest.dynamicTest(FIXTURES.relativize(file).toString(),
                () -> run(Json.asObject(Json.parse(Files.readAllBytes(file))).orElseThrow())));
    }

    @SuppressWarnings("unchecked")
    private static void run(Map<String, Object> fixture) {
        assertTrue(fixture.get("source") instanceof String source && !source.isBlank(), "every fixture names its source");
        provider.resetAll();
        String integration = (String) fixture.get("integration");
        String account = harness.account(integration, context(integration));
        var request = (Map<String, Object>) fixture.get("request");
        String query = (String) request.getOrDefault("query", "");
        boolean list = fixture.get("method").equals("list");
        boolean get = fixture.get("method").equals("get");
        // A fixture names its unified resource; notes when it names none. A get names its item's id.
        String resource = (String) fixture.getOrDefault("resource", "ats/activities");
        String path = "/unified/" + resource + (get ? "/" + request.get("id") : "") + "?integrated_account_id="
                + account + query;

        if (fixture.get("provider_request") instanceof Map<?, ?> expected) {
            var dry = harness.post(path + "&switchboard_dry_run=true",
                    Json.writeString(request.get("body")));
            assertEquals(200, dry.statusCode(), dry.body());
            var sent = (Map<String, Object>) Harness.json(dry).get("request");
            URI url = URI.create((String) sent.get("url"));
            assertEquals(expected.get("method"), sent.get("method"));
            assertEquals(expected.get("path"), url.getRawPath() + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery()));
            assertEquals(expected.get("body"), sent.get("body"), "the body the provider documents, exactly");
        }
        if (fixture.get("provider_answer") instanceof Map<?, ?> answer) {
            var stub = aResponse().withStatus(((Number) answer.get("status")).intValue());
            if (answer.get("headers") instanceof Map<?, ?> headers) {
                for (var header : headers.entrySet()) {
                    stub = stub.withHeader((String) header.getKey(), (String) header.getValue());
                }
            }
            if (Boolean.TRUE.equals(answer.get("empty"))) {
                stub = stub.withBody("");
            } else if (answer.get("body") != null) {
                if (!(answer.get("headers") instanceof Map<?, ?> headers && headers.containsKey("Content-Type"))) {
                    stub = stub.withHeader("Content-Type", "application/json");
                }
                stub = stub.withBody(Json.writeString(answer.get("body")));
            } else {
                stub = stub.withHeader("Content-Type", "text/plain").withBody((String) answer.get("text"));
            }
            provider.stubFor(any(anyUrl()).atPriority(5).willReturn(stub));
            // A write that reads its item first (reads_first) is answered that read by a GET.
            if (fixture.get("read_first_answer") instanceof Map<?, ?> read) {
                provider.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(anyUrl()).atPriority(3)
                        .willReturn(aResponse().withStatus(((Number) read.get("status")).intValue())
                                .withHeader("Content-Type", "application/json").withBody(Json.writeString(read.get("body")))));
            }
            // Greenhouse's client-credentials token endpoint (harvestdocs.greenhouse.io/docs/authentication).
            provider.stubFor(post(urlEqualTo("/token")).atPriority(1).willReturn(aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"access_token\": \"fidelity-token\", \"token_type\": \"bearer\", \"expires_in\": 3600}")));
            var response = list || get ? harness.get(path + "&truto_ignore_remote_data=true")
                    : harness.post(path + "&truto_ignore_remote_data=true", Json.writeString(request.get("body")));
            var expect = (Map<String, Object>) fixture.get("expect");
            assertEquals(((Number) expect.get("status")).intValue(), response.statusCode(), response.body());
            if (expect.get("body") != null) {
                assertEquals(expect.get("body"), Harness.json(response));
            }
            if (expect.get("message_contains") instanceof String message) {
                assertTrue(((String) Harness.json(response).get("message")).contains(message), response.body());
                assertEquals(true, Harness.json(response).get("truto_is_remote_error"));
            }
            if (expect.get("account_status") instanceof String status) {
                assertEquals(status, Harness.json(harness.get("/integrated-accounts/" + account)).get("status"));
            }
            assertFalse(response.body().contains("fidelity-secret"), "no credential in the answer");
        }
    }

    private static Map<String, Object> context(String integration) {
        return switch (integration) {
            case "ashby" -> Map.of("api_key", "fidelity-secret", "base_url", provider.baseUrl());
            case "lever" -> Map.of("api_key", "fidelity-secret", "base_url", provider.baseUrl() + "/v1");
            case "recruitee" -> Map.of("api_token", "fidelity-secret", "company_id", "73014",
                    "base_url", provider.baseUrl());
            case "workable" -> Map.of("api_token", "fidelity-secret", "subdomain", "acme", "member_id", "13e0f2",
                    "base_url", provider.baseUrl() + "/spi/v3");
            case "teamtailor" -> Map.of("api_key", "fidelity-secret", "user_id", "2",
                    "base_url", provider.baseUrl() + "/v1");
            case "greenhouse" -> Map.of("client_id", "fidelity-client", "client_secret", "fidelity-secret",
                    "sub", "4080", "base_url", provider.baseUrl() + "/v3");
            default -> throw new IllegalArgumentException(integration);
        };
    }
}
