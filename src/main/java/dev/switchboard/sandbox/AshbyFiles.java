package dev.switchboard.sandbox;

import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The simulated Ashby's candidate files: handles on candidate.info ({@code resumeFileHandle}
 * and {@code fileHandles[]}, each {id, name, handle}), {@code file.info} turning a handle into
 * a short-lived signed link, and the storage host that link points at.
 *
 * <p>Sources: Ashby's OpenAPI, /file.info ("Retrieve the url of a file associated with a
 * candidate"; {fileHandle} → results.url, e.g. https://s3.amazonaws.com/…) and /candidate.info
 * (resumeFileHandle, fileHandles); the documented handle example is base64 of
 * {"handle": {"type": "CandidateFile", "fileId", "ownerId"}, "signature", "version"}, which these
 * handles copy. The storage host plays S3's presigned links: no API credentials, a signature and
 * an expiry in the query, and (guess, as S3 does for a presigned URL) a request that also carries
 * an Authorization header is refused. It is reached as {@code localhost} while the API is
 * {@code 127.0.0.1}, so it is another host, as S3 is. Files: a small valid PDF, a small valid
 * DOCX, and a large file generated as it is sent, never held whole.
 */
final class AshbyFiles {

    static final long LARGE_FILE_BYTES = 8L * 1024 * 1024;
    static final String LARGE_FILE_NAME = "portfolio-recordings.bin";
    private static final long LINK_SECONDS = 600;

    /** A file: its bytes are made on demand, so the large one is never in memory. */
    record StoredFile(String id, String ownerId, String name, String contentType, long size, byte[] small) {
        InputStream open() {
            return small != null ? new java.io.ByteArrayInputStream(small) : new GeneratedStream(size);
        }
    }

    private final byte[] key = new byte[32];
    private final Map<String, StoredFile> files = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicInteger counter = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicInteger uploads = new java.util.concurrent.atomic.AtomicInteger();

    AshbyFiles() {
        new SecureRandom().nextBytes(key);
    }

