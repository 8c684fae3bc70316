package dev.switchboard.sandbox;

import io.javalin.http.Context;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The simulated Workable's resumes, and the file storage their links lead to.
 *
 * <p>A Workable candidate's details carry {@code resume_url}, a link to the resume file
 * (workable.readme.io/reference/job-candidates-show; the candidate-events page lists the same
 * candidate keys). The link is a signed storage link outside the API: a third party's recorded
 * example shows {@code https://workable-file-storage.s3.amazonaws.com/...} (unconfirmed by
 * Workable's pages). So the simulator serves files under {@code /storage/...}, outside its API's
 * {@code /spi/v3} (so they are fetched as from storage, without credentials; on the simulator's
 * own loopback host, which {@code serve --sandbox} admits), signed, and refuses a request that
 * carries credentials (400) or a wrong signature (403), as a presigned S3 link does. A
 * resume arrives with the candidate's create, as {@code candidate.resume: {name, data}} with
 * base64 data (workable.readme.io/reference/job-candidates-create); the simulator does not fetch
 * a {@code resume.url} (a simulator limit, said in its 422).
 *
 * <p>Three seeded resumes: a small valid PDF, a valid DOCX, and one large file generated as it is
 * streamed, never held whole.
 */
final class WorkableFiles {

    static final long LARGE_BYTES = 24L * 1024 * 1024;
    private static final byte[] SECRET = "workable-sandbox-storage".getBytes(StandardCharsets.UTF_8);

    /** A stored file: its bytes, or for the large one none, generated as sent. */
    record StoredFile(String name, String contentType, byte[] bytes, long size) {
        static StoredFile of(String name, String contentType, byte[] bytes) {
            return new StoredFile(name, contentType, bytes, bytes.length);
        }

        InputStream open() {
            return bytes != null ? new ByteArrayInputStream(bytes) : new SampleFiles.LargeFile(size).open();
        }
    }

    private final Map<String, StoredFile> resumes = new ConcurrentHashMap<>();
    private final AtomicInteger downloads = new AtomicInteger();

    WorkableFiles(String pdfCandidate, String docxCandidate, String largeCandidate) {
        resumes.put(pdfCandidate, StoredFile.of("resume.pdf", SampleFiles.PDF_TYPE,
                SampleFiles.pdf("Alma Berg - Resume")));
        resumes.put(docxCandidate, StoredFile.of("resume.docx", SampleFiles.DOCX_TYPE,
                SampleFiles.docx("Bruno Costa - Resume")));
        resumes.put(largeCandidate, new StoredFile("portfolio-scan.bin", SampleFiles.BINARY_TYPE, null, LARGE_BYTES));
    }

    int downloads() {
        return downloads.get();
    }

    Optional<StoredFile> resumeOf(String candidateId) {
        return Optional.ofNullable(resumes.get(candidateId));
    }

    /** The bytes of a small stored resume, for tests to compare. */
    Optional<byte[]> bytesOf(String candidateId) {
        return resumeOf(candidateId).map(StoredFile::bytes);
    }

    /** A resume sent with a candidate's create: {@code {name, data}}, data base64. Empty when it is not one. */
    Optional<String> refusal(Object resume) {
        if (!(resume instanceof Map<?, ?> given)) {
            return Optional.of("resume must be an object with name and data");
        }
        if (given.get("url") != null && given.get("data") == null) {
            return Optional.of("resume.url is not fetched by the sandbox; send resume.data");
        }
        if (!Simulator.isNonBlankString(given.get("name")) || !(given.get("data") instanceof String data)) {
            return Optional.of("resume needs name and data (base64)");
        }
        try {
            Base64.getDecoder().decode(data);
        } catch (IllegalArgumentException notBase64) {
            return Optional.of("resume.data must be base64");
        }
        return Optional.empty();
    }

    void keep(String candidateId, Map<?, ?> resume) {
        String name = (String) resume.get("name");
        byte[] bytes = Base64.getDecoder().decode((String) resume.get("data"));
        resumes.put(candidateId, StoredFile.of(name, contentTypeOf(name), bytes));
    }

    /** The candidate's signed resume link, on the storage host name, or null without a resume. */
    String resumeUrl(Context ctx, String candidateId) {
        StoredFile file = resumes.get(candidateId);
        if (file == null) {
            return null;
        }
        String path = "/storage/resumes/" + candidateId + "/" + URLEncoder.encode(file.name(), StandardCharsets.UTF_8)
                .replace("+", "%20");
        return ctx.scheme() + "://" + ctx.host() + path + "?X-Amz-Signature=" + sign(candidateId, file.name());
    }

    /** GET /storage/resumes/{candidate}/{name}: the bytes, streamed, with their type, length and name. */
    void serve(Context ctx) {
        String candidateId = ctx.pathParam("candidate");
        StoredFile file = resumes.get(candidateId);
        if (SampleFiles.refusedForCredentials(ctx)) {
            return;
        }
        if (file == null || !file.name().equals(ctx.pathParam("name"))
                || !SampleFiles.sameSignature(sign(candidateId, file.name()), ctx.queryParam("X-Amz-Signature"))) {
            SampleFiles.s3Error(ctx, 403, "SignatureDoesNotMatch",
                    "The request signature we calculated does not match the signature you provided.");
            return;
        }
        downloads.incrementAndGet();
        SampleFiles.send(ctx, file.contentType(), file.size(), file.name(), file.open());
    }

    /** The 64 KiB block the large file repeats: tests hash the same sequence. */
    static byte[] largeChunk() {
        return SampleFiles.LargeFile.block();
    }

    private static String contentTypeOf(String name) {
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        return lower.endsWith(".pdf") ? SampleFiles.PDF_TYPE
                : lower.endsWith(".docx") ? SampleFiles.DOCX_TYPE
                : SampleFiles.BINARY_TYPE;
    }

    private static String sign(String candidateId, String name) {
        return HexFormat.of().formatHex(SampleFiles.hmacSha256(SECRET, candidateId + "/" + name));
    }
}
