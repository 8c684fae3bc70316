package dev.switchboard.clients;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.switchboard.Harness;
import dev.switchboard.faults.ForwardToSandbox;
import dev.switchboard.sandbox.LeverSimulator;
import dev.switchboard.sandbox.Sandbox;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What Truto's SDKs call for integrated accounts and activities works unchanged against Switchboard. */
class TrutoSdkClientTest {

    static final ForwardToSandbox FORWARD = new ForwardToSandbox();

    @RegisterExtension
    static WireMockExtension lever = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().extensions(FORWARD)).build();

    static Sandbox sandbox;
    static Harness harness;
    static TrutoStyleClient sdk;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start();
        FORWARD.target(sandbox.leverUrl().replace("/v1", ""));
        // What the SDK calls is the subject here, not the providers' rate limits.
        harness = Harness.start(Harness.sandboxConfigWithoutRateLimits(sandbox)
                .withRemoteTimeouts(Duration.ofMillis(500), Duration.ofSeconds(2)));
        sdk = new TrutoStyleClient(harness.baseUrl(), Harness.TOKEN);
    }

    @AfterAll
    static void stop() {
        harness.close();
        sandbox.close();
    }

    @Test
    void integratedAccountsTheWayTheSdkManagesThem() {
        String tenant = "tenant-" + UUID.randomUUID();
        for (int i = 0; i < 5; i++) {
            // Truto's shape names the integration as an object; the plain name is taken too.
            Object integration = i % 2 == 0 ? "lever" : Map.of("name", "lever");
            var created = sdk.create("integrated-account", Map.of("integration", integration, "tenant_id", tenant,
                    "context", Map.of("api_key", LeverSimulator.API_KEY, "base_url", sandbox.leverUrl())), Map.of());
            assertEquals(201, created.status(), created.toString());
            assertEquals(Map.of("name", "lever", "label", "Lever"), created.body().get("integration"));
        }
        var all = sdk.all("integrated-account", Map.of("tenant_id", tenant, "limit", 2));
        assertEquals(5, all.size(), "three pages of two, first asked with next_cursor=");
        String id = (String) all.get(0).get("id");

        var got = sdk.get("integrated-account", id, Map.of());
        assertEquals(200, got.status());
        assertEquals("********", ((Map<?, ?>) got.body().get("context")).get("api_key"));
        var updated = sdk.update("integrated-account", id, Map.of("context", Map.of("api_key", LeverSimulator.API_KEY)));
        assertEquals(200, updated.status(), updated.toString());
        var deleted = sdk.delete("integrated-account", id);
        assertEquals(200, deleted.status());
        assertEquals(Map.of("id", id), deleted.body(), "the SDK reads {id} from a delete");
        assertEquals(404, sdk.get("integrated-account", id, Map.of()).status());
    }

    @Test
    void activitiesTheWayTheUnifiedApiCallsThem() {
        String account = leverAccount();
        String candidate = UUID.randomUUID().toString();
        sandbox.lever().addCandidate(candidate);
        var created = sdk.create("unified/ats/activities", Map.of("candidate_id", candidate, "body", "Via the SDK",
                "visibility", "private"), Map.of("integrated_account_id", account,
                "truto_exclude_fields", List.of("remote_data", "updated_at"),
                "remote_query", Map.of("perform_as", LeverSimulator.OTHER_USER)));
        assertEquals(201, created.status(), created.toString());
        assertFalse(created.body().containsKey("remote_data"));
        assertEquals(Map.of("id", LeverSimulator.OTHER_USER, "type", "user"), created.body().get("actor"));

        for (int i = 0; i < 4; i++) {
            assertEquals(201, sdk.create("unified/ats/activities", Map.of("candidate_id", candidate, "body", "n" + i),
                    Map.of("integrated_account_id", account)).status());
        }
        var listed = sdk.all("unified/ats/activities", Map.of("integrated_account_id", account,
                "candidate_id", candidate, "limit", 2));
        assertEquals(5, listed.size());
        assertTrue(listed.stream().anyMatch(item -> item.get("id").equals(created.body().get("id"))));
        assertEquals("Via the SDK", sdk.get("unified/ats/activities", (String) created.body().get("id"),
                Map.of("integrated_account_id", account, "candidate_id", candidate)).body().get("body"));
    }

    @Test
    void coreResourcesTheWayTheUnifiedApiCallsThemOnEveryIntegration() {
        var catalog = harness.server().catalog();
        harness.demoAccounts(sandbox).forEach((integration, account) -> {
            var query = Map.<String, Object>of("integrated_account_id", account, "limit", 7);
            // unifiedApi.list({category: 'ats', resource: 'candidates', ...}).toArray(): the Cursor pager.
            var candidates = sdk.all("unified/ats/candidates", query);
            assertEquals(candidates.size(), candidates.stream().map(item -> item.get("id")).distinct().count(),
                    integration + ": every candidate once");
            assertTrue(candidates.size() > 100, integration + ": every page followed, " + candidates.size());
            String first = (String) candidates.get(0).get("id");
            var got = sdk.get("unified/ats/candidates", first, Map.of("integrated_account_id", account));
            assertEquals(200, got.status(), integration + ": " + got);
            assertEquals(first, got.body().get("id"));
            assertFalse(sdk.all("unified/ats/users", query).isEmpty(), integration + ": users");
            assertFalse(sdk.all("unified/ats/jobs", query).isEmpty(), integration + ": jobs");
            boolean creates = catalog.operation(integration, "ats/candidates", "create")
                    .filter(op -> java.util.Set.of("first_name", "last_name", "emails").containsAll(op.rules().required()))
                    // No acting user is named here: a provider that needs one (Lever's perform_as) refuses.
                    .filter(op -> op.endpoint().actingUserRule().map(rule -> !rule.required() || rule.contextKey() != null)
                            .orElse(true))
                    .isPresent();
            var created = sdk.create("unified/ats/candidates", Map.of("first_name", "Sdk", "last_name", "Client",
                    "emails", List.of(Map.of("email", "sdk-" + UUID.randomUUID() + "@example.com"))),
                    Map.of("integrated_account_id", account));
            assertEquals(creates ? 201 : 400, created.status(), integration + ": " + created);
        });
    }

    /**
     * Truto's SDK lists each lookup with its Cursor pager and moves and rejects applications with
     * its customMethod call: on every integration that offers them, and refused with a 400 that
     * says why on the others.
     */
    @Test
    @SuppressWarnings("unchecked")
    void lookupsAndApplicationActionsTheWayTheSdkCallsThem() {
        var catalog = harness.server().catalog();
        harness.demoAccounts(sandbox).forEach((integration, account) -> {
            var query = Map.<String, Object>of("integrated_account_id", account, "limit", 2);
            for (String lookup : List.of("departments", "offices", "tags", "reject_reasons")) {
                if (catalog.operation(integration, "ats/" + lookup, "list").isPresent()) {
                    var items = sdk.all("unified/ats/" + lookup, query);
                    assertFalse(items.isEmpty(), integration + ": " + lookup);
                    assertEquals(items.size(), items.stream().map(item -> item.get("id")).distinct().count(),
                            integration + ": every " + lookup + " item once");
                } else {
                    var refused = sdk.list("unified/ats/" + lookup, query);
                    assertEquals(400, refused.status(), integration + ": " + lookup + " " + refused);
                }
            }
            var move = catalog.operation(integration, "ats/applications", "move-stage");
            if (move.isEmpty()) {
                var refused = sdk.customMethod("move-stage", Map.of("application_id", "1", "stage_id", "2"),
                        "ats", "applications", Map.of("integrated_account_id", account));
                assertEquals(400, refused.status(), integration + ": " + refused);
                return;
            }
            // An open application: the walk candidate's where applications are listed by candidate, else any.
            var listsByCandidate = catalog.operation(integration, "ats/applications", "list").orElseThrow()
                    .rules().sends("candidate_id");
            var application = sdk.all("unified/ats/applications", listsByCandidate
                    ? Map.of("integrated_account_id", account, "candidate_id",
                            dev.switchboard.sandbox.DemoAccounts.candidateOf(integration))
                    : Map.of("integrated_account_id", account, "limit", 50)).stream()
                    .filter(one -> one.get("rejected_at") == null).findFirst()
                    .orElseThrow(() -> new AssertionError(integration + ": an open application"));
            String candidate = (String) ((Map<String, Object>) application.get("candidate")).get("id");
            String job = (String) ((Map<String, Object>) application.get("job")).get("id");
            var stagesQuery = new java.util.HashMap<String, Object>(query);
            if (catalog.operation(integration, "ats/job_interview_stages", "list").orElseThrow().rules().sends("job_id")) {
                stagesQuery.put("job_id", job);
            }
            Object current = application.get("current_stage") instanceof Map<?, ?> stage ? stage.get("id") : null;
            String target = (String) sdk.all("unified/ats/job_interview_stages", stagesQuery).stream()
                    .map(stage -> stage.get("id")).filter(id -> !id.equals(current)).findFirst().orElseThrow();
            var body = new java.util.HashMap<String, Object>(Map.of("application_id", application.get("id"),
                    "stage_id", target, "candidate_id", candidate));
            var users = sdk.all("unified/ats/users", query);
            body.put("user_id", users.get(0).get("id"));
            var remote = move.get().endpoint().actingUserRule()
                    .map(rule -> Map.<String, Object>of(rule.parameter(), users.get(0).get("id"))).orElse(Map.of());
            var moved = sdk.customMethod("move-stage", body, "ats", "applications",
                    Map.of("integrated_account_id", account, "remote_query", remote));
            assertEquals(200, moved.status(), integration + ": " + moved);
            assertEquals(target, ((Map<String, Object>) moved.body().get("current_stage")).get("id"), integration);
            boolean readUnderCandidate = catalog.operation(integration, "ats/applications", "get").orElseThrow()
                    .rules().sends("candidate_id");
            var read = sdk.get("unified/ats/applications", (String) application.get("id"), readUnderCandidate
                    ? Map.of("integrated_account_id", account, "candidate_id", candidate)
                    : Map.of("integrated_account_id", account));
            assertEquals(200, read.status(), integration + ": " + read);
            assertEquals(target, ((Map<String, Object>) read.body().get("current_stage")).get("id"),
                    integration + ": a get shows the move " + read);

            // A reject that needs more than Truto's fields (Ashby's Archived stage) is the caller's to complete.
            if (catalog.operation(integration, "ats/applications", "reject").filter(reject -> java.util.Set.of(
                    "application_id", "reject_reason_id", "candidate_id", "user_id")
                    .containsAll(reject.rules().required())).isPresent()) {
                String reason = (String) sdk.all("unified/ats/reject_reasons", query).get(0).get("id");
                var rejectBody = new java.util.HashMap<String, Object>(Map.of("application_id", application.get("id"),
                        "reject_reason_id", reason, "candidate_id", candidate, "user_id", users.get(0).get("id")));
                var rejected = sdk.customMethod("reject", rejectBody, "ats", "applications",
                        Map.of("integrated_account_id", account, "remote_query", remote));
                assertEquals(200, rejected.status(), integration + ": " + rejected);
                assertEquals(reason, ((Map<String, Object>) rejected.body().get("reject_reason")).get("id"), integration);
            }
        });
    }

    @Test
    void metaTheWayTheSdkAsksForIt() {
        var meta = sdk.meta("ats", "activities", "create", Map.of("integrated_account_id", leverAccount()));
        assertEquals(200, meta.status(), meta.toString());
        assertEquals("create", meta.body().get("method"));
        assertEquals(List.of("candidate_id", "body"), ((Map<?, ?>) meta.body().get("request_body_schema")).get("required"));
        assertTrue(meta.body().get("query_schema") instanceof Map);
        assertTrue(((Map<?, ?>) ((Map<?, ?>) meta.body().get("response_schema")).get("properties")).containsKey("id"));
        assertEquals(List.of(), meta.body().get("ignored_fields"));
        assertEquals(200, sdk.meta("ats", "activities", "list", Map.of("integrated_account_id", leverAccount())).status());
    }

    @Test
    void anSdkRetryAfterAnUnknownOutcomeFindsTheNoteInsteadOfWritingASecond() {
        String candidate = candidateBehindFaultyLever();
        String notes = "/v1/opportunities/" + candidate + "/notes";
        // Lever writes the note but answers 500; the first search for it fails too, so the
        // first answer is a 502 with an unknown outcome, and the SDK sends the POST again.
        lever.stubFor(post(notes).atPriority(1).willReturn(aResponse().withTransformers(ForwardToSandbox.NAME)
                .withStatus(500).withBody("{\"code\": \"InternalServerError\"}")));
        lever.stubFor(get(urlPathMatching(notes)).atPriority(1).inScenario("search").whenScenarioStateIs(STARTED)
                .willSetStateTo("up").willReturn(aResponse().withStatus(503).withBody("{\"code\": \"Unavailable\"}")));
        String account = harness.account("lever", Map.of("api_key", LeverSimulator.API_KEY,
                "base_url", lever.baseUrl() + "/v1"));
        sdk.statuses.clear();

        var answer = sdk.create("unified/ats/activities", Map.of("candidate_id", candidate, "body", "Retried by the SDK"),
                Map.of("integrated_account_id", account));

        assertEquals(List.of(502, 201), sdk.statuses, "the retry was answered from the first attempt's note");
        assertEquals("Retried by the SDK", answer.body().get("body"));
        assertEquals(1, sandbox.lever().notesOf(candidate).size(), "one note, not two");
        lever.verify(1, postRequestedFor(urlPathMatching(notes)));
    }

    @Test
    void aRetryThatArrivesWhileTheFirstIsStillRunningGetsItsNote() throws Exception {
        String candidate = candidateBehindFaultyLever();
        String notes = "/v1/opportunities/" + candidate + "/notes";
        // A slow Lever: the client gives up waiting and sends the same create again meanwhile.
        lever.stubFor(post(notes).atPriority(1).willReturn(aResponse().withTransformers(ForwardToSandbox.NAME)
                .withFixedDelay(1_200)));
        String account = harness.account("lever", Map.of("api_key", LeverSimulator.API_KEY,
                "base_url", lever.baseUrl() + "/v1"));
        String body = "{\"candidate_id\": \"" + candidate + "\", \"body\": \"Sent twice\"}";
        var first = CompletableFuture.supplyAsync(() ->
                harness.post(Harness.activities(account, ""), body));
        Thread.sleep(300);
        var second = harness.post(Harness.activities(account, ""), body);

        assertEquals(201, first.get().statusCode(), first.get().body());
        assertEquals(201, second.statusCode(), second.body());
        assertEquals(Harness.json(first.get()).get("id"), Harness.json(second).get("id"));
        assertEquals("true", second.headers().firstValue("idempotent-replayed").orElse(""));
        assertEquals(1, sandbox.lever().notesOf(candidate).size(), "one note, not two");
        lever.verify(1, postRequestedFor(urlPathMatching(notes)));
    }

    @Test
    void proxyListAndGetOnCatalogResourcesTheWayTheSdkPagesThem() {
        String account = leverAccount();
        String candidate = UUID.randomUUID().toString();
        sandbox.lever().addCandidate(candidate);
        for (int i = 0; i < 5; i++) {
            var written = sdk.create("proxy/notes", Map.of("value", "proxied " + i),
                    Map.of("integrated_account_id", account, "opportunity_id", candidate));
            assertEquals(201, written.status(), written.toString());
        }
        // Lever's own notes, its own shape, paged by its own token through next_cursor.
        var notes = sdk.all("proxy/notes", Map.of("integrated_account_id", account, "opportunity_id", candidate,
                "limit", 2));
        assertEquals(5, notes.size());
        String id = (String) notes.get(0).get("id");
        var one = sdk.get("proxy/notes", id, Map.of("integrated_account_id", account, "opportunity_id", candidate));
        assertEquals(200, one.status());
        assertEquals(id, one.body().get("id"));
        assertTrue(one.body().get("fields") instanceof List, "Lever's note as Lever gives it");
        assertEquals(200, sdk.delete("proxy/notes", id, Map.of("integrated_account_id", account,
                "opportunity_id", candidate)).status());
        assertTrue(sdk.all("proxy/notes", Map.of("integrated_account_id", account, "opportunity_id", candidate))
                .stream().anyMatch(note -> note.get("id").equals(id) && note.get("deletedAt") instanceof Number),
                "the proxy shows Lever's own list, deleted notes and all");

        String ashby = harness.account("ashby", Map.of("api_key", dev.switchboard.sandbox.AshbySimulator.API_KEY,
                "base_url", sandbox.ashbyUrl()));
        var ashbyNotes = sdk.all("proxy/candidate.listNotes", Map.of("integrated_account_id", ashby,
                "candidateId", dev.switchboard.sandbox.AshbySimulator.CANDIDATE_ID));
        assertTrue(ashbyNotes.stream().allMatch(note -> note.containsKey("content")), ashbyNotes.toString());

        String recruitee = harness.account("recruitee", Map.of("api_token",
                dev.switchboard.sandbox.RecruiteeSimulator.API_TOKEN, "company_id",
                dev.switchboard.sandbox.RecruiteeSimulator.COMPANY_ID, "base_url", sandbox.recruiteeUrl()));
        var listed = sdk.list("proxy/notes", Map.of("integrated_account_id", recruitee,
                "candidate_id", dev.switchboard.sandbox.RecruiteeSimulator.CANDIDATE_ID));
        assertEquals(200, listed.status(), "company_id comes from the account: " + listed);
    }

    @Test
    void onlyCatalogResourcesCanBeCalledThroughTheProxy() {
        String account = leverAccount();
        var unknown = sdk.list("proxy/interviews", Map.of("integrated_account_id", account));
        assertEquals(404, unknown.status());
        assertTrue(unknown.body().get("message").toString().contains("notes"), unknown.toString());
        var noPath = sdk.list("proxy/notes", Map.of("integrated_account_id", account));
        assertEquals(400, noPath.status());
        assertEquals(Map.of("missing_required_query_fields", List.of("opportunity_id")),
                noPath.body().get("truto_error_insight"));
        int dots = sdk.list("proxy/%2E%2E", Map.of("integrated_account_id", account)).status();
        assertTrue(dots == 400 || dots == 404, "no resource is named '..': " + dots);
        // A path value is one segment: one with a slash is refused, not sent on encoded.
        var escape = sdk.list("proxy/notes", Map.of("integrated_account_id", account,
                "opportunity_id", "../../users"));
        assertEquals(400, escape.status(), escape.toString());
        assertTrue(escape.body().get("message").toString().contains("'opportunity_id' must be one path segment"),
                escape.toString());
    }

    @Test
    void theAccountsOwnPathValuesAreNotTheQuerysToChange() {
        String recruitee = harness.account("recruitee", Map.of("api_token",
                dev.switchboard.sandbox.RecruiteeSimulator.API_TOKEN, "company_id",
                dev.switchboard.sandbox.RecruiteeSimulator.COMPANY_ID, "base_url", sandbox.recruiteeUrl()));
        var other = sdk.list("proxy/notes", Map.of("integrated_account_id", recruitee, "company_id", "99999",
                "candidate_id", dev.switchboard.sandbox.RecruiteeSimulator.CANDIDATE_ID));
        assertEquals(400, other.status(), other.toString());
        assertTrue(other.body().get("message").toString().contains("'company_id' comes from the integrated account"),
                other.toString());
        var same = sdk.list("proxy/notes", Map.of("integrated_account_id", recruitee, "company_id",
                dev.switchboard.sandbox.RecruiteeSimulator.COMPANY_ID,
                "candidate_id", dev.switchboard.sandbox.RecruiteeSimulator.CANDIDATE_ID));
        assertEquals(200, same.status(), "the account's own value, repeated, is no change: " + same);
    }

    /** A new opportunity at the simulated Lever, reached through WireMock, which passes everything on. */
    private static String candidateBehindFaultyLever() {
        String candidate = UUID.randomUUID().toString();
        sandbox.lever().addCandidate(candidate);
        lever.resetAll();
        lever.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().withTransformers(ForwardToSandbox.NAME)));
        return candidate;
    }

    private static String leverAccount() {
        return harness.account("lever", Map.of("api_key", LeverSimulator.API_KEY, "base_url", sandbox.leverUrl()));
    }
}
