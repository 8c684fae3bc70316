package dev.switchboard.integrations;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.Harness;
import dev.switchboard.mapping.Json;
import dev.switchboard.sandbox.GreenhouseSimulator;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Greenhouse Harvest v3's attachments through the unified API, against the simulated Greenhouse:
 * listed by candidate and by application, each with its signed storage link sealed as file_url;
 * downloaded from that storage host without the account's credentials, byte for byte with the
 * type, length and name (a PDF, a DOCX and a file of some megabytes streamed as it is made);
 * links made up or taken from another account refused; and a base64 upload listed afterwards,
 * sent once for one Idempotency-Key.
 */
class GreenhouseAttachmentsTest {

    @RegisterExtension
    static final SandboxAccount account = SandboxAccount.perClass("greenhouse");

    @Test
    void aCandidatesAttachmentsAreListedOnceAcrossPagesWithSealedLinks() {
        String candidate = GreenhouseSimulator.CANDIDATE_ID;
        List<String> world = account.sandbox().greenhouse().records("attachments").stream()
                .filter(a -> String.valueOf(a.get("candidate_id")).equals(candidate))
                .map(a -> String.valueOf(a.get("id"))).toList();
        assertTrue(world.size() >= 3, "a resume, a cover letter and the large file: " + world);
        var listed = account.walk("attachments", "&candidate_id=" + candidate, 1);
        assertEquals(world, listed.stream().map(a -> a.get("id")).toList());
        for (var attachment : listed) {
            assertEquals(Map.of("id", candidate), attachment.get("candidate"));
            String fileUrl = (String) attachment.get("file_url");
            assertFalse(fileUrl.contains("localhost") || fileUrl.contains("X-Amz"), "the storage link is sealed: " + fileUrl);
        }
        assertEquals(List.of("resume", "cover_letter", "other"), listed.stream().map(a -> a.get("attachment_type")).toList());

        String application = (String) ((Map<?, ?>) listed.get(0).get("application")).get("id");
        var ofApplication = account.walk("attachments", "&application_id=" + application, 100);
        assertFalse(ofApplication.isEmpty());
        ofApplication.forEach(a -> assertEquals(Map.of("id", application), a.get("application")));

        var byJob = account.get("attachments", "&job_id=6404");
        assertEquals(400, byJob.statusCode(), "Greenhouse lists attachments by application or candidate, not job");
    }

