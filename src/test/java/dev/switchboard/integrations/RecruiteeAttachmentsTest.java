package dev.switchboard.integrations;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.sandbox.RecruiteeSimulator;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A Recruitee candidate's attachments through the unified API: listed with sealed links, each
 * downloaded with its exact bytes, type, length and name (a large one streamed), a made-up or
 * another account's link refused, and the upload Recruitee lacks refused with its reason.
 */
class RecruiteeAttachmentsTest {

    @RegisterExtension
    static final SandboxAccount account = SandboxAccount.perClass("recruitee");

    @Test
    void aCandidatesFilesAreListedWithLinksThatDoNotShowTheProvider() {
        var files = account.attachments(RecruiteeSimulator.CANDIDATE_ID);
        assertEquals(List.of("Ada_Lindqvist_CV.pdf", "Cover letter.docx", "portfolio.zip"),
                files.stream().map(file -> file.get("file_name")).toList());
        for (var file : files) {
            assertEquals(Map.of("id", RecruiteeSimulator.CANDIDATE_ID), file.get("candidate"));
            assertTrue(!((String) file.get("file_url")).contains(account.sandbox().recruiteeUrl()),
                    "sealed: " + file.get("file_url"));
        }
        var none = account.get("attachments", "");
        assertEquals(400, none.statusCode(), none.body());
        assertTrue(none.body().contains("candidate_id"), none.body());
    }

    @Test
    void aPdfAndADocxDownloadWithTheirBytesTypeLengthAndName() throws Exception {
        var files = account.attachments(RecruiteeSimulator.CANDIDATE_ID);
        check(files.get(0), "application/pdf");
        check(files.get(1), "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    }

    @Test
    void aLargeFileIsStreamedUnchanged() throws Exception {
        var large = account.attachments(RecruiteeSimulator.CANDIDATE_ID).get(2);
        var answer = HttpClient.newHttpClient().send(account.downloadRequest(account.id(), (String) large.get("file_url")),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, answer.statusCode());
        assertEquals(String.valueOf(12L * 1024 * 1024), answer.headers().firstValue("Content-Length").orElse(""));
        byte[] got;
        try (InputStream body = answer.body()) {
            got = sha256(body);
        }
        assertArrayEquals(sha256(account.sandbox().recruitee().attachmentContent((String) large.get("id")).orElseThrow()), got);
    }

    @Test
    void aMadeUpOrAnotherAccountsLinkIsRefused() throws Exception {
        String raw = account.sandbox().recruiteeUrl() + "/c/" + RecruiteeSimulator.COMPANY_ID + "/candidates/"
                + RecruiteeSimulator.CANDIDATE_ID + "/attachments/7300001/download";
        var made = account.download(raw);
        assertEquals(400, made.statusCode(), new String(made.body(), StandardCharsets.UTF_8));
        assertTrue(new String(made.body(), StandardCharsets.UTF_8).contains("file_url"));

        String other = account.harness().account("recruitee", Map.of("api_token", RecruiteeSimulator.API_TOKEN,
                "company_id", RecruiteeSimulator.COMPANY_ID, "base_url", account.sandbox().recruiteeUrl()));
        var foreign = account.download(other, (String) account.attachments(RecruiteeSimulator.CANDIDATE_ID).get(0).get("file_url"));
        assertEquals(400, foreign.statusCode(), "another account's link is not this account's");
    }

    @Test
    void anUploadIsRefusedWithTheReasonRecruiteeTakesLinksOnly() {
        var upload = account.harness().post(account.path("attachments", ""),
                "{\"candidate_id\": \"" + RecruiteeSimulator.CANDIDATE_ID
                        + "\", \"file_name\": \"cv.pdf\", \"content\": \"JVBERi0=\"}");
        assertEquals(400, upload.statusCode(), upload.body());
        assertTrue(upload.body().contains("remote_cv_url"), upload.body());
    }

    private static void check(Map<String, Object> file, String type) throws Exception {
        var answer = account.download((String) file.get("file_url"));
        assertEquals(200, answer.statusCode(), new String(answer.body(), StandardCharsets.UTF_8));
        byte[] expected = account.sandbox().recruitee().attachmentContent((String) file.get("id")).orElseThrow().readAllBytes();
        assertArrayEquals(expected, answer.body());
        assertEquals(type, answer.headers().firstValue("Content-Type").orElse(""));
        assertEquals(String.valueOf(expected.length), answer.headers().firstValue("Content-Length").orElse(""));
        assertTrue(answer.headers().firstValue("Content-Disposition").orElse("").contains((String) file.get("file_name")),
                answer.headers().toString());
    }

    private static byte[] sha256(InputStream in) throws Exception {
        var digest = MessageDigest.getInstance("SHA-256");
        byte[] buffer = new byte[64 * 1024];
        for (int n; (n = in.read(buffer)) > 0; ) {
            digest.update(buffer, 0, n);
        }
        return digest.digest();
    }
}
