package dev.switchboard.integrations;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.sandbox.TeamtailorSimulator;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Teamtailor's attachments through the unified API, against the simulated Teamtailor: a
 * candidate's resume, original resume and uploads listed from one read of the candidate; each
 * downloaded through a handle the download turns into a freshly signed storage link, fetched
 * without the API key, with its exact bytes, type, length and name; the large upload streamed;
 * handles a caller makes up or takes from another account refused; upload refused with
 * Teamtailor's reason.
 */
class TeamtailorAttachmentsTest {

    @RegisterExtension
    static final SandboxAccount account = SandboxAccount.perClass("teamtailor");

    private static byte[] bytes(HttpResponse<InputStream> answer) throws Exception {
        try (InputStream body = answer.body()) {
            return body.readAllBytes();
        }
    }

    @Test
    void aCandidatesResumesAndUploadsAreListed() {
        String candidate = TeamtailorSimulator.CANDIDATE_ID;
        var listed = account.attachments(candidate);
        assertEquals(List.of("candidates/" + candidate + "/resume", "candidates/" + candidate + "/original-resume",
                "446842", "446843"), listed.stream().map(a -> a.get("id")).toList());
        assertEquals(account.sandbox().teamtailor().uploadIdsOf(candidate), List.of("446842", "446843"));
        assertEquals(List.of("Astrid_Andersson_resume.pdf", "Astrid_Andersson_resume.docx", "cover_letter.pdf",
                "interview_recording.bin"), listed.stream().map(a -> a.get("file_name")).toList());
        assertEquals("resume", listed.get(0).get("attachment_type"));
        assertFalse(listed.get(2).containsKey("attachment_type"), "an upload's type is not documented");
        // An included upload carries its relations' links only (jsonapi.org/format/#fetching-includes): no job id.
        assertFalse(listed.get(2).containsKey("job"), listed.get(2).toString());
        for (var attachment : listed) {
            assertEquals(Map.of("id", candidate), attachment.get("candidate"));
            String fileUrl = (String) attachment.get("file_url");
            assertFalse(fileUrl.contains("storage") || fileUrl.contains("localhost") || fileUrl.contains("127.0.0.1"),
                    "the handle is sealed: " + fileUrl);
        }
        var other = account.attachments(TeamtailorSimulator.OTHER_CANDIDATE_ID);
        assertEquals(List.of("Bo_Andersson_resume.pdf", "references.docx"),
                other.stream().map(a -> a.get("file_name")).toList());
    }

    @Test
    void eachFileDownloadsWithItsBytesTypeLengthAndName() throws Exception {
        String candidate = TeamtailorSimulator.CANDIDATE_ID;
        var listed = account.attachments(candidate);
        var expected = List.of(
                new Object[] {"resume", "application/pdf", "Astrid_Andersson_resume.pdf"},
                new Object[] {"original-resume",
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                    "Astrid_Andersson_resume.docx"},
                new Object[] {"446842", "application/pdf", "cover_letter.pdf"});
        for (int i = 0; i < expected.size(); i++) {
            String file = (String) expected.get(i)[0];
            var answer = account.stream((String) listed.get(i).get("file_url"));
            byte[] body = bytes(answer);
            assertEquals(200, answer.statusCode(), new String(body, StandardCharsets.UTF_8));
            byte[] stored = account.sandbox().teamtailor().storedBytes(candidate, file);
            assertArrayEquals(stored, body, file);
            assertEquals(expected.get(i)[1], answer.headers().firstValue("Content-Type").orElse(""));
            assertEquals(String.valueOf(stored.length), answer.headers().firstValue("Content-Length").orElse(""));
            assertEquals("attachment; filename=\"" + expected.get(i)[2] + "\"",
                    answer.headers().firstValue("Content-Disposition").orElse(""));
        }
        String pdf = new String(account.sandbox().teamtailor().storedBytes(candidate, "resume"), StandardCharsets.US_ASCII);
        assertTrue(pdf.startsWith("%PDF-1.4") && pdf.endsWith("%%EOF\n"), "a whole PDF");
        byte[] docx = account.sandbox().teamtailor().storedBytes(candidate, "original-resume");
        assertEquals('P', docx[0]);
        assertEquals('K', docx[1]); // a zip package, as a .docx is
    }

    @Test
    void theLargeUploadStreamsUnchanged() throws Exception {
        var large = account.attachments(TeamtailorSimulator.CANDIDATE_ID).get(3);
        var answer = account.stream((String) large.get("file_url"));
        assertEquals(200, answer.statusCode());
        long size = TeamtailorSimulator.largeUploadBytes();
        assertTrue(size >= 5L * 1024 * 1024, "some megabytes");
        assertEquals(String.valueOf(size), answer.headers().firstValue("Content-Length").orElse(""));
        long position = 0;
        try (InputStream body = answer.body()) {
            byte[] buffer = new byte[64 * 1024];
            for (int read; (read = body.read(buffer)) > 0; ) {
                for (int i = 0; i < read; i++) {
                    if (buffer[i] != TeamtailorSimulator.largeUploadByteAt(position + i)) {
                        throw new AssertionError("byte " + (position + i) + " changed");
                    }
                }
                position += read;
            }
        }
        assertEquals(size, position);
    }

    @Test
    void aMadeUpOrAnotherAccountsFileUrlIsRefused() throws Exception {
        var madeUp = account.stream("uploads/446842");
        String body = new String(bytes(madeUp), StandardCharsets.UTF_8);
        assertEquals(400, madeUp.statusCode(), body);
        assertTrue(body.contains("file_url"), body);

        String other = account.harness().account("teamtailor", Map.of("api_key", TeamtailorSimulator.API_KEY,
                "base_url", account.sandbox().teamtailorUrl()));
        var theirs = account.attachments(TeamtailorSimulator.CANDIDATE_ID).get(0);
        var foreign = account.stream(other, (String) theirs.get("file_url"));
        assertEquals(400, foreign.statusCode(), new String(bytes(foreign), StandardCharsets.UTF_8));
    }

    @Test
    void attachmentsNeedACandidateAndCannotBeUploaded() {
        var noCandidate = account.get("attachments", "");
        assertEquals(400, noCandidate.statusCode(), noCandidate.body());
        assertTrue(noCandidate.body().contains("candidate_id"), noCandidate.body());
        var byJob = account.get("attachments", "&candidate_id="
                + TeamtailorSimulator.CANDIDATE_ID + "&job_id=7263");
        assertEquals(400, byJob.statusCode(), "a filter Teamtailor cannot apply is refused, not ignored");

        var upload = account.harness().post(account.path("attachments", ""),
                "{\"candidate_id\": \"4\", \"file_name\": \"cv.pdf\", \"content\": \"JVBERi0=\"}");
        assertEquals(400, upload.statusCode(), upload.body());
        assertTrue(upload.body().contains("public url is required"), upload.body());
    }
}
