package dev.switchboard.sandbox;

import io.javalin.http.Context;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
            return small != null ? new ByteArrayInputStream(small) : new SampleFiles.LargeFile(size).open();
        }
    }

    private final byte[] key = SampleFiles.freshKey();
    private final Map<String, StoredFile> files = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicInteger counter = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicInteger uploads = new java.util.concurrent.atomic.AtomicInteger();

    /** Gives the candidate a resume and a portfolio, as candidate.info lists them. */
    void seed(Map<String, Object> candidate, boolean large) {
        String owner = (String) candidate.get("id");
        var resume = add(owner, "resume.pdf", SampleFiles.PDF_TYPE, SampleFiles.pdf("Ada Lovelace - Resume"), 0);
        var portfolio = large
                ? add(owner, LARGE_FILE_NAME, SampleFiles.BINARY_TYPE, null, LARGE_FILE_BYTES)
                : add(owner, "portfolio.docx", SampleFiles.DOCX_TYPE,
                        SampleFiles.docx("Portfolio: selected projects"), 0);
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
        byte[] bytes = SampleFiles.bytesOf(upload);
        uploads.incrementAndGet();
        var handle = add(candidateId, upload.filename(), SampleFiles.typeOf(upload), bytes, 0);
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
    void storage(Context ctx) {
        if (SampleFiles.refusedForCredentials(ctx)) {
            return;
        }
        String id = ctx.pathParam("file");
        String expires = Optional.ofNullable(ctx.queryParam("expires")).orElse("");
        StoredFile file = files.get(id);
        if (file == null || !expires.matches("\\d{1,12}") || Long.parseLong(expires) < Instant.now().getEpochSecond()
                || !SampleFiles.sameSignature(sign(id + "|" + expires), ctx.queryParam("signature"))) {
            SampleFiles.s3Error(ctx, 403, "AccessDenied", "Request has expired or its signature does not match");
            return;
        }
        SampleFiles.send(ctx, file.contentType(), file.size(), file.name(), file.open());
    }

    private Optional<StoredFile> fileOf(String handle) {
        try {
            String payload = new String(Base64.getUrlDecoder().decode(handle), StandardCharsets.UTF_8);
            var matcher = java.util.regex.Pattern.compile("\"fileId\":\"([^\"]+)\".*\"signature\":\"([^\"]+)\"").matcher(payload);
            if (matcher.find() && SampleFiles.sameSignature(sign("handle:" + matcher.group(1)), matcher.group(2))) {
                return file(matcher.group(1));
            }
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private String sign(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(SampleFiles.hmacSha256(key, text));
    }
}
