package dev.switchboard.integrations;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.Harness;
import dev.switchboard.sandbox.AshbySimulator;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Ashby's candidate files through the unified attachments: listed from candidate.info's file
 * handles, downloaded by asking file.info for a signed storage link and streaming it without
 * the API key, and uploaded with candidate.uploadFile's multipart form.
 */
class AshbyAttachmentsTest {

    @RegisterExtension
    static final SandboxAccount account = SandboxAccount.perClass("ashby");

    @Test
    void aCandidatesResumeAndDocxListOnceAndDownloadExactly() throws Exception {
        var listed = account.attachments(AshbySimulator.CANDIDATE_ID);
        assertEquals(List.of("resume.pdf", "portfolio.docx"), listed.stream().map(one -> one.get("file_name")).toList());
        assertEquals(List.of("resume", "other"), listed.stream().map(one -> one.get("attachment_type")).toList());
        for (var attachment : listed) {
            @SuppressWarnings("unchecked")
            String handle = (String) ((Map<String, Object>) attachment.get("remote_data")).get("handle");
            assertFalse(((String) attachment.get("file_url")).contains(handle), "the handle is sealed, not shown");
            assertEquals(Map.of("id", AshbySimulator.CANDIDATE_ID), attachment.get("candidate"));
        }

        var resume = account.download((String) listed.get(0).get("file_url"));
        assertEquals(200, resume.statusCode(), new String(resume.body(), StandardCharsets.UTF_8));
        byte[] expected = account.sandbox().ashby().openFile((String) listed.get(0).get("id")).readAllBytes();
        assertArrayEquals(expected, resume.body());
        assertTrue(new String(resume.body(), StandardCharsets.US_ASCII).startsWith("%PDF-1.4"));
        assertEquals("application/pdf", resume.headers().firstValue("Content-Type").orElse(""));
        assertEquals(String.valueOf(expected.length), resume.headers().firstValue("Content-Length").orElse(""));
        assertEquals("attachment; filename=\"resume.pdf\"", resume.headers().firstValue("Content-Disposition").orElse(""));

        var docx = account.download((String) listed.get(1).get("file_url"));
        assertEquals(200, docx.statusCode());
        assertArrayEquals(account.sandbox().ashby().openFile((String) listed.get(1).get("id")).readAllBytes(), docx.body());
        assertTrue(docx.headers().firstValue("Content-Type").orElse("").contains("wordprocessingml"));
        assertEquals("attachment; filename=\"portfolio.docx\"", docx.headers().firstValue("Content-Disposition").orElse(""));
        try (var zip = new ZipInputStream(new ByteArrayInputStream(docx.body()))) {
            var names = new java.util.ArrayList<String>();
            for (var entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                names.add(entry.getName());
            }
            assertTrue(names.contains("word/document.xml"), names.toString());
        }
    }

    @Test
    void aLargeFileStreamsThroughUnchanged() throws Exception {
        var large = account.attachments(AshbySimulator.OTHER_CANDIDATE_ID).stream()
                .filter(one -> !"resume".equals(one.get("attachment_type"))).findFirst().orElseThrow();
        var answer = HttpClient.newHttpClient().send(account.downloadRequest(account.id(), (String) large.get("file_url")),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, answer.statusCode());
        assertEquals(String.valueOf(8L * 1024 * 1024), answer.headers().firstValue("Content-Length").orElse(""));
        assertEquals("application/octet-stream", answer.headers().firstValue("Content-Type").orElse(""));
        String got;
        try (InputStream body = answer.body()) {
            got = sha256(body);
        }
        assertEquals(sha256(account.sandbox().ashby().openFile((String) large.get("id"))), got);
    }

    @Test
    void aForgedOrForeignFileUrlIsRefused() throws Exception {
        var listed = account.attachments(AshbySimulator.CANDIDATE_ID);
        @SuppressWarnings("unchecked")
        String handle = (String) ((Map<String, Object>) listed.get(0).get("remote_data")).get("handle");
        var forged = account.download(handle);
        assertEquals(400, forged.statusCode());
        assertTrue(new String(forged.body(), StandardCharsets.UTF_8).contains("file_url"));

        String other = account.harness().account("ashby", Map.of("api_key", AshbySimulator.API_KEY, "base_url",
                account.sandbox().ashbyUrl()));
        var foreign = account.download(other, (String) listed.get(0).get("file_url"));
        assertEquals(400, foreign.statusCode(), "another account's file_url is not this account's");
    }

