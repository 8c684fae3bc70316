package dev.switchboard.integrations;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.Harness;
import dev.switchboard.mapping.Json;
import dev.switchboard.sandbox.Sandbox;
import dev.switchboard.sandbox.WorkableSimulator;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Workable's resumes through the unified attachments: listed from the candidate's signed
 * {@code resume_url}, downloaded from the storage host without credentials and streamed, a
 * resume sent with a candidate's create, and the upload Workable does not have.
 */
class WorkableAttachmentsTest {

    static Sandbox sandbox;
    static Harness harness;
    static String account;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start();
        harness = Harness.start();
        account = harness.demoAccounts(sandbox).get("workable");
    }

    @AfterAll
    static void stop() {
        harness.close();
        sandbox.close();
    }

    @Test
    void aResumePdfIsListedAndDownloadsWithItsTypeLengthAndName() throws Exception {
        String candidate = WorkableSimulator.CANDIDATE_ID;
        var listed = attachments(candidate);
        assertEquals(1, listed.size(), listed.toString());
        var resume = listed.get(0);
        assertEquals("resume.pdf", resume.get("file_name"));
        assertEquals("resume", resume.get("attachment_type"));
        assertEquals(Map.of("id", candidate), resume.get("candidate"));
        assertEquals(Map.of("id", candidate), resume.get("application"));
        assertEquals(Map.of("id", sandbox.workable().jobOf(candidate)), resume.get("job"));
        String fileUrl = (String) resume.get("file_url");
        assertFalse(fileUrl.contains("/storage/") || fileUrl.contains("X-Amz"), "the storage link is sealed: " + fileUrl);

        int before = sandbox.workable().resumeDownloads();
        var answer = download(account, fileUrl);
        assertEquals(200, answer.statusCode(), new String(answer.body(), StandardCharsets.UTF_8));
        byte[] expected = sandbox.workable().resumeBytes(candidate);
        assertArrayEquals(expected, answer.body());
        assertTrue(new String(expected, 0, 8, StandardCharsets.US_ASCII).startsWith("%PDF-1.4"));
        assertEquals("application/pdf", answer.headers().firstValue("Content-Type").orElse(""));
        assertEquals(String.valueOf(expected.length), answer.headers().firstValue("Content-Length").orElse(""));
        assertEquals("attachment; filename=\"resume.pdf\"", answer.headers().firstValue("Content-Disposition").orElse(""));
        assertEquals(before + 1, sandbox.workable().resumeDownloads(), "fetched from storage, without credentials");
    }

    @Test
    void aDocxResumeDownloadsUnchanged() throws Exception {
        String candidate = WorkableSimulator.OTHER_CANDIDATE_ID;
        var resume = attachments(candidate).get(0);
        assertEquals("resume.docx", resume.get("file_name"));
        var answer = download(account, (String) resume.get("file_url"));
        assertEquals(200, answer.statusCode());
        assertArrayEquals(sandbox.workable().resumeBytes(candidate), answer.body());
        assertEquals("application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                answer.headers().firstValue("Content-Type").orElse(""));
        assertEquals('P', (char) answer.body()[0], "a zip package");
    }

    @Test
    void aLargeResumeIsStreamedWhole() throws Exception {
        var resume = attachments(WorkableSimulator.LARGE_RESUME_CANDIDATE_ID).get(0);
        var answer = HttpClient.newHttpClient().send(downloadRequest(account, (String) resume.get("file_url")),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, answer.statusCode());
        assertEquals(String.valueOf(WorkableSimulator.LARGE_RESUME_BYTES),
                answer.headers().firstValue("Content-Length").orElse(""));
        var digest = MessageDigest.getInstance("SHA-256");
        long received = 0;
        try (InputStream body = answer.body()) {
            byte[] buffer = new byte[64 * 1024];
            for (int read; (read = body.read(buffer)) > 0; ) {
                digest.update(buffer, 0, read);
                received += read;
            }
        }
        assertEquals(WorkableSimulator.LARGE_RESUME_BYTES, received);
        var expected = MessageDigest.getInstance("SHA-256");
        byte[] chunk = WorkableSimulator.largeResumeChunk();
        for (long sent = 0; sent < WorkableSimulator.LARGE_RESUME_BYTES; sent += chunk.length) {
            expected.update(chunk, 0, (int) Math.min(chunk.length, WorkableSimulator.LARGE_RESUME_BYTES - sent));
        }
        assertArrayEquals(expected.digest(), digest.digest(), "the bytes arrived unchanged");
    }

    @Test
    void aForgedOrAnotherAccountsLinkIsRefusedAndNeverFetched() throws Exception {
        int before = sandbox.workable().resumeDownloads();
        var forged = download(account, sandbox.workableUrl().replace("/spi/v3", "") + "/storage/resumes/"
                + WorkableSimulator.CANDIDATE_ID + "/resume.pdf");
        assertEquals(400, forged.statusCode());
        assertTrue(new String(forged.body(), StandardCharsets.UTF_8).contains("file_url"));

        String other = harness.account("workable", Map.of("api_token", WorkableSimulator.API_TOKEN, "subdomain",
                WorkableSimulator.SUBDOMAIN, "base_url", sandbox.workableUrl()));
        String fileUrl = (String) attachments(WorkableSimulator.CANDIDATE_ID).get(0).get("file_url");
        var foreign = download(other, fileUrl);
        assertEquals(400, foreign.statusCode(), "another account's link is not this account's");
        assertEquals(before, sandbox.workable().resumeDownloads());
    }

    @Test
    void aCandidateWithoutAResumeHasNoAttachmentsAndTheCandidateIsRequired() {
        assertEquals(List.of(), attachments(sandbox.workable().candidateIds().get(20)));
        var without = harness.get("/unified/ats/attachments?integrated_account_id=" + account);
        assertEquals(400, without.statusCode(), without.body());
        assertTrue(without.body().contains("candidate_id"), without.body());
    }

    @Test
    void aCandidateCreatedWithItsResumeListsAndDownloadsIt() throws Exception {
        byte[] resume = "%PDF-1.4\n% sent with the candidate\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
        String body = Json.writeString(Map.of("first_name", "With", "last_name", "Resume",
                "emails", List.of(Map.of("email", "with.resume@example.com")),
                "applications", List.of(Map.of("job_id", "SANDB002")),
                "remote_data", Map.of("candidate", Map.of("resume", Map.of("name", "with-resume.pdf",
                        "data", Base64.getEncoder().encodeToString(resume))))));
        var created = harness.post("/unified/ats/candidates?integrated_account_id=" + account, body);
        assertEquals(201, created.statusCode(), created.body());
        String id = (String) Harness.json(created).get("id");

        var listed = attachments(id);
        assertEquals(1, listed.size(), listed.toString());
        assertEquals("with-resume.pdf", listed.get(0).get("file_name"));
        var answer = download(account, (String) listed.get(0).get("file_url"));
        assertEquals(200, answer.statusCode());
        assertArrayEquals(resume, answer.body());
    }

    @Test
    void anUploadIsRefusedWithTheReason() {
        var refused = harness.post("/unified/ats/attachments?integrated_account_id=" + account,
                "{\"candidate_id\": \"" + WorkableSimulator.CANDIDATE_ID + "\", \"file_name\": \"cv.pdf\", \"content\": \"JVBERi0=\"}");
        assertEquals(400, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("job-candidates-create"), refused.body());
    }

    private static List<Map<String, Object>> attachments(String candidate) {
        var page = harness.get("/unified/ats/attachments?integrated_account_id=" + account + "&candidate_id=" + candidate);
        assertEquals(200, page.statusCode(), page.body());
        @SuppressWarnings("unchecked")
        var result = (List<Map<String, Object>>) Harness.json(page).get("result");
        assertEquals(null, Harness.json(page).get("next_cursor"));
        return result;
    }

    private static HttpRequest downloadRequest(String accountId, String fileUrl) {
        return HttpRequest.newBuilder(URI.create(harness.baseUrl() + "/unified/ats/attachments/download?integrated_account_id="
                        + accountId + "&file_url=" + URLEncoder.encode(fileUrl, StandardCharsets.UTF_8)))
                .header("Authorization", "Bearer " + Harness.TOKEN).POST(HttpRequest.BodyPublishers.noBody()).build();
    }

    private static HttpResponse<byte[]> download(String accountId, String fileUrl) throws Exception {
        return HttpClient.newHttpClient().send(downloadRequest(accountId, fileUrl), HttpResponse.BodyHandlers.ofByteArray());
    }
}
