package dev.switchboard.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every shipped definition file loads; every kind of broken one stops the load, named. */
class CatalogDefinitionsTest {

    @TempDir
    Path dir;

    @Test
    void theBundledCatalogLoadsWithEveryOperation() {
        Catalog catalog = CatalogLoader.loadBundled();
        assertEquals(List.of("ashby", "greenhouse", "lever", "recruitee", "teamtailor", "workable"),
                catalog.integrationNames());
        for (String integration : catalog.integrationNames()) {
            assertTrue(catalog.operation(integration, "ats/activities", "list").isPresent(), integration);
            // Greenhouse alone cannot write, and its catalog says why.
            assertEquals(!integration.equals("greenhouse"),
                    catalog.operation(integration, "ats/activities", "create").isPresent(), integration);
        }
        assertTrue(catalog.integration("greenhouse").orElseThrow().unsupportedReason("ats/activities", "create")
                .orElseThrow().contains("write-endpoint-migration-guide"));
    }

    @Test
    void everyShippedFileIsUsed() throws Exception {
        Path root = TestCatalogs.bundled();
        // One copy, each file set aside outside it and put back after its load: copying the whole
        // catalog for each of its hundreds of files was most of this test's time.
        Path copy = copyCatalog();
        Path aside = dir.resolve("set-aside");
        try (Stream<Path> files = Files.walk(root)) {
            // Loading a copy with any one file removed must fail: no file is dead weight.
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                if (file.toString().endsWith("query.jsonata") || file.toString().endsWith("example_response.json")) {
                    continue; // optional by design; examples are checked below
                }
                Path removed = copy.resolve(root.relativize(file).toString());
                Files.move(removed, aside);
                try {
                    assertThrows(DefinitionException.class, () -> CatalogLoader.load(copy), file.toString());
                } finally {
                    Files.move(aside, removed);
                }
            }
        }
    }

    @Test
    void everyCreateHasARecordedExampleThatItsMappingFills() {
        Catalog catalog = CatalogLoader.loadBundled();
        for (String integration : catalog.integrationNames()) {
            var create = catalog.operation(integration, "ats/activities", "create");
            if (create.isEmpty()) {
                continue;
            }
            var fills = create.get().fills();
            assertTrue(fills.containsAll(List.of("id", "candidate", "activity_type", "body", "remote_data")),
                    integration + " fills " + fills);
            // Workable's answer carries no time, and none is invented.
            assertEquals(!integration.equals("workable"), fills.contains("created_at"), integration + " fills " + fills);
        }
        assertTrue(catalog.operation("recruitee", "ats/activities", "create").orElseThrow().fills().contains("updated_at"));
        assertTrue(!catalog.operation("ashby", "ats/activities", "create").orElseThrow().fills().contains("updated_at"));
    }

    @Test
    void aMappingThatGivesAFieldTheModelLacksIsRefused() throws Exception {
        Path copy = copyCatalog();
        edit(copy.resolve("integrations/lever/ats/activities/create/response.jsonata"), "\"activity_type\": \"note\",",
                "\"activity_type\": \"note\", \"activty\": 1,");
        assertFailure(copy, "catalog/integrations/lever/ats/activities/create/response.jsonata", "'activty'");
    }

    @Test
    void anUnknownKeyIsNamedWithItsFile() throws Exception {
        Path copy = copyCatalog();
        edit(copy.resolve("integrations/lever/integration.json"), "\"label\": \"Lever\"",
                "\"label\": \"Lever\", \"bse_url\": \"x\"");
        assertFailure(copy, "catalog/integrations/lever/integration.json", "unknown key 'bse_url'");
    }

    @Test
    void aNestedUnknownKeyIsNamedWithItsPath() throws Exception {
        Path copy = copyCatalog();
        edit(copy.resolve("integrations/ashby/integration.json"), "\"secret\": true", "\"secret\": true, \"secrte\": 1");
        assertFailure(copy, "catalog/integrations/ashby/integration.json", "unknown key 'secrte' at $.context.properties.api_key");
    }

    @Test
    void aBrokenExpressionIsNamedWithItsFile() throws Exception {
        Path copy = copyCatalog();
        Files.writeString(copy.resolve("integrations/recruitee/ats/activities/create/response.jsonata"),
                "{\"id\": response.note.id");
        assertFailure(copy, "catalog/integrations/recruitee/ats/activities/create/response.jsonata", "invalid JSONata");
    }

    @Test
    void aStrayMappingFileIsRefused() throws Exception {
        Path copy = copyCatalog();
        Files.writeString(copy.resolve("integrations/lever/ats/activities/create/respones.jsonata"), "{}");
        assertFailure(copy, "catalog/integrations/lever/ats/activities/create/respones.jsonata", "unknown file");
    }

    @Test
    void anUndeclaredResourceFolderIsRefused() throws Exception {
        Path copy = copyCatalog();
        Path folder = Files.createDirectories(copy.resolve("integrations/lever/ats/candidates/delete"));
        Files.writeString(folder.resolve("response.jsonata"), "{}");
        assertFailure(copy, "catalog/integrations/lever/ats/candidates/delete/response.jsonata", "not declared");
    }

    @Test
    void modelRulesMustNameFieldsTheMethodTakes() throws Exception {
        Path copy = copyCatalog();
        edit(copy.resolve("models/ats/activities.json"),
                "\"ashby\": {\"required\": [\"candidate_id\", \"body\"], \"supported\": [\"visibility\", \"created_at\"]}",
                "\"ashby\": {\"required\": [\"candidate_id\", \"body\"], \"supported\": [\"visiblity\"]}");
        assertFailure(copy, "catalog/models/ats/activities.json", "'visiblity'");
    }

    @Test
    void anIntegrationMayOnlyNarrowAnEnumToItsOwnValues() throws Exception {
        Path copy = copyCatalog();
        edit(copy.resolve("models/ats/activities.json"), "\"values\": {\"visibility\": [\"public\", \"private\"]}",
                "\"values\": {\"visibility\": [\"public\", \"team\"]}");
        assertFailure(copy, "catalog/models/ats/activities.json", "not all values of its enum");
    }

    @Test
    void aProxyListMustSayWhereItsItemsAre() throws Exception {
        Path copy = copyCatalog();
        edit(copy.resolve("integrations/lever/integration.json"), "\"results\": \"data\",", "");
        assertFailure(copy, "catalog/integrations/lever/integration.json", "a proxy list needs 'results'");
    }

    @Test
    void aProxyPathCannotClimbOutOfTheBaseUrl() throws Exception {
        Path copy = copyCatalog();
        edit(copy.resolve("integrations/recruitee/integration.json"),
                "\"list\": {\"method\": \"GET\", \"path\": \"/c/{company_id}", "\"list\": {\"method\": \"GET\", \"path\": \"/../c/{company_id}");
        assertFailure(copy, "catalog/integrations/recruitee/integration.json", "stay below the base URL");
    }

    @Test
    void aModelListingAnIntegrationWithoutTheMethodIsRefused() throws Exception {
        Path copy = copyCatalog();
        edit(copy.resolve("models/ats/activities.json"), "\"recruitee\":", "\"smartrecruiters\": {\"required\": []}, \"recruitee\":");
        assertFailure(copy, "catalog/models/ats/activities.json", "'smartrecruiters'");
    }

    @Test
    void aBadAuthSchemeIsRefused() throws Exception {
        Path copy = copyCatalog();
        edit(copy.resolve("integrations/recruitee/integration.json"), "\"scheme\": \"bearer\"", "\"scheme\": \"digest\"");
        assertFailure(copy, "catalog/integrations/recruitee/integration.json", "auth scheme must be");
    }

    @Test
    void aFolderNameMustMatchTheIntegrationName() throws Exception {
        Path copy = copyCatalog();
        edit(copy.resolve("integrations/ashby/integration.json"), "\"name\": \"ashby\"", "\"name\": \"ashbyhq\"");
        assertFailure(copy, "catalog/integrations/ashby/integration.json", "differs from its folder");
    }

    @Test
    void anUnknownPaginationFormatIsRefused() throws Exception {
        Path copy = copyCatalog();
        edit(copy.resolve("integrations/workable/integration.json"), "\"format\": \"next_url\"", "\"format\": \"link\"");
        assertFailure(copy, "catalog/integrations/workable/integration.json", "pagination format must be one of");
    }

    @Test
    void pageNumbersNeedTheirParameter() throws Exception {
        Path copy = copyCatalog();
        edit(copy.resolve("integrations/teamtailor/integration.json"), ", \"page_parameter\": \"page[number]\"", "");
        assertFailure(copy, "catalog/integrations/teamtailor/integration.json", "needs 'page_parameter'");
    }

    @Test
    void aFollowedNextPageMustBeAGet() throws Exception {
        Path copy = copyCatalog();
        edit(copy.resolve("integrations/ashby/integration.json"), "\"path\": \"/candidate.listNotes\"}",
                "\"path\": \"/candidate.listNotes\", \"pagination\": {\"format\": \"link_header\"}}");
        assertFailure(copy, "catalog/integrations/ashby/integration.json", "must be a GET");
    }

    @Test
    void aHostPlaceholderMustBeAConstrainedContextKey() throws Exception {
        Path copy = copyCatalog();
        edit(copy.resolve("integrations/workable/integration.json"),
                "\"pattern\": \"[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\", ", "");
        assertFailure(copy, "catalog/integrations/workable/integration.json", "placeholder {subdomain} must name a string");
    }

    @Test
    void regionsMustMatchTheirContextEnum() throws Exception {
        Path copy = copyCatalog();
        edit(copy.resolve("integrations/teamtailor/integration.json"), "\"enum\": [\"eu\", \"na\"]", "\"enum\": [\"eu\"]");
        assertFailure(copy, "catalog/integrations/teamtailor/integration.json", "whose enum lists exactly the regions");
    }

    @Test
    void clientCredentialsNameTheAccountsOwnClient() throws Exception {
        Path copy = copyCatalog();
        edit(copy.resolve("integrations/greenhouse/integration.json"), "\"client_secret_key\": \"client_secret\",", "");
        assertFailure(copy, "catalog/integrations/greenhouse/integration.json", "needs 'client_id_key' and 'client_secret_key'");
        Path other = copyCatalog();
        edit(other.resolve("integrations/greenhouse/integration.json"), "\"token_parameters\": {\"sub\": \"sub\"}",
                "\"token_parameters\": {\"sub\": \"user\"}");
        assertFailure(other, "catalog/integrations/greenhouse/integration.json", "context key 'user'");
    }

    @Test
    void aRateLimitIsARateOrAWindowNotBoth() throws Exception {
        Path copy = copyCatalog();
        edit(copy.resolve("integrations/workable/integration.json"), "\"rate_limit\": {\"requests\": 10,",
                "\"rate_limit\": {\"burst\": 3, \"requests\": 10,");
        assertFailure(copy, "catalog/integrations/workable/integration.json", "either requests_per_second and burst");
        // 10 per 10 s: 5 at once and one every 2 s, so never more than 10 in any 10 s.
        assertEquals(new RateLimit(0.5, 5), RateLimit.window(10, 10));
    }

    @Test
    void anActingUserIsSentInTheQueryOrTheBody() throws Exception {
        Path copy = copyCatalog();
        edit(copy.resolve("integrations/workable/integration.json"), "\"sent_in\": \"body\"", "\"sent_in\": \"header\"");
        assertFailure(copy, "catalog/integrations/workable/integration.json", "acting_user.sent_in must be one of");
    }

    @Test
    void aHeaderAuthNamesItsHeader() throws Exception {
        Path copy = copyCatalog();
        edit(copy.resolve("integrations/teamtailor/integration.json"), "\"header\": \"Authorization\", ", "");
        assertFailure(copy, "catalog/integrations/teamtailor/integration.json", "auth scheme 'header' needs 'header'");
    }

    @Test
    void everyBrokenIntegrationIsNamedInOneRun() throws Exception {
        Path copy = copyCatalog();
        edit(copy.resolve("integrations/lever/integration.json"), "\"label\": \"Lever\"", "\"label\": \"Lever\", \"x\": 1");
        edit(copy.resolve("integrations/teamtailor/integration.json"), "\"body_format\": \"json_api\"",
                "\"body_format\": \"xml\"");
        var failure = assertThrows(DefinitionException.class, () -> CatalogLoader.load(copy));
        assertTrue(failure.getMessage().contains("lever/integration.json: unknown key 'x'"), failure.getMessage());
        assertTrue(failure.getMessage().contains("teamtailor/integration.json: body_format must be"), failure.getMessage());
    }

    /** @param file as it sits in the catalog, {@code catalog/...}: named under the folder the loader was given */
    private static void assertFailure(Path catalog, String file, String problem) {
        var failure = assertThrows(DefinitionException.class, () -> CatalogLoader.load(catalog));
        assertTrue(failure.getMessage().startsWith(catalog + file.substring("catalog".length()) + ": "),
                failure.getMessage());
        assertTrue(failure.getMessage().contains(problem), failure.getMessage());
    }

    private static void edit(Path file, String from, String to) throws IOException {
        String text = Files.readString(file);
        assertTrue(text.contains(from), "fixture text not found in " + file);
        Files.writeString(file, text.replace(from, to));
    }

    private Path copyCatalog() throws Exception {
        return TestCatalogs.copyInto(dir);
    }
}