    @Test
    void filtersAshbyCannotApplyAreRefused() {
        for (String filter : List.of("&application_id=" + UUID.randomUUID(), "&job_id=" + UUID.randomUUID())) {
            var refused = account.get("attachments", "&candidate_id="
                    + AshbySimulator.CANDIDATE_ID + filter);
            assertEquals(400, refused.statusCode(), refused.body());
        }
        var noCandidate = account.get("attachments", "");
        assertEquals(400, noCandidate.statusCode(), noCandidate.body());
        assertTrue(noCandidate.body().contains("candidate_id"), noCandidate.body());
    }

    @Test
    void anUploadIsListedDownloadsAndOneKeyUploadsOnce() throws Exception {
        String candidate = (String) account.sandbox().ashby().candidates().get(10).get("id");
        byte[] file = ("cover letter " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        int before = account.sandbox().ashby().uploadedFiles();
        String key = UUID.randomUUID().toString();
        var first = upload(candidate, "letter.txt", file, key);
        assertEquals(201, first.statusCode(), first.body());
        var created = Harness.json(first);
        assertEquals("letter.txt", created.get("file_name"));
        assertEquals(Map.of("id", candidate), created.get("candidate"));
        var again = upload(candidate, "letter.txt", file, key);
        assertEquals(201, again.statusCode(), again.body());
        assertEquals("true", again.headers().firstValue("idempotent-replayed").orElse(""));
        assertEquals(before + 1, account.sandbox().ashby().uploadedFiles(), "one key, one file");

        var listed = account.attachments(candidate);
        var found = listed.stream().filter(one -> "letter.txt".equals(one.get("file_name"))).toList();
        assertEquals(1, found.size());
        assertEquals(created.get("id"), found.get(0).get("id"));
        var bytes = account.download((String) found.get(0).get("file_url"));
        assertEquals(200, bytes.statusCode());
        assertArrayEquals(file, bytes.body());

        var resume = account.harness().post(account.path("attachments", ""),
                "{\"candidate_id\": \"" + candidate + "\", \"file_name\": \"cv.pdf\", \"attachment_type\": \"resume\", "
                        + "\"content\": \"JVBERi0=\"}");
        assertEquals(400, resume.statusCode(), resume.body());
        assertTrue(resume.body().contains("attachment_type"), resume.body());
        assertEquals(before + 1, account.sandbox().ashby().uploadedFiles());

        // The same upload as JSON with base64 content reaches Ashby as the multipart form it takes.
        var json = account.harness().post(account.path("attachments", ""),
                "{\"candidate_id\": \"" + candidate + "\", \"file_name\": \"notes.txt\", \"content\": \""
                        + java.util.Base64.getEncoder().encodeToString(file) + "\"}");
        assertEquals(201, json.statusCode(), json.body());
        assertEquals("notes.txt", Harness.json(json).get("file_name"));
        var notes = account.attachments(candidate).stream().filter(one -> "notes.txt".equals(one.get("file_name")))
                .findFirst().orElseThrow();
        assertArrayEquals(file, account.download((String) notes.get("file_url")).body());
    }

    private static HttpResponse<String> upload(String candidate, String name, byte[] file, String key) throws Exception {
        String boundary = "ashby-" + UUID.randomUUID();
        var body = new java.io.ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"candidate_id\"\r\n\r\n" + candidate + "\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name + "\"\r\n"
                + "Content-Type: text/plain\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(file);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        var request = HttpRequest.newBuilder(URI.create(account.harness().baseUrl() + account.path("attachments", "")))
                .header("Authorization", "Bearer " + Harness.TOKEN)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary).header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String sha256(InputStream in) throws Exception {
        var digest = MessageDigest.getInstance("SHA-256");
        byte[] buffer = new byte[64 * 1024];
        for (int read; (read = in.read(buffer)) > 0; ) {
            digest.update(buffer, 0, read);
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
