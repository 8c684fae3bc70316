package dev.switchboard.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.Harness;
import dev.switchboard.generated.ApiClient;
import dev.switchboard.generated.ApiException;
import dev.switchboard.generated.api.ActivitiesApi;
import dev.switchboard.generated.api.ApplicationsApi;
import dev.switchboard.generated.api.AttachmentsApi;
import dev.switchboard.generated.api.CandidatesApi;
import dev.switchboard.generated.api.IntegratedAccountsApi;
import dev.switchboard.generated.api.JobInterviewStagesApi;
import dev.switchboard.generated.api.JobsApi;
import dev.switchboard.generated.api.RejectReasonsApi;
import dev.switchboard.generated.api.UsersApi;
import dev.switchboard.generated.model.Activity;
import dev.switchboard.generated.model.ActivityCreateRequest;
import dev.switchboard.generated.model.ApplicationMoveStageRequest;
import dev.switchboard.generated.model.ApplicationRejectRequest;
import dev.switchboard.generated.model.CandidateCreateRequest;
import dev.switchboard.generated.model.EmailAddress;
import dev.switchboard.generated.model.IntegratedAccountCreate;
import dev.switchboard.sandbox.LeverSimulator;
import dev.switchboard.sandbox.Sandbox;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A Java client that OpenAPI Generator (openapi-generator-maven-plugin, java/native) made at
 * build time from the document {@code switchboard openapi} writes, used as a customer would:
 * it connects an account, writes a note through the simulated Lever, reads it back.
 */
class GeneratedClientTest {

