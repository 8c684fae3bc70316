package dev.switchboard.sandbox;

import io.javalin.http.Context;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Supplier;

/**
 * The simulated Teamtailor's files: each candidate's resume ("Signed URL to pdf-version of
 * resume, valid for 30 seconds") and original resume, and uploads ("A file uploaded to a
 * candidate", its {@code url} "Signed URL to file, valid for 1 minute"), kept in a simulated
 * storage bucket served under {@code /storage/} on the simulator's own port, outside the API's
 * {@code /v1}, as Teamtailor's files are on S3 rather than on api.teamtailor.com.
 *
 * <p>Sources, in the repository Teamtailor/docs: {@code source/includes/candidates/_index.md.erb}
 * (resume, original-resume, the uploads relation), {@code uploads/_index.md.erb} (url, file-name,
 * internal; candidate and job relations), {@code _changelog.md.erb} 2018-11-05 (upload links are
 * valid for 1 minute). The storage answers as S3 does to a presigned GET (docs.aws.amazon.com/AmazonS3/
 * latest/API/sigv4-query-string-auth.html: X-Amz-Date, X-Amz-Expires, X-Amz-Signature; an expired or
 * altered link is a 403; a request that also carries an Authorization header is refused, as S3
 * takes one authentication mechanism only). Guesses, marked: the link's path holds the file's name as
 * the documented example's does ({@code .../uploads/<hash>/cover_letter.pdf}); no Content-Disposition is
 * sent, as S3 sends none unless the object was stored with one.
 */
final class TeamtailorFiles {

    /** The large upload: streamed from a generator, never held. */
    static final long LARGE_BYTES = 6L * 1024 * 1024;
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final int RESUME_SECONDS = 30;
    private static final int UPLOAD_SECONDS = 60;

    record StoredFile(String key, String name, String contentType, long size, Supplier<InputStream> bytes) {
    }

    record Upload(long id, long candidate, Long job, String key, boolean internal) {
    }

    private final byte[] secret = SampleFiles.freshKey();
    private final Map<String, StoredFile> bucket = new ConcurrentHashMap<>();
    private final Map<Long, String> resumes = new ConcurrentHashMap<>();
    private final Map<Long, String> originals = new ConcurrentHashMap<>();
    private final ConcurrentSkipListMap<Long, Upload> uploads = new ConcurrentSkipListMap<>();

    TeamtailorFiles(long candidate, long other, long job) {
        resumes.put(candidate, store("Astrid_Andersson_resume.pdf", SampleFiles.PDF_TYPE,
                SampleFiles.pdf("Astrid Andersson - resume")));
        originals.put(candidate, store("Astrid_Andersson_resume.docx", SampleFiles.DOCX_TYPE,
                SampleFiles.docx("Astrid Andersson")));
        resumes.put(other, store("Bo_Andersson_resume.pdf", SampleFiles.PDF_TYPE,
                SampleFiles.pdf("Bo Andersson - resume")));
        upload(446842, candidate, job, store("cover_letter.pdf", SampleFiles.PDF_TYPE, SampleFiles.pdf("Cover letter")),
                false);
        String large = "k" + Long.toHexString(new SecureRandom().nextLong()) + "/interview_recording.bin";
        bucket.put(large, new StoredFile(large, "interview_recording.bin", SampleFiles.BINARY_TYPE, LARGE_BYTES,
                new SampleFiles.LargeFile(LARGE_BYTES)::open));
        upload(446843, candidate, null, large, true);
        upload(446844, other, null, store("references.docx", SampleFiles.DOCX_TYPE, SampleFiles.docx("References")),
                false);
    }

    private String store(String name, String contentType, byte[] bytes) {
        String key = "k" + Long.toHexString(new SecureRandom().nextLong()) + "/" + name;
        bucket.put(key, new StoredFile(key, name, contentType, bytes.length, () -> new java.io.ByteArrayInputStream(bytes)));
        return key;
    }

