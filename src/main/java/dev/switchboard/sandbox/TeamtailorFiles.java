package dev.switchboard.sandbox;

import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
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
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

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

    private final byte[] secret = new byte[32];
    private final Map<String, StoredFile> bucket = new ConcurrentHashMap<>();
    private final Map<Long, String> resumes = new ConcurrentHashMap<>();
    private final Map<Long, String> originals = new ConcurrentHashMap<>();
    private final ConcurrentSkipListMap<Long, Upload> uploads = new ConcurrentSkipListMap<>();

    TeamtailorFiles(long candidate, long other, long job) {
        new SecureRandom().nextBytes(secret);
        byte[] pdf = pdf("Astrid Andersson - resume");
        resumes.put(candidate, store("Astrid_Andersson_resume.pdf", "application/pdf", pdf));
        originals.put(candidate, store("Astrid_Andersson_resume.docx",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document", docx("Astrid Andersson")));
        resumes.put(other, store("Bo_Andersson_resume.pdf", "application/pdf", pdf("Bo Andersson - resume")));
        upload(446842, candidate, job, store("cover_letter.pdf", "application/pdf", pdf("Cover letter")), false);
        String large = "k" + Long.toHexString(new SecureRandom().nextLong()) + "/interview_recording.bin";
        bucket.put(large, new StoredFile(large, "interview_recording.bin", "application/octet-stream", LARGE_BYTES,
                () -> generated(LARGE_BYTES)));
        upload(446843, candidate, null, large, true);
        upload(446844, other, null, store("references.docx",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document", docx("References")), false);
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
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((key + "\n" + date + "\n" + seconds)
                    .getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code GET /storage/uploads/{key}}: the bytes of a validly signed, unexpired link, streamed. */
    void serve(Context ctx) {
        String key = ctx.path().substring("/storage/uploads/".length());
        key = java.net.URLDecoder.decode(key, StandardCharsets.UTF_8);
        if (ctx.header("Authorization") != null) {
            s3Error(ctx, 400, "InvalidArgument", "Only one auth mechanism allowed");
            return;
        }
        String date = ctx.queryParam("X-Amz-Date");
        String expires = ctx.queryParam("X-Amz-Expires");
        String given = ctx.queryParam("X-Amz-Signature");
        StoredFile file = bucket.get(key);
        if (file == null || date == null || expires == null || given == null || !expires.matches("\\d{1,5}")
                || !signature(key, date, Integer.parseInt(expires)).equals(given)) {
            s3Error(ctx, 403, "SignatureDoesNotMatch", "The request signature we calculated does not match the "
                    + "signature you provided.");
            return;
        }
        Instant signedAt = Instant.from(AMZ_DATE.parse(date));
        if (Instant.now().isAfter(signedAt.plusSeconds(Integer.parseInt(expires)))) {
            s3Error(ctx, 403, "AccessDenied", "Request has expired");
            return;
        }
        ctx.status(200);
        ctx.header("Content-Length", String.valueOf(file.size()));
        ctx.contentType(file.contentType());
        try (InputStream in = file.bytes().get(); var out = ctx.res().getOutputStream()) {
            in.transferTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void s3Error(Context ctx, int status, String code, String message) {
        ctx.status(status).contentType("application/xml").result("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<Error><Code>" + code + "</Code><Message>" + message + "</Message></Error>");
    }

    // ---- the files' bytes ----

    /** The large file's bytes, position by position, so that a test can recompute them. */
    static byte byteAt(long position) {
        return (byte) (position * 31 + 7);
    }

    private static InputStream generated(long size) {
        return new InputStream() {
            private long position;

            @Override
            public int read() {
                return position < size ? byteAt(position++) & 0xff : -1;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                if (position >= size) {
                    return -1;
                }
                int count = (int) Math.min(length, size - position);
                for (int i = 0; i < count; i++) {
                    buffer[offset + i] = byteAt(position++);
                }
                return count;
            }
        };
    }

    /** A one-page PDF showing a line of text, its cross-reference offsets counted (PDF 1.4). */
    static byte[] pdf(String line) {
        String text = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)");
        String stream = "BT /F1 18 Tf 72 720 Td (" + text + ") Tj ET";
        List<String> objects = List.of(
                "<< /Type /Catalog /Pages 2 0 R >>",
                "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
                        + "/Resources << /Font << /F1 5 0 R >> >> >>",
                "<< /Length " + stream.length() + " >>\nstream\n" + stream + "\nendstream",
                "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
        var pdf = new StringBuilder("%PDF-1.4\n");
        var offsets = new ArrayList<Integer>();
        for (int i = 0; i < objects.size(); i++) {
            offsets.add(pdf.length());
            pdf.append(i + 1).append(" 0 obj\n").append(objects.get(i)).append("\nendobj\n");
        }
        int xref = pdf.length();
        pdf.append("xref\n0 ").append(objects.size() + 1).append("\n0000000000 65535 f \n");
        offsets.forEach(offset -> pdf.append(String.format("%010d 00000 n \n", offset)));
        pdf.append("trailer\n<< /Size ").append(objects.size() + 1).append(" /Root 1 0 R >>\nstartxref\n")
                .append(xref).append("\n%%EOF\n");
        return pdf.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** A minimal Word document: the three parts a .docx needs (ECMA-376 Part 2, Open Packaging Conventions). */
    static byte[] docx(String paragraph) {
        var bytes = new ByteArrayOutputStream();
        try (var zip = new ZipOutputStream(bytes)) {
            entry(zip, "[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                    + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                    + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                    + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                    + "<Override PartName=\"/word/document.xml\" ContentType=\"application/"
                    + "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>");
            entry(zip, "_rels/.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                    + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                    + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
                    + "relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>");
            entry(zip, "word/document.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                    + "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
                    + "<w:body><w:p><w:r><w:t>" + paragraph + "</w:t></w:r></w:p></w:body></w:document>");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void entry(ZipOutputStream zip, String name, String content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }
}