    @Test
    void aResumeAndACoverLetterDownloadByteForByteWithTypeLengthAndName() throws Exception {
        var listed = account.walk("attachments", "&candidate_id=" + GreenhouseSimulator.CANDIDATE_ID, 100);
        var resume = account.download((String) listed.get(0).get("file_url"));
        assertEquals(200, resume.statusCode(), new String(resume.body(), StandardCharsets.UTF_8));
        assertArrayEquals(GreenhouseSimulator.resumePdf(), resume.body());
        assertEquals("application/pdf", resume.headers().firstValue("Content-Type").orElse(""));
        assertEquals(String.valueOf(resume.body().length), resume.headers().firstValue("Content-Length").orElse(""));
        assertEquals("attachment; filename=\"" + listed.get(0).get("file_name") + "\"",
                resume.headers().firstValue("Content-Disposition").orElse(""));
        assertTrue(new String(resume.body(), StandardCharsets.US_ASCII).startsWith("%PDF-1.4"));

        var letter = account.download((String) listed.get(1).get("file_url"));
        assertEquals(200, letter.statusCode());
        assertArrayEquals(GreenhouseSimulator.coverLetterDocx(), letter.body());
        assertEquals("application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                letter.headers().firstValue("Content-Type").orElse(""));
        assertTrue(letter.headers().firstValue("Content-Disposition").orElse("").contains(".docx"));
    }

    @Test
    void aLargeFileStreamsThroughUnchanged() throws Exception {
        var large = account.walk("attachments", "&candidate_id=" + GreenhouseSimulator.CANDIDATE_ID, 100).stream()
                .filter(a -> "other".equals(a.get("attachment_type"))).findFirst().orElseThrow();
        var answer = HttpClient.newHttpClient().send(account.downloadRequest(account.id(), (String) large.get("file_url")),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, answer.statusCode());
        assertEquals(String.valueOf(GreenhouseSimulator.largeFileSize()),
                answer.headers().firstValue("Content-Length").orElse(""));
        long position = 0;
        try (InputStream body = answer.body()) {
            byte[] buffer = new byte[64 * 1024];
            for (int read; (read = body.read(buffer)) > 0; ) {
                for (int i = 0; i < read; i++) {
                    if (buffer[i] != GreenhouseSimulator.largeFileByte(position + i)) {
                        throw new AssertionError("byte " + (position + i) + " differs");
                    }
                }
                position += read;
            }
        }
        assertEquals(GreenhouseSimulator.largeFileSize(), position);
    }

    @Test
    void aMadeUpOrAnotherAccountsLinkIsRefused() throws Exception {
        var storageLink = account.sandbox().greenhouse().records("attachments").get(0);
        var madeUp = account.download("http://localhost:" + URI.create(account.sandbox().greenhouseUrl()).getPort()
                + "/storage/attachments/" + storageLink.get("id") + "/x.pdf");
        assertEquals(400, madeUp.statusCode());
        assertTrue(new String(madeUp.body(), StandardCharsets.UTF_8).contains("file_url"));

        String other = account.harness().account("greenhouse", Map.of("client_id", GreenhouseSimulator.CLIENT_ID,
                "client_secret", GreenhouseSimulator.CLIENT_SECRET, "sub", GreenhouseSimulator.OTHER_USER_ID,
                "base_url", account.sandbox().greenhouseUrl()));
        String mine = (String) account.walk("attachments", "&candidate_id=" + GreenhouseSimulator.CANDIDATE_ID, 100)
                .get(0).get("file_url");
        var foreign = account.download(other, mine);
        assertEquals(400, foreign.statusCode(), "another account's link is not this account's");
    }

    @Test
    void aBase64UploadIsListedAfterwardsAndOneKeySendsItOnce() {
        var application = account.sandbox().greenhouse().records("applications").get(2);
        String candidate = String.valueOf(application.get("candidate_id"));
        byte[] bytes = ("%PDF-1.4 uploaded " + UUID.randomUUID()).getBytes(StandardCharsets.US_ASCII);
        String name = "Uploaded_" + UUID.randomUUID() + ".pdf";
        String json = Json.writeString(Map.of("application_id", String.valueOf(application.get("id")),
                "candidate_id", candidate, "file_name", name, "attachment_type", "resume",
                "content", Base64.getEncoder().encodeToString(bytes)));
        int before = account.sandbox().greenhouse().records("attachments").size();
        String key = UUID.randomUUID().toString();
        var created = upload(json, key);
        assertEquals(201, created.statusCode(), created.body());
        var answer = Harness.json(created);
        assertEquals(name, answer.get("file_name"));
        assertEquals("resume", answer.get("attachment_type"));
        assertEquals(Map.of("id", candidate), answer.get("candidate"));
        var again = upload(json, key);
        assertEquals(201, again.statusCode(), again.body());
        assertEquals("true", again.headers().firstValue("idempotent-replayed").orElse(""));
        assertEquals(before + 1, account.sandbox().greenhouse().records("attachments").size(), "one key, one file");

        var listed = account.walk("attachments", "&candidate_id=" + candidate, 100)
                .stream().filter(a -> name.equals(a.get("file_name"))).toList();
        assertEquals(1, listed.size(), listed.toString());
        assertEquals(answer.get("id"), listed.get(0).get("id"));
        try {
            var bytesBack = account.download((String) listed.get(0).get("file_url"));
            assertEquals(200, bytesBack.statusCode());
            assertArrayEquals(bytes, bytesBack.body(), "the uploaded bytes come back unchanged");
        } catch (Exception e) {
            throw new AssertionError(e);
        }

        var noApplication = account.harness().post(account.path("attachments", ""),
                Json.writeString(Map.of("candidate_id", candidate, "file_name", "x.pdf",
                        "content", Base64.getEncoder().encodeToString(bytes))));
        assertEquals(400, noApplication.statusCode(), noApplication.body());
        assertTrue(noApplication.body().contains("application_id"), noApplication.body());
    }

    private static HttpResponse<String> upload(String json, String key) {
        var headers = new LinkedHashMap<String, String>(Map.of("Authorization", "Bearer " + Harness.TOKEN,
                "Content-Type", "application/json", "Idempotency-Key", key));
        return account.harness().send("POST", account.path("attachments", ""), json, headers);
    }
}
