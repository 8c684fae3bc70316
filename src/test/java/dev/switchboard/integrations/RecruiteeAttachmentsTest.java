package dev.switchboard.integrations;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.Harness;
import dev.switchboard.sandbox.RecruiteeSimulator;
import dev.switchboard.sandbox.Sandbox;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A Recruitee candidate's attachments through the unified API: listed with sealed links, each
 * downloaded with its exact bytes, type, length and name (a large one streamed), a made-up or
 * another account's link refused, and the upload Recruitee lacks refused with its reason.
 */
class RecruiteeAttachmentsTest {

    static Sandbox sandbox;
    static Harness harness;
    static String account;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start();
        harness = Harness.start();
        account = harness.demoAccounts(sandbox).get("recruitee");
    }

    @AfterAll
    static void stop() {
        harness.close();
        sandbox.close();
    }

    @Test
    void aCandidatesFilesAreListedWithLinksThatDoNotShowTheProvider() {
        var files = attachments(RecruiteeSimulator.CANDIDATE_ID);
        assertEquals(List.of("Ada_Lindqvist_CV.pdf", "Cover letter.docx", "portfolio.zip"),
                files.stream().map(file -> file.get("file_name")).toList());
        for (var file : files) {
            assertEquals(Map.of("id", RecruiteeSimulator.CANDIDATE_ID), file.get("candidate"));
            assertTrue(!((String) file.get("file_url")).contains(sandbox.recruiteeUrl()), "sealed: " + file.get("file_url"));
        }
        var none = harness.get("/unified/ats/attachments?integrated_account_id=" + account);
        assertEquals(400, none.statusCode(), none.body());
        assertTrue(none.body().contains("candidate_id"), none.body());
    }

    @Test
    void aPdfAndADocxDownloadWithTheirBytesTypeLengthAndName() throws Exception {
        var files = attachments(RecruiteeSimulator.CANDIDATE_ID);
        check(files.get(0), "application/pdf");
        check(files.get(1), "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    }

    @Test
    void aLargeFileIsStreamedUnchanged() throws Exception {
        var large = attachments(RecruiteeSimulator.CANDIDATE_ID).get(2);
        var answer = HttpClient.newHttpClient().send(downloadRequest(account, (String) large.get("file_url")),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, answer.statusCode());
        assertEquals(String.valueOf(12L * 1024 * 1024), answer.headers().firstValue("Content-Length").orElse(""));
        byte[] got;
        try (InputStream body = answer.body()) {
            got = sha256(body);
        }
        assertArrayEquals(sha256(sandbox.recruitee().attachmentContent((String) large.get("id")).orElseThrow()), got);
    }

    @Test
    void aMadeUpOrAnotherAccountsLinkIsRefused() throws Exception {
        String raw = sandbox.recruiteeUrl() + "/c/" + RecruiteeSimulator.COMPANY_ID + "/candidates/"
                + RecruiteeSimulator.CANDIDATE_ID + "/attachments/7300001/download";
        var made = download(account, raw);
        assertEquals(400, made.statusCode(), new String(made.body(), StandardCharsets.UTF_8));
        assertTrue(new String(made.body(), StandardCharsets.UTF_8).contains("file_url"));

        String other = harness.account("recruitee", Map.of("api_token", RecruiteeSimulator.API_TOKEN,
                "company_id", RecruiteeSimulator.COMPANY_ID, "base_url", sandbox.recruiteeUrl()));
        var foreign = download(other, (String) attachments(RecruiteeSimulator.CANDIDATE_ID).get(0).get("file_url"));
        assertEquals(400, foreign.statusCode(), "another account's link is not this account's");
    }

    @Test
    void anUploadIsRefusedWithTheReasonRecruiteeTakesLinksOnly() {
        var upload = harness.post("/unified/ats/attachments?integrated_account_id=" + account,
                "{\"candidate_id\": \"" + RecruiteeSimulator.CANDIDATE_ID + "\", \"file_name\": \"cv.pdf\", \"content\": \"JVBERi0=\"}");
        assertEquals(400, upload.statusCode(), upload.body());
        assertTrue(upload.body().contains("remote_cv_url"), upload.body());
    }

    private static void check(Map<String, Object> file, String type) throws Exception {
        var answer = download(account, (String) file.get("file_url"));
        assertEquals(200, answer.statusCode(), new String(answer.body(), StandardCharsets.UTF_8));
        byte[] expected = sandbox.recruitee().attachmentContent((String) file.get("id")).orElseThrow().readAllBytes();
        assertArrayEquals(expected, answer.body());
        assertEquals(type, answer.headers().firstValue("Content-Type").orElse(""));
        assertEquals(String.valueOf(expected.length), answer.headers().firstValue("Content-Length").orElse(""));
        assertTrue(answer.headers().firstValue("Content-Disposition").orElse("").contains((String) file.get("file_name")),
                answer.headers().toString());
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> attachments(String candidate) {
        var page = harness.get("/unified/ats/attachments?integrated_account_id=" + account + "&candidate_id=" + candidate);
        assertEquals(200, page.statusCode(), page.body());
        return (List<Map<String, Object>>) Harness.json(page).get("result");
    }

    private static HttpRequest downloadRequest(String accountId, String fileUrl) {
        return HttpRequest.newBuilder(URI.create(harness.baseUrl() + "/unified/ats/attachments/download?integrated_account_id="
                        + accountId + "&file_url=" + URLEncoder.encode(fileUrl, StandardCharsets.UTF_8)))
                .header("Authorization", "Bearer " + Harness.TOKEN).POST(HttpRequest.BodyPublishers.noBody()).build();
    }

    private static HttpResponse<byte[]> download(String accountId, String fileUrl) throws Exception {
        return HttpClient.newHttpClient().send(downloadRequest(accountId, fileUrl), HttpResponse.BodyHandlers.ofByteArray());
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
