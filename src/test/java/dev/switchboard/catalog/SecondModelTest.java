package dev.switchboard.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.Harness;
import dev.switchboard.TempDirs;
import dev.switchboard.sandbox.LeverSimulator;
import dev.switchboard.sandbox.Sandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A resource the build does not know, added as catalog files only: its model, and one
 * integration's endpoint and mappings. The server serves it (routes, paging, filters, meta,
 * OpenAPI) with no Java change, which is what makes every resource catalog data.
 */
class SecondModelTest {

    static Sandbox sandbox;
    static Harness harness;
    static String account;

    @BeforeAll
    static void start() throws Exception {
        Path catalog = TestCatalogs.copyInto(TempDirs.create("second-model"));
        Files.writeString(catalog.resolve("models/ats/crew.json"), """
                {
                  "resource": "ats/crew",
                  "noun": "crew member",
                  "description": "A made-up resource for this test: the account's users under another name.",
                  "request_fields": {
                    "role": {"type": "string", "description": "List filter: only members with this access role."}
                  },
                  "response_fields": {
                    "id": {"type": "string"},
                    "name": {"type": "string"},
                    "role": {"type": "string"},
                    "remote_data": {"type": "object"}
                  },
                  "methods": {
                    "list": {"status": 200, "query": ["role"], "integrations": {"lever": {"supported": ["role"]}}}
                  }
                }
                """);
        Path integration = catalog.resolve("integrations/lever/integration.json");
        Files.writeString(integration, Files.readString(integration).replace("\"resources\": {",
                "\"resources\": {\n    \"ats/crew\": {\"list\": {\"method\": \"GET\", \"path\": \"/users\"}},"));
        Path list = Files.createDirectories(catalog.resolve("integrations/lever/ats/crew/list"));
        // Lever's users list (hire.lever.co/developer/documentation#list-all-users): {"data", "hasNext", "next"}.
        Files.writeString(list.resolve("query.jsonata"),
                "{\"limit\": query.limit, \"offset\": query.cursor, \"access_role\": query.role}");
        Files.writeString(list.resolve("response.jsonata"), """
                {"results": [response.data.{"id": id, "name": name, "role": accessRole, "remote_data": $}],
                 "next_cursor": response.hasNext = true ? response.next}
                """);
        sandbox = Sandbox.start();
        harness = Harness.start(Harness.sqliteConfig().withEnvironment(Map.of("SWITCHBOARD_CATALOG", catalog.toString())));
        account = harness.account("lever", Map.of("api_key", LeverSimulator.API_KEY, "base_url", sandbox.leverUrl()));
    }

    @AfterAll
    static void stop() {
        harness.close();
        sandbox.close();
    }

    @Test
    void theNewResourceIsListedThroughItsMappings() {
        var page = harness.get("/unified/ats/crew?integrated_account_id=" + account + "&limit=1");
        assertEquals(200, page.statusCode(), page.body());
        var body = Harness.json(page);
        assertEquals(1, body.get("result_count"));
        var first = (Map<?, ?>) ((List<?>) body.get("result")).get(0);
        assertTrue(first.get("id") instanceof String && first.containsKey("remote_data"), first.toString());
    }

    @Test
    void itsFiltersAreCheckedAndUnknownOnesRefused() {
        var typo = harness.get("/unified/ats/crew?integrated_account_id=" + account + "&rol=admin");
        assertEquals(400, typo.statusCode());
        assertTrue(typo.body().contains("'rol'"), typo.body());
        // The model has no get: no such route, answered as JSON.
        var get = harness.get("/unified/ats/crew/some-id?integrated_account_id=" + account);
        assertEquals(404, get.statusCode(), get.body());
    }

    @Test
    void metaAndOpenApiDescribeIt() {
        var meta = harness.get("/unified/ats/crew/lever/meta/list");
        assertEquals(200, meta.statusCode(), meta.body());
        assertEquals("ats/crew", Harness.json(meta).get("resource"));
        var openApi = harness.get("/openapi.json");
        assertTrue(openApi.body().contains("\"listCrew\""), "the list is published as listCrew");
        assertTrue(openApi.body().contains("\"/unified/ats/crew\""));
    }
}