    private void upload(long id, long candidate, Long job, String key, boolean internal) {
        uploads.put(id, new Upload(id, candidate, job, key, internal));
    }

    // ---- reads ----

    List<Long> uploadIds(Optional<Long> candidate) {
        var ids = new ArrayList<Long>();
        uploads.values().stream().filter(u -> candidate.map(c -> c == u.candidate()).orElse(true))
                .forEach(u -> ids.add(u.id()));
        return ids;
    }

    boolean hasUpload(long id) {
        return uploads.containsKey(id);
    }

    Upload upload(long id) {
        return uploads.get(id);
    }

    /** The candidate's resume links, freshly signed, as a read of the candidate gives them. */
    void resumeLinks(long candidate, Map<String, Object> attributes, String origin) {
        Optional.ofNullable(resumes.get(candidate)).ifPresent(key -> attributes.put("resume",
                signed(origin, key, RESUME_SECONDS)));
        Optional.ofNullable(originals.get(candidate)).ifPresent(key -> attributes.put("original-resume",
                signed(origin, key, RESUME_SECONDS)));
    }

    Map<String, Object> uploadAttributes(long id, String origin) {
        Upload upload = uploads.get(id);
        var attributes = new LinkedHashMap<String, Object>();
        attributes.put("url", signed(origin, upload.key(), UPLOAD_SECONDS));
        attributes.put("file-name", bucket.get(upload.key()).name());
        attributes.put("internal", upload.internal());
        return attributes;
    }

    /** The stored file a key names, for tests that compare bytes. */
    Optional<StoredFile> file(String key) {
        return Optional.ofNullable(bucket.get(key));
    }

    Optional<String> resumeKey(long candidate) {
        return Optional.ofNullable(resumes.get(candidate));
    }

    Optional<String> originalResumeKey(long candidate) {
        return Optional.ofNullable(originals.get(candidate));
    }

    // ---- the storage host ----

    private String signed(String origin, String key, int seconds) {
        String date = AMZ_DATE.format(Instant.now());
        return origin + "/storage/uploads/" + key + "?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=" + date
                + "&X-Amz-Expires=" + seconds + "&X-Amz-SignedHeaders=host&X-Amz-Signature="
                + signature(key, date, seconds);
    }

    private String signature(String key, String date, int seconds) {
        return HexFormat.of().formatHex(SampleFiles.hmacSha256(secret, key + "\n" + date + "\n" + seconds));
    }

    /** {@code GET /storage/uploads/{key}}: the bytes of a validly signed, unexpired link, streamed. */
    void serve(Context ctx) {
        String key = ctx.path().substring("/storage/uploads/".length());
        key = java.net.URLDecoder.decode(key, StandardCharsets.UTF_8);
        if (SampleFiles.refusedForCredentials(ctx)) {
            return;
        }
        String date = ctx.queryParam("X-Amz-Date");
        String expires = ctx.queryParam("X-Amz-Expires");
        String given = ctx.queryParam("X-Amz-Signature");
        StoredFile file = bucket.get(key);
        if (file == null || date == null || expires == null || given == null || !expires.matches("\\d{1,5}")
                || !SampleFiles.sameSignature(signature(key, date, Integer.parseInt(expires)), given)) {
            SampleFiles.s3Error(ctx, 403, "SignatureDoesNotMatch",
                    "The request signature we calculated does not match the signature you provided.");
            return;
        }
        Instant signedAt = Instant.from(AMZ_DATE.parse(date));
        if (Instant.now().isAfter(signedAt.plusSeconds(Integer.parseInt(expires)))) {
            SampleFiles.s3Error(ctx, 403, "AccessDenied", "Request has expired");
            return;
        }
        SampleFiles.send(ctx, file.contentType(), file.size(), null, file.bytes().get());
    }

    // ---- the files' bytes ----

    /** The large file's bytes, position by position, so that a test can recompute them. */
    static byte byteAt(long position) {
        return SampleFiles.LargeFile.byteAt(position);
    }
}
