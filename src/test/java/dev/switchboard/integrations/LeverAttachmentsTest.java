package dev.switchboard.integrations;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.Harness;
import dev.switchboard.sandbox.LeverSimulator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Lever's files on an opportunity through the unified attachments: listed once each across
 * pages, downloaded through their sealed file_url with the simulated Lever's bytes, type,
 * length and name (a PDF, a DOCX and a large file generated as it is sent), refused when the
 * link is made up or another account's, and uploaded as a multipart file once per
 * Idempotency-Key.
 */
class LeverAttachmentsTest {

    static final String DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    @RegisterExtension
    static final SandboxAccount account = SandboxAccount.perClass("lever");

    @Test
    @SuppressWarnings("unchecked")
    void filesAreListedOnceEachAsTheCandidatesAttachments() {
        var listed = account.walk("attachments", "&candidate_id=" + LeverSimulator.OPPORTUNITY_ID, 1);
        var simulated = account.sandbox().lever().filesOf(LeverSimulator.OPPORTUNITY_ID);
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
        var byApplication = account.get("attachments", "&candidate_id=" + LeverSimulator.OPPORTUNITY_ID + "&application_id=x");
        assertEquals(400, byApplication.statusCode(), byApplication.body());
        assertTrue(byApplication.body().contains("application_id"), byApplication.body());
    }

    @Test
    void eachFileDownloadsWithItsBytesTypeLengthAndName() throws Exception {
        var listed = account.walk("attachments", "&candidate_id=" + LeverSimulator.OPPORTUNITY_ID, 100);
        var types = List.of("application/pdf", DOCX_TYPE, "application/octet-stream");
        for (int i = 0; i < 3; i++) {
            var attachment = listed.get(i);
            var answer = account.stream((String) attachment.get("file_url"));
            assertEquals(200, answer.statusCode());
            byte[] expected;
            try (InputStream in = account.sandbox().lever().fileContent(LeverSimulator.OPPORTUNITY_ID,
                    (String) attachment.get("id"))) {
                expected = i < 2 ? in.readAllBytes() : null;
            }
            byte[] got;
            try (InputStream body = answer.body()) {
                got = i < 2 ? body.readAllBytes() : null;
                if (i == 2) {
                    // The large file is compared by hash, read in pieces on both sides.
                    assertEquals(sha256(account.sandbox().lever().fileContent(LeverSimulator.OPPORTUNITY_ID,
                            (String) attachment.get("id"))), sha256(body));
                }
            }
            if (i < 2) {
                assertArrayEquals(expected, got);
            }
            assertEquals(types.get(i), answer.headers().firstValue("Content-Type").orElse(""));
            assertEquals(String.valueOf(account.sandbox().lever().filesOf(LeverSimulator.OPPORTUNITY_ID).get(i).get("size")),
                    answer.headers().firstValue("Content-Length").orElse(""));
            assertTrue(answer.headers().firstValue("Content-Disposition").orElse("")
                    .contains("filename=\"" + attachment.get("file_name") + "\""), answer.headers().toString());
        }
        assertTrue(new String(bytesOf(account.stream((String) listed.get(0).get("file_url"))), StandardCharsets.US_ASCII)
                .startsWith("%PDF-"));
        byte[] docx = bytesOf(account.stream((String) listed.get(1).get("file_url")));
        assertEquals("PK", new String(docx, 0, 2, StandardCharsets.US_ASCII));
    }

    @Test
    void aMadeUpOrAnotherAccountsLinkIsRefused() throws Exception {
        String raw = account.sandbox().leverUrl() + "/opportunities/" + LeverSimulator.OPPORTUNITY_ID + "/files/"
                + account.sandbox().lever().filesOf(LeverSimulator.OPPORTUNITY_ID).get(0).get("id") + "/download";
        var made = account.stream(raw);
        assertEquals(400, made.statusCode());
        assertTrue(new String(bytesOf(made), StandardCharsets.UTF_8).contains("file_url"));
        String sealed = (String) account.walk("attachments", "&candidate_id=" + LeverSimulator.OPPORTUNITY_ID, 100)
                .get(0).get("file_url");
        var tampered = account.stream(sealed.substring(0, sealed.length() - 2)
                + (sealed.endsWith("A") ? "BB" : "AA"));
        assertEquals(400, tampered.statusCode());
        String other = account.harness().account("lever", Map.of("api_key", LeverSimulator.API_KEY, "base_url",
                account.sandbox().leverUrl()));
        var foreign = account.stream(other, sealed);
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
        assertEquals(1, account.sandbox().lever().filesOf(candidate).stream()
                .filter(file -> "letter.txt".equals(file.get("name"))).count());
        var created = Harness.json(first);
        assertEquals("letter.txt", created.get("file_name"));
        assertEquals(Map.of("id", candidate), created.get("candidate"));

        var listed = account.walk("attachments", "&candidate_id=" + candidate, 100)
                .stream().filter(one -> one.get("id").equals(created.get("id")))
                .findFirst().orElseThrow();
        assertEquals(letter.length, ((Number) ((Map<String, Object>) listed.get("remote_data")).get("size")).intValue());
        assertArrayEquals(letter, bytesOf(account.stream((String) listed.get("file_url"))));

        var nobody = upload(candidate, "nobody.txt", letter, null, null);
        assertEquals(400, nobody.statusCode(), nobody.body());
        assertTrue(nobody.body().contains("perform_as"), nobody.body());
    }

    @Test
    void aBase64JsonFileReachesLeverAsAMultipartFile() throws Exception {
        String candidate = (String) account.sandbox().lever().opportunities().get(20).get("id");
        byte[] resume = "%PDF-1.4 a resume sent as base64".getBytes(StandardCharsets.US_ASCII);
        var answer = account.harness().send("POST",
                account.path("attachments", "&remote_query[perform_as]=" + LeverSimulator.OTHER_USER),
                dev.switchboard.mapping.Json.writeString(Map.of("candidate_id", candidate, "file_name", "resume.pdf",
                        "content", java.util.Base64.getEncoder().encodeToString(resume))),
                Map.of("Authorization", "Bearer " + Harness.TOKEN, "Content-Type", "application/json"));
        assertEquals(201, answer.statusCode(), answer.body());
        var files = account.sandbox().lever().filesOf(candidate);
        assertEquals(List.of("resume.pdf"), files.stream().map(file -> file.get("name")).toList());
        try (InputStream in = account.sandbox().lever().fileContent(candidate, (String) files.get(0).get("id"))) {
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
        var request = HttpRequest.newBuilder(URI.create(account.harness().baseUrl() + account.path("attachments",
                        performAs == null ? "" : "&remote_query[perform_as]=" + performAs)))
                .header("Authorization", "Bearer " + Harness.TOKEN)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
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
}
