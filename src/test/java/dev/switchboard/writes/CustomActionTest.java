package dev.switchboard.writes;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.switchboard.Harness;
import dev.switchboard.TempDirs;
import dev.switchboard.catalog.TestCatalogs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A custom method (Truto's form, {@code POST /unified/{resource}/{action}} with the target in
 * the body) declared in catalog files only, against a provider played by WireMock: it is
 * served, kept to one provider call per Idempotency-Key, and settled by reading the item
 * back when the provider's answer is lost. The resource is made up for the test; the real
 * actions (move-stage, reject) are catalog data of their own.
 */
class CustomActionTest {

    @RegisterExtension
    static WireMockExtension provider = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    static Harness harness;
    static String account;

    @BeforeAll
    static void start() throws Exception {
        Path catalog = TestCatalogs.copyInto(TempDirs.create("custom-action"));
        Files.writeString(catalog.resolve("models/ats/tasks.json"), """
                {
                  "resource": "ats/tasks",
                  "noun": "task",
                  "request_fields": {
                    "task_id": {"type": "string", "format": "id"},
                    "state": {"type": "string", "enum": ["open", "done"]}
                  },
                  "response_fields": {
                    "id": {"type": "string"},
                    "state": {"type": "string"},
                    "remote_data": {"type": "object"}
                  },
                  "methods": {
                    "get": {"status": 200, "integrations": {"lever": {}}},
                    "move": {"status": 200, "body": ["task_id", "state"],
                             "integrations": {"lever": {"required": ["task_id", "state"]}},
                             "match": {"read_back": "task_id", "same": {"state": "state"}}}
                  }
                }
                """);
        Path integration = catalog.resolve("integrations/lever/integration.json");
        Files.writeString(integration, Files.readString(integration).replace("\"resources\": {",
                "\"resources\": {\n    \"ats/tasks\": {\"get\": {\"method\": \"GET\", \"path\": \"/tasks/{id}\"},"
                        + " \"move\": {\"method\": \"POST\", \"path\": \"/tasks/{id}/move\"}},"));
        Path get = Files.createDirectories(catalog.resolve("integrations/lever/ats/tasks/get"));
        Files.writeString(get.resolve("path.jsonata"), "{\"id\": query.id}");
        Files.writeString(get.resolve("response.jsonata"),
                "{\"id\": response.data.id, \"state\": response.data.state, \"remote_data\": response.data}");
        Path move = Files.createDirectories(catalog.resolve("integrations/lever/ats/tasks/move"));
        Files.writeString(move.resolve("path.jsonata"), "{\"id\": body.task_id}");
        Files.writeString(move.resolve("request_body.jsonata"), "{\"state\": body.state}");
        Files.writeString(move.resolve("response.jsonata"), "{\"id\": response.data.id, \"state\": response.data.state}");
        harness = Harness.start(Harness.sqliteConfig().withEnvironment(Map.of("SWITCHBOARD_CATALOG", catalog.toString())));
        account = harness.account("lever", Map.of("api_key", "key-1", "base_url", provider.baseUrl()));
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    @BeforeEach
    void reset() {
        provider.resetAll();
    }

    private static String task(String state) {
        return "{\"data\": {\"id\": \"t1\", \"state\": \"" + state + "\"}}";
    }

    private static java.net.http.HttpResponse<String> move(String key) {
        var headers = new java.util.LinkedHashMap<String, String>(Map.of("Authorization", "Bearer " + Harness.TOKEN,
                "Content-Type", "application/json"));
        if (key != null) {
            headers.put("Idempotency-Key", key);
        }
        return harness.send("POST", "/unified/ats/tasks/move?integrated_account_id=" + account,
                "{\"task_id\": \"t1\", \"state\": \"done\"}", headers);
    }

    @Test
    void theActionIsServedAndOneKeyActsOnce() {
        provider.stubFor(post("/tasks/t1/move").willReturn(okJson(task("done"))));
        String key = UUID.randomUUID().toString();
        var first = move(key);
        assertEquals(200, first.statusCode(), first.body());
        assertEquals("done", Harness.json(first).get("state"));
        var again = move(key);
        assertEquals(200, again.statusCode());
        assertEquals("true", again.headers().firstValue("idempotent-replayed").orElse(""));
        provider.verify(1, postRequestedFor(urlPathEqualTo("/tasks/t1/move")));
    }

    @Test
    void aLostAnswerIsSettledByReadingTheItemBack() {
        provider.stubFor(post("/tasks/t1/move").willReturn(aResponse().withStatus(500).withBody("{}")));
        provider.stubFor(get("/tasks/t1").willReturn(okJson(task("done"))));
        var answer = move(UUID.randomUUID().toString());
        assertEquals(200, answer.statusCode(), answer.body());
        assertEquals("true", answer.headers().firstValue("x-switchboard-recovered").orElse(""));
        provider.verify(1, postRequestedFor(urlPathEqualTo("/tasks/t1/move")));
    }

    @Test
    void anItemThatDoesNotShowTheChangeLeavesTheOutcomeUnknown() {
        provider.stubFor(post("/tasks/t1/move").willReturn(aResponse().withStatus(500).withBody("{}")));
        provider.stubFor(get("/tasks/t1").willReturn(okJson(task("open"))));
        var answer = move(null);
        assertEquals(502, answer.statusCode(), answer.body());
        assertTrue(answer.body().contains("\"outcome\":\"unknown\""), answer.body());
    }

    @Test
    void aProviderRefusalIsA4xxAndIsNotRetried() {
        provider.stubFor(post("/tasks/t1/move").willReturn(aResponse().withStatus(422)
                .withBody("{\"code\": \"InvalidStage\", \"message\": \"stage belongs to another job\"}")));
        var answer = move(UUID.randomUUID().toString());
        assertEquals(422, answer.statusCode(), answer.body());
        provider.verify(1, postRequestedFor(urlPathEqualTo("/tasks/t1/move")));
    }

    @Test
    void metaAndOpenApiNameTheAction() {
        assertEquals(200, harness.get("/unified/ats/tasks/lever/meta/move").statusCode());
        assertTrue(harness.get("/openapi.json").body().contains("\"moveTask\""));
    }
}
