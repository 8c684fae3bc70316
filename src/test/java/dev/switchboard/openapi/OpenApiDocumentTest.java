package dev.switchboard.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.Harness;
import dev.switchboard.catalog.CatalogLoader;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** /openapi.json is valid OpenAPI 3.1 and describes every field the mappings use; /docs renders it offline. */
class OpenApiDocumentTest {

    @RegisterExtension
    static final Harness harness = Harness.perClass();
    static String document;

    @BeforeAll
    static void start() {
        var response = harness.send("GET", "/openapi.json", null, Map.of());
        assertEquals(200, response.statusCode(), "served without a token");
        document = response.body();
    }

    @Test
    void itIsAValidOpenApi31Document() {
        var options = new ParseOptions();
        options.setResolve(true);
        var result = new OpenAPIV3Parser().readContents(document, null, options);
        assertEquals(List.of(), result.getMessages());
        assertEquals("3.1.0", result.getOpenAPI().getOpenapi());
        var create = result.getOpenAPI().getPaths().get("/unified/ats/activities").getPost();
        var parameters = create.getParameters().stream().map(p -> p.getName()).toList();
        assertTrue(parameters.containsAll(List.of("integrated_account_id", "truto_response_format",
                "truto_ignore_remote_data", "truto_exclude_fields[]", "remote_query[perform_as]",
                "Idempotency-Key")), parameters.toString());
        assertTrue(create.getResponses().keySet().containsAll(List.of("201", "400", "401", "404", "409", "422",
                "429", "502", "504")));
        assertEquals(List.of("201"), create.getResponses().keySet().stream().filter(code -> code.startsWith("2"))
                .toList(), "one success answer, so generated clients read the activity");
        assertEquals("dryRunCreateActivity", result.getOpenAPI().getPaths().get("/unified/ats/activities/dry-run")
                .getPost().getOperationId());
        var schemaNames = result.getOpenAPI().getComponents().getSchemas().keySet();
        assertTrue(schemaNames.stream().noneMatch(name -> name.equals("Error") || name.endsWith("Inner")),
                schemaNames.toString());
        assertTrue(result.getOpenAPI().getPaths().get("/integrated-accounts").getGet().getDeprecated());
        assertEquals("listIntegratedAccounts", result.getOpenAPI().getPaths().get("/integrated-account").getGet()
                .getOperationId());
        assertEquals("activityMeta", result.getOpenAPI().getPaths().get("/unified/ats/activities/meta/{method}")
                .getGet().getOperationId());
        var list = result.getOpenAPI().getPaths().get("/unified/ats/activities").getGet();
        assertEquals("listActivities", list.getOperationId());
        assertTrue(list.getParameters().stream().map(p -> p.getName()).toList()
                .containsAll(List.of("integrated_account_id", "candidate_id", "limit", "next_cursor")));
        assertEquals("getActivity", result.getOpenAPI().getPaths().get("/unified/ats/activities/{id}").getGet()
                .getOperationId());
        assertTrue(result.getOpenAPI().getComponents().getSchemas().containsKey("ActivityList"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void summariesReadAsEnglish() {
        var paths = (Map<String, Map<String, Map<String, Object>>>) Harness.json(
                harness.send("GET", "/openapi.json", null, Map.of())).get("paths");
        assertEquals("Create an attachment", paths.get("/unified/ats/attachments").get("post").get("summary"));
        assertEquals("Create a note", paths.get("/unified/ats/activities").get("post").get("summary"));
        assertEquals("Download the file of an attachment",
                paths.get("/unified/ats/attachments/download").get("post").get("summary"));
        assertEquals("Move stage of an application",
                paths.get("/unified/ats/applications/move-stage").get("post").get("summary"));
        assertEquals("Reject an application", paths.get("/unified/ats/applications/reject").get("post").get("summary"));
        // "a" before a vowel letter is wrong for every noun the catalog has but "user", which states its own.
        paths.forEach((path, methods) -> methods.forEach((method, operation) -> assertFalse(
                Pattern.compile("\\ba [aeio]").matcher(String.valueOf(operation.get("summary"))).find(),
                method + " " + path + ": " + operation.get("summary"))));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theConnectExampleOffersIntegrationsTheCatalogHas() {
        var schemas = new java.util.HashMap<String, Object>();
        ConnectOperations.addSchemas(schemas, List.of("workable", "greenhouse", "teamtailor"));
        var example = (Map<String, Object>) ((Map<String, Object>) schemas.get("LinkTokenRequest")).get("example");
        assertEquals(List.of("workable", "greenhouse"), example.get("integrations"));
        ConnectOperations.addSchemas(schemas, List.of("recruitee"));
        example = (Map<String, Object>) ((Map<String, Object>) schemas.get("LinkTokenRequest")).get("example");
        assertEquals(List.of("recruitee"), example.get("integrations"));
    }

    @Test
    void eachFieldSaysWhichIntegrationsRequireAndTakeIt() {
        var properties = properties("ActivityCreateRequest");
        var writers = List.of("ashby", "lever", "recruitee", "teamtailor", "workable"); // Greenhouse cannot write
        assertEquals(writers, properties.get("candidate_id").get("x-switchboard-required-in"));
        assertEquals(writers, properties.get("body").get("x-switchboard-required-in"));
        assertEquals(writers, properties.get("body").get("x-switchboard-supported-in"));
        assertEquals(writers, properties.get("visibility").get("x-switchboard-supported-in"));
        assertEquals(List.of("ashby", "lever"), properties.get("created_at").get("x-switchboard-supported-in"));
        assertEquals(Map.of("recruitee", List.of("public", "private"), "teamtailor", List.of("public"),
                "workable", List.of("public", "admin_only")), properties.get("visibility").get("x-switchboard-values-in"));
        assertEquals(List.of("private", "public", "admin_only"), properties.get("visibility").get("enum"));
        assertEquals(writers, properties.get("remote_data").get("x-switchboard-supported-in"));
        assertEquals(List.of("greenhouse", "recruitee", "teamtailor"),
                properties("Activity").get("updated_at").get("x-switchboard-filled-by"));
    }

    @Test
    void everyFieldTheMappingsUseIsDescribed() throws Exception {
        var response = properties("Activity").keySet();
        Path catalog = Path.of(CatalogLoader.class.getResource("/catalog/integrations").toURI());
        Pattern bodyField = Pattern.compile("body\\.([a-z_]+)");
        Pattern createOf = Pattern.compile("/(ats/[a-z_]+)/create/");
        var models = CatalogLoader.loadBundled();
        try (Stream<Path> files = Files.walk(catalog)) {
            for (Path file : files.filter(f -> f.toString().contains("/create/") && f.toString().endsWith(".jsonata")
                    && !f.getFileName().toString().equals("response.jsonata")).toList()) {
                // Each resource's create mappings against that resource's own request schema.
                var resource = createOf.matcher(file.toString().replace('\\', '/'));
                assertTrue(resource.find(), file.toString());
                var fields = properties(ResourceNames.of(models.model(resource.group(1)).orElseThrow()).singular()
                        + "CreateRequest").keySet();
                var matcher = bodyField.matcher(Files.readString(file));
                while (matcher.find()) {
                    assertTrue(fields.contains(matcher.group(1)), file + " uses body." + matcher.group(1));
                }
            }
        }
        var catalogFills = CatalogLoader.loadBundled();
        for (String integration : catalogFills.integrationNames()) {
            for (String method : List.of("create", "list", "get")) {
                for (String field : catalogFills.operation(integration, "ats/activities", method)
                        .map(operation -> operation.fills()).orElse(List.of())) {
                    assertTrue(response.contains(field), integration + " fills " + field);
                }
            }
        }
    }

    @Test
    void theDocsPageNeedsNothingFromOutsideTheServer() {
        var page = harness.send("GET", "/docs", null, Map.of());
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(page.body().contains("openapi.json"));
        assertFalse(Pattern.compile("(src|href)=\"(https?:)?//").matcher(page.body()).find(), "no CDN or remote asset");
        assertTrue(page.body().contains("validatorUrl: null"), "Swagger UI must not fetch a validator badge");
        // Swagger UI's own files come from the jar, without a token like the page itself.
        var bundle = harness.send("GET", "/docs/ui/swagger-ui-bundle.js", null, Map.of());
        assertEquals(200, bundle.statusCode());
        assertTrue(bundle.body().length() > 100_000);
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyOperationHasASummaryACurlLineAndExampleAnswers() {
        var document = Harness.json(harness.send("GET", "/openapi.json", null, Map.of()));
        var paths = (Map<String, Map<String, Map<String, Object>>>) document.get("paths");
        paths.forEach((path, methods) -> methods.forEach((method, operation) -> {
            assertTrue(operation.get("summary") instanceof String, method + " " + path + " has a summary");
            assertTrue(String.valueOf(operation.get("description")).contains("```sh\ncurl -s"),
                    method + " " + path + " shows a curl line");
        }));
        var schemas = (Map<String, Map<String, Object>>) ((Map<String, Object>) document.get("components")).get("schemas");
        for (String schema : List.of("Activity", "ActivityList", "ActivityCreateRequest", "ErrorResponse",
                "IntegratedAccount", "IntegratedAccountList", "DryRun")) {
            assertTrue(schemas.get(schema).get("example") instanceof Map, schema + " has an example");
        }
        assertTrue(((String) ((Map<String, Object>) document.get("info")).get("description")).contains("## Idempotency"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> properties(String schema) {
        var parsed = Harness.json(harness.send("GET", "/openapi.json", null, Map.of()));
        var schemas = (Map<String, Object>) ((Map<String, Object>) parsed.get("components")).get("schemas");
        return (Map<String, Map<String, Object>>) ((Map<String, Object>) schemas.get(schema)).get("properties");
    }
}
