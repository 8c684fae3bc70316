package dev.switchboard.integrations;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.Harness;
import dev.switchboard.sandbox.LeverSimulator;
import dev.switchboard.sandbox.Sandbox;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Lever's files on an opportunity through the unified attachments: listed once each across
 * pages, downloaded through their sealed file_url with the simulated Lever's bytes, type,
 * length and name (a PDF, a DOCX and a large file generated as it is sent), refused when the
 * link is made up or another account's, and uploaded as a multipart file once per
 * Idempotency-Key.
 */
class LeverAttachmentsTest {

    static final String DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    static Sandbox sandbox;
    static Harness harness;
    static String account;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start();
        harness = Harness.start();
        account = harness.demoAccounts(sandbox).get("lever");
    }

    @AfterAll
    static void stop() {
        harness.close();
        sandbox.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void filesAreListedOnceEachAsTheCandidatesAttachments() {
        var listed = walk(account, LeverSimulator.OPPORTUNITY_ID, 1);
        var simulated = sandbox.lever().filesOf(LeverSimulator.OPPORTUNITY_ID);
        assertEquals(simulated.stream().map(file -> file.get("id")).toList(), listed.stream().map(one -> one.get("id"))
                .toList());
        assertEquals(simulated.stream().map(file -> file.get("name")).toList(),
                listed.stream().map(one -> one.get("file_name")).toList());
        for (var attachment : listed) {
            assertEquals(Map.of("id", LeverSimulator.OPPORTUNITY_ID), attachment.get("candidate"));
            assertEquals("other", attachment.get("attachment_type"));
            assertFalse(((String) attachment.get("file_url")).contains("/v1/opportunities"),
                    "the provider's link is handed out sealed");
            assertTrue(((Map<String, Object>) attachment.get("remote_data")).containsKey("downloadUrl"));
        }
        var byApplication = harness.get("/unified/ats/attachments?integrated_account_id=" + account
                + "&candidate_id=" + LeverSimulator.OPPORTUNITY_ID + "&application_id=x");
        assertEquals(400, byApplication.statusCode(), byApplication.body());
        assertTrue(byApplication.body().contains("application_id"), byApplication.body());
    }

    @Test
    void eachFileDownloadsWithItsBytesTypeLengthAndName() throws Exception {
        var listed = walk(account, LeverSimulator.OPPORTUNITY_ID, 100);
        var types = List.of("application/pdf", DOCX_TYPE, "application/octet-stream");
        for (int i = 0; i < 3; i++) {
            var attachment = listed.get(i);
            var answer = download(account, (String) attachment.get("file_url"));
            assertEquals(200, answer.statusCode());
            byte[] expected;
            try (InputStream in = sandbox.lever().fileContent(LeverSimulator.OPPORTUNITY_ID,
                    (String) attachment.get("id"))) {
                expected = i < 2 ? in.readAllBytes() : null;
            }
            byte[] got;
            try (InputStream body = answer.body()) {
                got = i < 2 ? body.readAllBytes() : null;
                if (i == 2) {
                    // The large file is compared by hash, read in pieces on both sides.
                    assertEquals(sha256(sandbox.lever().fileContent(LeverSimulator.OPPORTUNITY_ID,
                            (String) attachment.get("id"))), sha256(body));
                }
            }
            if (i < 2) {
                assertArrayEquals(expected, got);
            }
            assertEquals(types.get(i), answer.headers().firstValue("Content-Type").orElse(""));
            assertEquals(String.valueOf(sandbox.lever().filesOf(LeverSimulator.OPPORTUNITY_ID).get(i).get("size")),
                    answer.headers().firstValue("Content-Length").orElse(""));
            assertTrue(answer.headers().firstValue("Content-Disposition").orElse("")
                    .contains("filename=\"" + attachment.get("file_name") + "\""), answer.headers().toString());
        }
        assertTrue(new String(bytesOf(download(account, (String) listed.get(0).get("file_url"))), StandardCharsets.US_ASCII)
                .startsWith("%PDF-"));
        byte[] docx = bytesOf(download(account, (String) listed.get(1).get("file_url")));
        assertEquals("PK", new String(docx, 0, 2, StandardCharsets.US_ASCII));
    }

    @Test
    void aMadeUpOrAnotherAccountsLinkIsRefused() throws Exception {
        String raw = sandbox.leverUrl() + "/opportunities/" + LeverSimulator.OPPORTUNITY_ID + "/files/"
                + sandbox.lever().filesOf(LeverSimulator.OPPORTUNITY_ID).get(0).get("id") + "/download";
        var made = download(account, raw);
        assertEquals(400, made.statusCode());
        assertTrue(new String(bytesOf(made), StandardCharsets.UTF_8).contains("file_url"));
        String sealed = (String) walk(account, LeverSimulator.OPPORTUNITY_ID, 100).get(0).get("file_url");
        var tampered = download(account, sealed.substring(0, sealed.length() - 2)
                + (sealed.endsWith("A") ? "BB" : "AA"));
        assertEquals(400, tampered.statusCode());
        String other = harness.account("lever", Map.of("api_key", LeverSimulator.API_KEY, "base_url", sandbox.leverUrl()));
        var foreign = download(other, sealed);
        assertEquals(400, foreign.statusCode(), "another account's link is not this account's");
    }

    @Test
    @SuppressWarnings("unchecked")
    void anUploadedFileIsListedAndDownloadsAsSentOncePerKey() throws Exception {
        String candidate = LeverSimulator.OTHER_OPPORTUNITY_ID;
        byte[] letter = ("Dear team, " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        String key = UUID.randomUUID().toString();
        var first = upload(candidate, "letter.txt", letter, key, LeverSimulator.KEY_OWNER);
        var again = upload(candidate, "letter.txt", letter, key, LeverSimulator.KEY_OWNER);
        assertEquals(201, first.statusCode(), first.body());
        assertEquals(201, again.statusCode(), again.body());
        assertEquals(first.body(), again.body());
        assertEquals(1, sandbox.lever().filesOf(candidate).stream()
                .filter(file -> "letter.txt".equals(file.get("name"))).count());
        var created = Harness.json(first);
        assertEquals("letter.txt", created.get("file_name"));
        assertEquals(Map.of("id", candidate), created.get("candidate"));

        var listed = walk(account, candidate, 100).stream().filter(one -> one.get("id").equals(created.get("id")))
                .findFirst().orElseThrow();
        assertEquals(letter.length, ((Number) ((Map<String, Object>) listed.get("remote_data")).get("size")).intValue());
        assertArrayEquals(letter, bytesOf(download(account, (String) listed.get("file_url"))));

        var nobody = upload(candidate, "nobody.txt", letter, null, null);
        assertEquals(400, nobody.statusCode(), nobody.body());
        assertTrue(nobody.body().contains("perform_as"), nobody.body());
    }

    @Test
    void aBase64JsonFileReachesLeverAsAMultipartFile() throws Exception {
        String candidate = (String) sandbox.lever().opportunities().get(20).get("id");
        byte[] resume = "%PDF-1.4 a resume sent as base64".getBytes(StandardCharsets.US_ASCII);
        var answer = harness.send("POST", "/unified/ats/attachments?integrated_account_id=" + account
                        + "&remote_query[perform_as]=" + LeverSimulator.OTHER_USER,
                dev.switchboard.mapping.Json.writeString(Map.of("candidate_id", candidate, "file_name", "resume.pdf",
                        "content", java.util.Base64.getEncoder().encodeToString(resume))),
                Map.of("Authorization", "Bearer " + Harness.TOKEN, "Content-Type", "application/json"));
        assertEquals(201, answer.statusCode(), answer.body());
        var files = sandbox.lever().filesOf(candidate);
        assertEquals(List.of("resume.pdf"), files.stream().map(file -> file.get("name")).toList());
        try (InputStream in = sandbox.lever().fileContent(candidate, (String) files.get(0).get("id"))) {
            assertArrayEquals(resume, in.readAllBytes());
        }
    }

    private static HttpResponse<String> upload(String candidate, String name, byte[] file, String key, String performAs)
            throws Exception {
        String boundary = "lever-" + UUID.randomUUID();
        var body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"candidate_id\"\r\n\r\n" + candidate
                + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name + "\"\r\n"
                + "Content-Type: text/plain\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(file);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        var request = HttpRequest.newBuilder(URI.create(harness.baseUrl() + "/unified/ats/attachments?integrated_account_id="
                        + account + (performAs == null ? "" : "&remote_query[perform_as]=" + performAs)))
                .header("Authorization", "Bearer " + Harness.TOKEN)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<InputStream> download(String accountId, String fileUrl) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(harness.baseUrl()
                        + "/unified/ats/attachments/download?integrated_account_id=" + accountId + "&file_url="
                        + URLEncoder.encode(fileUrl, StandardCharsets.UTF_8)))
                .header("Authorization", "Bearer " + Harness.TOKEN).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofInputStream());
    }

    private static byte[] bytesOf(HttpResponse<InputStream> response) throws IOException {
        try (InputStream in = response.body()) {
            return in.readAllBytes();
        }
    }

    private static String sha256(InputStream in) throws Exception {
        var digest = MessageDigest.getInstance("SHA-256");
        byte[] buffer = new byte[64 * 1024];
        try (in) {
            for (int read; (read = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, read);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> walk(String accountId, String candidate, int limit) {
        var items = new ArrayList<Map<String, Object>>();
        String cursor = null;
        for (int page = 0; page < 50; page++) {
            var answer = harness.get("/unified/ats/attachments?integrated_account_id=" + accountId + "&candidate_id="
                    + candidate + "&limit=" + limit + (cursor == null ? ""
                    : "&next_cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)));
            assertEquals(200, answer.statusCode(), answer.body());
            var body = Harness.json(answer);
            items.addAll((List<Map<String, Object>>) body.get("result"));
            cursor = (String) body.get("next_cursor");
            if (cursor == null) {
                return items;
            }
        }
        throw new AssertionError("more than 50 pages");
    }
}