    /** Gives the candidate a resume and a portfolio, as candidate.info lists them. */
    void seed(Map<String, Object> candidate, boolean large) {
        String owner = (String) candidate.get("id");
        var resume = add(owner, "resume.pdf", "application/pdf", pdf(), 0);
        var portfolio = large
                ? add(owner, LARGE_FILE_NAME, "application/octet-stream", null, LARGE_FILE_BYTES)
                : add(owner, "portfolio.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                        docx(), 0);
        candidate.put("resumeFileHandle", resume);
        @SuppressWarnings("unchecked")
        var handles = (List<Object>) candidate.get("fileHandles");
        handles.add(resume);
        handles.add(portfolio);
    }

    Optional<StoredFile> file(String id) {
        return Optional.ofNullable(files.get(id));
    }

    private Map<String, Object> add(String owner, String name, String contentType, byte[] bytes, long size) {
        String id = AshbyWorld.id("file", counter.getAndIncrement());
        files.put(id, new StoredFile(id, owner, name, contentType, bytes != null ? bytes.length : size, bytes));
        String payload = "{\"handle\":{\"type\":\"CandidateFile\",\"fileId\":\"" + id + "\",\"ownerId\":\"" + owner
                + "\"},\"signature\":\"" + sign("handle:" + id) + "\",\"version\":\"1\"}";
        var handle = new LinkedHashMap<String, Object>();
        handle.put("id", id);
        handle.put("name", name);
        handle.put("handle", Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8)));
        return handle;
    }

    /**
     * candidate.uploadFile, multipart form: candidateId and the file in a {@code file} part
     * (Ashby's OpenAPI, /candidate.uploadFile: "Deprecated: Multipart upload … with the file in a
     * file field"; the presigned-handle form needs file.createFileUploadHandle first, which this
     * simulator does not offer). Answers the candidate, as candidate.info gives it, with the new
     * file among its fileHandles.
     */
    void uploadFile(Context ctx, java.util.function.Function<String, Optional<Map<String, Object>>> candidates) {
        if (!String.valueOf(ctx.contentType()).startsWith("multipart/form-data")) {
            Simulator.json(ctx, 200, AshbySimulator.failure("invalid_input", "fileHandle is required"));
            return;
        }
        String candidateId = ctx.formParam("candidateId");
        var upload = ctx.uploadedFile("file");
        if (candidateId == null || candidateId.isBlank() || upload == null) {
            Simulator.json(ctx, 200, AshbySimulator.failure("invalid_input", "candidateId and file are required"));
            return;
        }
        var candidate = candidates.apply(candidateId).orElse(null);
        if (candidate == null) {
            Simulator.json(ctx, 200, AshbySimulator.failure("candidate_not_found", "Candidate not found"));
            return;
        }
        byte[] bytes;
        try (InputStream in = upload.content()) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        uploads.incrementAndGet();
        String type = upload.contentType() == null ? "application/octet-stream" : upload.contentType();
        var handle = add(candidateId, upload.filename(), type, bytes, 0);
        synchronized (candidate) {
            @SuppressWarnings("unchecked")
            var handles = (List<Object>) candidate.get("fileHandles");
            handles.add(handle);
        }
        Simulator.json(ctx, 200, Map.of("success", true, "results", candidate));
    }

    /** Files received by candidate.uploadFile: a replayed upload must not add one. */
    int uploads() {
        return uploads.get();
    }

    /** file.info: {fileHandle} → {"results": {"url"}}; a handle this world did not give is refused (guess: code). */
    void fileInfo(Context ctx) {
        var body = Simulator.jsonObject(ctx).orElse(Map.of());
        if (!Simulator.isNonBlankString(body.get("fileHandle"))) {
            Simulator.json(ctx, 200, AshbySimulator.failure("invalid_input", "fileHandle is required"));
            return;
        }
        Optional<StoredFile> file = fileOf((String) body.get("fileHandle"));
        if (file.isEmpty()) {
            Simulator.json(ctx, 200, AshbySimulator.failure("invalid_input", "fileHandle is not a valid file handle"));
            return;
        }
        long expires = Instant.now().getEpochSecond() + LINK_SECONDS;
        String url = "http://localhost:" + ctx.req().getLocalPort() + "/storage/" + file.get().id() + "?expires=" + expires
                + "&signature=" + sign(file.get().id() + "|" + expires);
        Simulator.json(ctx, 200, Map.of("success", true, "results", Map.of("url", url)));
    }

    /** The storage host: the file's bytes, streamed, for a signed and unexpired link without credentials. */
    void storage(Context ctx) throws IOException {
        if (ctx.header("Authorization") != null) {
            ctx.status(400).contentType("application/xml").result("<Error><Code>InvalidArgument</Code>"
                    + "<Message>Only one auth mechanism allowed</Message></Error>");
            return;
        }
        String id = ctx.pathParam("file");
        String expires = Optional.ofNullable(ctx.queryParam("expires")).orElse("");
        StoredFile file = files.get(id);
        if (file == null || !expires.matches("\\d{1,12}") || Long.parseLong(expires) < Instant.now().getEpochSecond()
                || !MessageDigest.isEqual(sign(id + "|" + expires).getBytes(StandardCharsets.UTF_8),
                        Optional.ofNullable(ctx.queryParam("signature")).orElse("").getBytes(StandardCharsets.UTF_8))) {
            ctx.status(403).contentType("application/xml").result("<Error><Code>AccessDenied</Code>"
                    + "<Message>Request has expired or its signature does not match</Message></Error>");
            return;
        }
        var response = ctx.res();
        response.setStatus(200);
        response.setContentType(file.contentType());
        response.setContentLengthLong(file.size());
        response.setHeader("Content-Disposition", "attachment; filename=\"" + file.name() + "\"");
        try (InputStream in = file.open(); OutputStream out = response.getOutputStream()) {
            in.transferTo(out);
        }
    }

    private Optional<StoredFile> fileOf(String handle) {
        try {
            String payload = new String(Base64.getUrlDecoder().decode(handle), StandardCharsets.UTF_8);
            var matcher = java.util.regex.Pattern.compile("\"fileId\":\"([^\"]+)\".*\"signature\":\"([^\"]+)\"").matcher(payload);
            if (matcher.find() && MessageDigest.isEqual(sign("handle:" + matcher.group(1)).getBytes(StandardCharsets.UTF_8),
                    matcher.group(2).getBytes(StandardCharsets.UTF_8))) {
                return file(matcher.group(1));
            }
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private String sign(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A one-page PDF (PDF 1.4: catalog, pages, page, content stream, cross-reference table). */
    static byte[] pdf() {
        String content = "BT /F1 12 Tf 72 720 Td (Ada Lovelace - Resume) Tj ET";
        String[] objects = {
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
                    + " /Resources << /Font << /F1 5 0 R >> >> >>",
            "<< /Length " + content.length() + " >>\nstream\n" + content + "\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"};
        var pdf = new StringBuilder("%PDF-1.4\n");
        var offsets = new long[objects.length];
        for (int i = 0; i < objects.length; i++) {
            offsets[i] = pdf.length();
            pdf.append(i + 1).append(" 0 obj\n").append(objects[i]).append("\nendobj\n");
        }
        long xref = pdf.length();
        pdf.append("xref\n0 ").append(objects.length + 1).append("\n0000000000 65535 f \n");
        for (long offset : offsets) {
            pdf.append(String.format("%010d 00000 n \n", offset));
        }
        pdf.append("trailer\n<< /Size ").append(objects.length + 1).append(" /Root 1 0 R >>\nstartxref\n")
                .append(xref).append("\n%%EOF\n");
        return pdf.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** A minimal WordprocessingML package: content types, the package relationship, one document part. */
    static byte[] docx() {
        Map<String, String> parts = new LinkedHashMap<>();
        parts.put("[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                + "<Override PartName=\"/word/document.xml\" ContentType=\"application/"
                + "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>");
        parts.put("_rels/.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
                + "relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>");
        parts.put("word/document.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                + "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
                + "<w:body><w:p><w:r><w:t>Portfolio: selected projects</w:t></w:r></w:p></w:body></w:document>");
        var bytes = new ByteArrayOutputStream();
        try (var zip = new ZipOutputStream(bytes)) {
            for (var part : parts.entrySet()) {
                var entry = new ZipEntry(part.getKey());
                entry.setTime(0);
                zip.putNextEntry(entry);
                zip.write(part.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }

    /** The large file's bytes, made as they are read: byte i is (i * 31 + 7) mod 256. */
    static final class GeneratedStream extends InputStream {
        private final long size;
        private long position;

        GeneratedStream(long size) {
            this.size = size;
        }

        @Override
        public int read() {
            return position < size ? (int) ((position++ * 31 + 7) & 0xff) : -1;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (position >= size) {
                return -1;
            }
            int count = (int) Math.min(length, size - position);
            for (int i = 0; i < count; i++) {
                buffer[offset + i] = (byte) ((position++ * 31 + 7) & 0xff);
            }
            return count;
        }
    }
}
