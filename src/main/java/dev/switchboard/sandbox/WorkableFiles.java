package dev.switchboard.sandbox;

import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

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
    }

    private final Map<String, StoredFile> resumes = new ConcurrentHashMap<>();
    private final AtomicInteger downloads = new AtomicInteger();

    WorkableFiles(String pdfCandidate, String docxCandidate, String largeCandidate) {
        resumes.put(pdfCandidate, StoredFile.of("resume.pdf", "application/pdf", pdf()));
        resumes.put(docxCandidate, StoredFile.of("resume.docx",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document", docx()));
        resumes.put(largeCandidate, new StoredFile("portfolio-scan.bin", "application/octet-stream", null, LARGE_BYTES));
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
    void serve(Context ctx) throws IOException {
        String candidateId = ctx.pathParam("candidate");
        StoredFile file = resumes.get(candidateId);
        String signature = ctx.queryParam("X-Amz-Signature");
        if (ctx.header("Authorization") != null) {
            // S3 refuses a presigned request that also carries an Authorization header.
            ctx.status(400).contentType("application/xml").result("<Error><Code>InvalidArgument</Code>"
                    + "<Message>Only one auth mechanism allowed</Message></Error>");
            return;
        }
        if (file == null || signature == null || !file.name().equals(ctx.pathParam("name"))
                || !MessageDigest.isEqual(signature.getBytes(StandardCharsets.US_ASCII),
                        sign(candidateId, file.name()).getBytes(StandardCharsets.US_ASCII))) {
            ctx.status(403).contentType("application/xml").result("<Error><Code>SignatureDoesNotMatch</Code></Error>");
            return;
        }
        downloads.incrementAndGet();
        var res = ctx.res();
        res.setStatus(200);
        res.setContentType(file.contentType());
        res.setContentLengthLong(file.size());
        res.setHeader("Content-Disposition", "attachment; filename=\"" + file.name() + "\"");
        try (OutputStream out = res.getOutputStream()) {
            if (file.bytes() != null) {
                out.write(file.bytes());
            } else {
                byte[] chunk = largeChunk();
                for (long sent = 0; sent < file.size(); sent += chunk.length) {
                    out.write(chunk, 0, (int) Math.min(chunk.length, file.size() - sent));
                }
            }
        }
    }

    /** The 64 KiB block the large file repeats: tests hash the same sequence. */
    static byte[] largeChunk() {
        byte[] chunk = new byte[64 * 1024];
        for (int i = 0; i < chunk.length; i++) {
            chunk[i] = (byte) (i * 131 + 17);
        }
        return chunk;
    }

    private static String contentTypeOf(String name) {
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        return lower.endsWith(".pdf") ? "application/pdf"
                : lower.endsWith(".docx") ? "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
                : "application/octet-stream";
    }

    private static String sign(String candidateId, String name) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((candidateId + "/" + name).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A one-page PDF whose cross-reference offsets are computed, so readers open it. */
    static byte[] pdf() {
        String[] objects = {
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
                    + " /Resources << /Font << /F1 5 0 R >> >> >>",
            null,
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"};
        String text = "BT /F1 18 Tf 72 720 Td (Alma Berg - Resume) Tj ET";
        objects[3] = "<< /Length " + text.length() + " >>\nstream\n" + text + "\nendstream";
        var out = new StringBuilder("%PDF-1.4\n");
        int[] offsets = new int[objects.length];
        for (int i = 0; i < objects.length; i++) {
            offsets[i] = out.length();
            out.append(i + 1).append(" 0 obj\n").append(objects[i]).append("\nendobj\n");
        }
        int xref = out.length();
        out.append("xref\n0 ").append(objects.length + 1).append("\n0000000000 65535 f \n");
        for (int offset : offsets) {
            out.append(String.format("%010d 00000 n \n", offset));
        }
        out.append("trailer\n<< /Size ").append(objects.length + 1).append(" /Root 1 0 R >>\nstartxref\n")
                .append(xref).append("\n%%EOF\n");
        return out.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** The smallest DOCX Word opens: content types, the package relationship, one document part. */
    static byte[] docx() {
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
                    + "<w:body><w:p><w:r><w:t>Bruno Costa - Resume</w:t></w:r></w:p></w:body></w:document>");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }

    private static void entry(ZipOutputStream zip, String name, String text) throws IOException {
        var entry = new ZipEntry(name);
        entry.setTime(0);
        zip.putNextEntry(entry);
        zip.write(text.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }
}
