package dev.switchboard.sandbox;

import io.javalin.http.Context;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The simulated Greenhouse's attachments and the storage host that serves their bytes.
 *
 * <p>Sources: harvestdocs.greenhouse.io/reference/get_v3-attachments ("Each attachment belongs to
 * one application"; filters application_ids, candidate_ids, type; "The url returned for each
 * attachment is a time-limited download link that expires after seven days"); the attachment's
 * fields as an integrator's v3 connector lists them (docs.workato.com/connectors/greenhouse/create-attachment-v3:
 * id, created_at, updated_at, application_id, candidate_id, type, filename, url, content_type,
 * visibility; a create takes the application, filename, type, and the content or a URL); v1's
 * "Add Attachment" (grnhse/greenhouse-api-docs, {@code source/includes/harvest/_candidates.md}:
 * base64 {@code content}, {@code type} one of resume, cover_letter, admin_only, take_home_test,
 * offer_packet, offer_letter, signed_offer_letter, other; a 201). The url is a signed S3 link
 * (v1's example: {@code prod-heroku.s3.amazonaws.com}), here {@code localhost} by another name
 * than the API's host, signed with an HMAC as S3's query authentication is. Guesses: the
 * create's answer is the attachment object, and its errors are v3's {@code errors} list.
 *
 * <p>The files: a small valid PDF, a DOCX (a zip of its three required parts), and a large
 * file generated while it is sent, never held whole.
 */
final class GreenhouseFiles {

    /** The large file's size: some megabytes, enough that a whole-answer read would be refused. */
    static final long LARGE = 12L * 1024 * 1024;
    static final Set<String> TYPES = Set.of("resume", "cover_letter", "admin_only", "take_home_test",
            "offer_packet", "offer_letter", "signed_offer_letter", "other");

    /** An attachment's bytes: opened anew for each download. */
    record StoredFile(String contentType, long size, Supplier<InputStream> bytes) {
        static StoredFile of(String contentType, byte[] bytes) {
            return new StoredFile(contentType, bytes.length, () -> new ByteArrayInputStream(bytes));
        }
    }

    private final byte[] signingKey = "sandbox-greenhouse-storage-key".getBytes(StandardCharsets.UTF_8);
    private final List<Map<String, Object>> attachments = new ArrayList<>();
    private final Map<Long, StoredFile> files = new LinkedHashMap<>();
    private final AtomicLong nextId = new AtomicLong(512034);

    GreenhouseFiles(GreenhouseWorld world) {
        byte[] pdf = pdf();
        byte[] docx = docx();
        for (var application : world.all("applications")) {
            long id = ((Number) application.get("id")).longValue();
            if (id % 2 != 0) {
                continue;
            }
            String candidate = String.valueOf(application.get("candidate_id"));
            add(application, "Resume_" + candidate + ".pdf", "resume", StoredFile.of(SampleFiles.PDF_TYPE, pdf),
                    "2026-03-05T10:00:00.000Z");
            if (id % 4 == 2) {
                add(application, "Cover_Letter_" + candidate + ".docx", "cover_letter",
                        StoredFile.of(SampleFiles.DOCX_TYPE, docx), "2026-03-05T10:01:00.000Z");
            }
        }
        var first = world.all("applications").get(0);
        add(first, "Portfolio_" + first.get("candidate_id") + ".bin", "other", new StoredFile(SampleFiles.BINARY_TYPE,
                LARGE, new SampleFiles.LargeFile(LARGE)::open), "2026-03-05T10:02:00.000Z");
    }

    private synchronized Map<String, Object> add(Map<String, Object> application, String name, String type,
            StoredFile file, String at) {
        var attachment = new LinkedHashMap<String, Object>();
        long id = nextId.getAndIncrement();
        attachment.put("id", id);
        attachment.put("application_id", application.get("id"));
        attachment.put("candidate_id", application.get("candidate_id"));
        attachment.put("filename", name);
        attachment.put("type", type);
        attachment.put("content_type", file.contentType());
        attachment.put("visibility", "public");
        attachment.put("created_at", at);
        attachment.put("updated_at", at);
        attachments.add(attachment);
        files.put(id, file);
        return attachment;
    }

    synchronized List<Map<String, Object>> all() {
        return List.copyOf(attachments);
    }

    /** The attachment as the API shows it: with its signed storage link, made for the host asked. */
    Map<String, Object> present(Context ctx, Map<String, Object> attachment) {
        var shown = new LinkedHashMap<>(attachment);
        long id = ((Number) attachment.get("id")).longValue();
        shown.put("url", "http://localhost:" + ctx.port() + "/storage/attachments/" + id + "/"
                + java.net.URLEncoder.encode((String) attachment.get("filename"), StandardCharsets.UTF_8)
                + "?X-Amz-Expires=604800&X-Amz-Signature=" + sign(id));
        return shown;
    }

    /**
     * {@code GET /storage/attachments/{id}/{name}?X-Amz-Signature=}: the bytes with their type, length
     * and name. As S3 does, a link with a wrong signature is a 403, and a request that also sends an
     * Authorization header is refused (400), so credentials never reach storage.
     */
    void download(Context ctx) {
        if (SampleFiles.refusedForCredentials(ctx)) {
            return;
        }
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            ctx.status(404);
            return;
        }
        StoredFile file;
        String name;
        synchronized (this) {
            file = files.get(id);
            name = attachments.stream().filter(a -> ((Number) a.get("id")).longValue() == id)
                    .map(a -> (String) a.get("filename")).findFirst().orElse(null);
        }
        if (file == null || !SampleFiles.sameSignature(sign(id), ctx.queryParam("X-Amz-Signature"))) {
            SampleFiles.s3Error(ctx, 403, "SignatureDoesNotMatch",
                    "The request signature we calculated does not match the signature you provided.");
            return;
        }
        SampleFiles.send(ctx, file.contentType(), file.size(), name, file.bytes().get());
    }

    /** {@code POST /v3/attachments}: a file added to an application; the created attachment, 201. */
    void create(Context ctx, GreenhouseWorld world) {
        var body = Simulator.jsonObject(ctx).orElse(null);
        if (body == null) {
            refuse(ctx, "body", "must be a JSON object");
            return;
        }
        for (String key : body.keySet()) {
            if (!Set.of("application_id", "filename", "type", "content", "url", "content_type", "visibility").contains(key)) {
                refuse(ctx, key, "is not a known attribute");
                return;
            }
        }
        Optional<Map<String, Object>> application = body.get("application_id") instanceof Number number
                ? world.application(number.longValue()) : Optional.empty();
        if (application.isEmpty()) {
            refuse(ctx, "application_id", "must name an application");
            return;
        }
        if (!Simulator.isNonBlankString(body.get("filename"))) {
            refuse(ctx, "filename", "is required");
            return;
        }
        if (!(body.get("type") instanceof String type) || !TYPES.contains(type)) {
            refuse(ctx, "type", "must be one of " + TYPES);
            return;
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(String.valueOf(body.get("content")));
        } catch (IllegalArgumentException e) {
            refuse(ctx, "content", "must be base64");
            return;
        }
        if (!(body.get("content") instanceof String) || bytes.length == 0) {
            refuse(ctx, "content", "is required (this simulation takes no url)");
            return;
        }
        String contentType = body.get("content_type") instanceof String given ? given : SampleFiles.BINARY_TYPE;
        var created = add(application.get(), (String) body.get("filename"), type, StoredFile.of(contentType, bytes),
                GreenhouseWorld.now());
        Simulator.json(ctx, 201, present(ctx, created));
    }

    private static void refuse(Context ctx, String field, String message) {
        Simulator.json(ctx, 422, Map.of("errors", List.of(Map.of("field", field, "message", field + " " + message))));
    }

    private String sign(long id) {
        return HexFormat.of().formatHex(SampleFiles.hmacSha256(signingKey, String.valueOf(id)));
    }

    /** The large file's byte at a position: what a test compares the download with. */
    static byte largeByte(long position) {
        return SampleFiles.LargeFile.byteAt(position);
    }

    /** The seeded resumes' bytes, and below the cover letters', for a test to compare a download with. */
    static byte[] pdf() {
        return SampleFiles.pdf("Resume");
    }

    static byte[] docx() {
        return SampleFiles.docx("Cover letter");
    }
}
