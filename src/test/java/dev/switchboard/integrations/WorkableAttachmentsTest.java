package dev.switchboard.integrations;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.Harness;
import dev.switchboard.mapping.Json;
import dev.switchboard.sandbox.WorkableSimulator;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Workable's resumes through the unified attachments: listed from the candidate's signed
 * {@code resume_url}, downloaded from the storage host without credentials and streamed, a
 * resume sent with a candidate's create, and the upload Workable does not have. The rate limit
 * is off: {@link WorkableRateLimitTest} keeps within it.
 */
class WorkableAttachmentsTest {

    @RegisterExtension
    static final SandboxAccount account = SandboxAccount.perClass("workable").withoutRateLimit();

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
        assertEquals(Map.of("id", account.sandbox().workable().jobOf(candidate)), resume.get("job"));
        String fileUrl = (String) resume.get("file_url");
        assertFalse(fileUrl.contains("/storage/") || fileUrl.contains("X-Amz"), "the storage link is sealed: " + fileUrl);

        int before = account.sandbox().workable().resumeDownloads();
        var answer = account.download(fileUrl);
        assertEquals(200, answer.statusCode(), new String(answer.body(), StandardCharsets.UTF_8));
        byte[] expected = account.sandbox().workable().resumeBytes(candidate);
        assertArrayEquals(expected, answer.body());
        assertTrue(new String(expected, 0, 8, StandardCharsets.US_ASCII).startsWith("%PDF-1.4"));
        assertEquals("application/pdf", answer.headers().firstValue("Content-Type").orElse(""));
        assertEquals(String.valueOf(expected.length), answer.headers().firstValue("Content-Length").orElse(""));
        assertEquals("attachment; filename=\"resume.pdf\"", answer.headers().firstValue("Content-Disposition").orElse(""));
        assertEquals(before + 1, account.sandbox().workable().resumeDownloads(), "fetched from storage, without credentials");
    }

    @Test
    void aDocxResumeDownloadsUnchanged() throws Exception {
        String candidate = WorkableSimulator.OTHER_CANDIDATE_ID;
        var resume = attachments(candidate).get(0);
        assertEquals("resume.docx", resume.get("file_name"));
        var answer = account.download((String) resume.get("file_url"));
        assertEquals(200, answer.statusCode());
        assertArrayEquals(account.sandbox().workable().resumeBytes(candidate), answer.body());
        assertEquals("application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                answer.headers().firstValue("Content-Type").orElse(""));
        assertEquals('P', (char) answer.body()[0], "a zip package");
    }

    @Test
    void aLargeResumeIsStreamedWhole() throws Exception {
        var resume = attachments(WorkableSimulator.LARGE_RESUME_CANDIDATE_ID).get(0);
        var answer = HttpClient.newHttpClient().send(account.downloadRequest(account.id(), (String) resume.get("file_url")),
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
        int before = account.sandbox().workable().resumeDownloads();
        var forged = account.download(account.sandbox().workableUrl().replace("/spi/v3", "") + "/storage/resumes/"
                + WorkableSimulator.CANDIDATE_ID + "/resume.pdf");
        assertEquals(400, forged.statusCode());
        assertTrue(new String(forged.body(), StandardCharsets.UTF_8).contains("file_url"));

        String other = account.harness().account("workable", Map.of("api_token", WorkableSimulator.API_TOKEN, "subdomain",
                WorkableSimulator.SUBDOMAIN, "base_url", account.sandbox().workableUrl()));
        String fileUrl = (String) attachments(WorkableSimulator.CANDIDATE_ID).get(0).get("file_url");
        var foreign = account.download(other, fileUrl);
        assertEquals(400, foreign.statusCode(), "another account's link is not this account's");
        assertEquals(before, account.sandbox().workable().resumeDownloads());
    }

    @Test
    void aCandidateWithoutAResumeHasNoAttachmentsAndTheCandidateIsRequired() {
        assertEquals(List.of(), attachments(account.sandbox().workable().candidateIds().get(20)));
        var without = account.get("attachments", "");
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
        var created = account.harness().post(account.path("candidates", ""), body);
        assertEquals(201, created.statusCode(), created.body());
        String id = (String) Harness.json(created).get("id");

        var listed = attachments(id);
        assertEquals(1, listed.size(), listed.toString());
        assertEquals("with-resume.pdf", listed.get(0).get("file_name"));
        var answer = account.download((String) listed.get(0).get("file_url"));
        assertEquals(200, answer.statusCode());
        assertArrayEquals(resume, answer.body());
    }

    @Test
    void anUploadIsRefusedWithTheReason() {
        var refused = account.harness().post(account.path("attachments", ""),
                "{\"candidate_id\": \"" + WorkableSimulator.CANDIDATE_ID
                        + "\", \"file_name\": \"cv.pdf\", \"content\": \"JVBERi0=\"}");
        assertEquals(400, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("job-candidates-create"), refused.body());
    }

    private static List<Map<String, Object>> attachments(String candidate) {
        var page = account.get("attachments", "&candidate_id=" + candidate);
        assertEquals(200, page.statusCode(), page.body());
        @SuppressWarnings("unchecked")
        var result = (List<Map<String, Object>>) Harness.json(page).get("result");
        assertEquals(null, Harness.json(page).get("next_cursor"));
        return result;
    }
}