    static Sandbox sandbox;
    static Harness harness;
    static ApiClient client;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start();
        harness = Harness.start();
        URI base = URI.create(harness.baseUrl());
        client = new ApiClient().setScheme(base.getScheme()).setHost(base.getHost()).setPort(base.getPort())
                .setRequestInterceptor(request -> request.header("Authorization", "Bearer " + Harness.TOKEN));
    }

    @AfterAll
    static void stop() {
        harness.close();
        sandbox.close();
    }

    @Test
    void theClientWasGeneratedFromTheDocumentTheServerServes() throws Exception {
        String built = Files.readString(Path.of("target/openapi/openapi.json"));
        var served = harness.send("GET", "/openapi.json", null, Map.of()).body();
        assertEquals(Harness.json(harness.send("GET", "/openapi.json", null, Map.of())),
                dev.switchboard.mapping.Json.asObject(dev.switchboard.mapping.Json.parse(built.getBytes())).orElseThrow(),
                "the build-time document is the one the server serves: " + served.length());
    }

    @Test
    void aGeneratedClientListsAndGetsEveryCoreResourceAndCreatesACandidate() throws Exception {
        var account = new IntegratedAccountsApi(client).createIntegratedAccount(new IntegratedAccountCreate()
                .integration(IntegratedAccountCreate.IntegrationEnum.LEVER).tenantId("generated-client-core")
                .context(Map.of("api_key", LeverSimulator.API_KEY, "base_url", sandbox.leverUrl())), null).getId();
        var candidates = new CandidatesApi(client);
        var ids = new java.util.ArrayList<String>();
        String cursor = null;
        do {
            var page = candidates.listCandidates(account, null, 7, cursor, null, null, null, null);
            page.getResult().forEach(candidate -> ids.add(candidate.getId()));
            cursor = page.getNextCursor();
        } while (cursor != null);
        assertEquals(ids.size(), new java.util.HashSet<>(ids).size(), "every candidate once");
        assertEquals(ids.get(0), candidates.getCandidate(ids.get(0), account, null, null, null, null).getId());

        var applications = new ApplicationsApi(client).listApplications(account, ids.get(0), null, null, null, null,
                null, null).getResult();
        assertTrue(!applications.isEmpty() && applications.stream().allMatch(app -> app.getJob().getId() != null));
        var jobs = new JobsApi(client);
        String job = jobs.listJobs(account, null, null, null, null, null).getResult().get(0).getId();
        assertEquals(job, jobs.getJob(job, account, null, null, null).getId());
        var users = new UsersApi(client);
        String user = users.listUsers(account, null, null, null, null, null).getResult().get(0).getId();
        assertEquals(user, users.getUser(user, account, null, null, null).getId());

        var created = candidates.createCandidate(account, new CandidateCreateRequest().firstName("Ada").lastName("Java")
                .emails(List.of(new EmailAddress().email("ada.java@example.com"))), null, null, null, user,
                java.util.UUID.randomUUID().toString());
        assertNotNull(created.getId());
        assertEquals("ada.java@example.com", created.getEmails().get(0).getEmail());
    }

    @Test
    void aGeneratedClientMovesAndRejectsAnApplicationAndDownloadsACandidatesFile() throws Exception {
        var account = new IntegratedAccountsApi(client).createIntegratedAccount(new IntegratedAccountCreate()
                .integration(IntegratedAccountCreate.IntegrationEnum.LEVER).tenantId("generated-client-hiring")
                .context(Map.of("api_key", LeverSimulator.API_KEY, "base_url", sandbox.leverUrl())), null).getId();
        String candidate = LeverSimulator.OPPORTUNITY_ID;
        var applications = new ApplicationsApi(client);
        String application = applications.listApplications(account, candidate, null, null, null, null, null, null)
                .getResult().get(0).getId();
        String user = new UsersApi(client).listUsers(account, null, null, null, null, null).getResult().get(0).getId();
        // Lever's stages are the account's, not a job's: listed without a job.
        var stages = new JobInterviewStagesApi(client).listJobInterviewStages(account, null, 100, null, null, null, null)
                .getResult();
        String target = stages.get(stages.size() - 1).getId();
        var moved = applications.moveStageApplication(account, new ApplicationMoveStageRequest().applicationId(application)
                .stageId(target).candidateId(candidate).userId(user), null, null, null, java.util.UUID.randomUUID().toString());
        assertEquals(target, moved.getCurrentStage().getId());

        String reason = new RejectReasonsApi(client).listRejectReasons(account, null, null, null, null, null).getResult()
                .get(0).getId();
        var rejected = applications.rejectApplication(account, new ApplicationRejectRequest().applicationId(application)
                .rejectReasonId(reason).candidateId(candidate).userId(user), null, null, null, null);
        assertEquals(reason, rejected.getRejectReason().getId());

        var attachments = new AttachmentsApi(client);
        var files = attachments.listAttachments(account, candidate, null, null, null, null, null, null, null, null)
                .getResult();
        var pdf = files.stream().filter(file -> file.getFileName().endsWith(".pdf")).findFirst().orElseThrow();
        var downloaded = attachments.downloadAttachment(account, pdf.getFileUrl());
        byte[] bytes = Files.readAllBytes(downloaded.toPath());
        assertEquals("%PDF", new String(bytes, 0, 4, java.nio.charset.StandardCharsets.US_ASCII), "the PDF's bytes");
    }

    @Test
    void aGeneratedClientConnectsAnAccountWritesANoteAndReadsItBack() throws Exception {
        var accounts = new IntegratedAccountsApi(client);
        var account = accounts.createIntegratedAccount(new IntegratedAccountCreate()
                .integration(IntegratedAccountCreate.IntegrationEnum.LEVER).tenantId("generated-client")
                .context(Map.of("api_key", LeverSimulator.API_KEY, "base_url", sandbox.leverUrl())), null);
        assertEquals("lever", account.getIntegration().getName().getValue());

        var activities = new ActivitiesApi(client);
        Activity created = activities.createActivity(account.getId(), new ActivityCreateRequest()
                        .candidateId(LeverSimulator.OPPORTUNITY_ID).body("From a generated client")
                        .visibility(ActivityCreateRequest.VisibilityEnum.PRIVATE)
                        .createdAt(OffsetDateTime.parse("2026-01-15T09:30:00Z")),
                null, null, null, LeverSimulator.OTHER_USER, null, null, null);
        assertNotNull(created.getId());
        assertEquals("From a generated client", created.getBody());
        assertEquals(Activity.VisibilityEnum.PRIVATE, created.getVisibility());
        assertEquals(LeverSimulator.OTHER_USER, created.getActor().getId(), "remote_query[perform_as] reached Lever");
        assertEquals(OffsetDateTime.parse("2026-01-15T09:30:00Z").toInstant(), created.getCreatedAt().toInstant());

        var page = activities.listActivities(account.getId(), LeverSimulator.OPPORTUNITY_ID, 10, null, null, null,
                null, null, null, null);
        assertTrue(page.getResult().stream().anyMatch(item -> item.getId().equals(created.getId())));
        assertNull(page.getNextCursor());
        assertEquals(created.getBody(), activities.getActivity(created.getId(), account.getId(),
                LeverSimulator.OPPORTUNITY_ID, null, null, null, null, null, null).getBody());

        var dryRun = activities.dryRunCreateActivity(account.getId(), new ActivityCreateRequest()
                .candidateId(LeverSimulator.OPPORTUNITY_ID).body("not sent"), null, null, null);
        assertEquals("POST", dryRun.getRequest().getMethod());

        var refused = assertThrows(ApiException.class, () -> activities.createActivity(account.getId(),
                new ActivityCreateRequest().candidateId(LeverSimulator.OPPORTUNITY_ID), null, null, null, null, null,
                null, null));
        assertEquals(400, refused.getCode());
        assertTrue(refused.getResponseBody().contains("missing_required_body_fields"), refused.getResponseBody());

        assertEquals(account.getId(), accounts.deleteIntegratedAccount(account.getId()).getId());
        assertEquals(List.of(), accounts.listIntegratedAccounts("generated-client", null, "").getResult());
    }
}
