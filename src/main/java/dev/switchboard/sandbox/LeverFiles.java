package dev.switchboard.sandbox;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.UploadedFile;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

/**
 * The simulated Lever's files on opportunities (hire.lever.co/developer/documentation,
 * section "Files"): "List all files" answers {@code {"data": [{id, downloadUrl, ext, name,
 * uploadedAt, status, size}], "hasNext", "next"}}; "Download a file"
 * ({@code GET /opportunities/:opportunity/files/:file/download}, the file's downloadUrl, under
 * the API and behind its authentication) answers the bytes; "Upload a single file"
 * ({@code POST /opportunities/:opportunity/files?perform_as=…}, multipart part {@code file},
 * at most 30 MB, per the same section as summarized by Knit's Lever use cases,
 * developers.getknit.dev/docs/lever-usecases) answers the file as listed.
 *
 * <p>The named opportunity holds a small valid PDF, a small valid DOCX and one large file
 * generated while it is sent, never held whole. Guesses, marked as such: the upload's status
 * code (200) and the refusal texts; that perform_as is required on upload (Knit's summary says
 * the request must include it).
 */
final class LeverFiles {

    /** The large file's length: several MB, produced on the fly. */
    static final long LARGE_BYTES = 8L * 1024 * 1024 + 123;
    static final long MAX_UPLOAD_BYTES = 30L * 1024 * 1024;

    /** A file: its Lever fields, and where its bytes come from. */
    record StoredFile(Map<String, Object> fields, String contentType, byte[] bytes, long length) {

        InputStream open() {
            return bytes != null ? new java.io.ByteArrayInputStream(bytes) : new SampleFiles.LargeFile(length).open();
        }
    }

    private final LeverWorld world;
    /** Opportunity id → its files, oldest first. */
    private final Map<String, List<StoredFile>> files = new ConcurrentHashMap<>();

    LeverFiles(LeverWorld world, String opportunityWithFiles) {
        this.world = world;
        long uploaded = 1_767_700_000_000L;
        add(opportunityWithFiles, LeverWorld.id("file", 0), "Resume.pdf", "pdf", SampleFiles.PDF_TYPE,
                SampleFiles.pdf("Ada Byron - Resume"), uploaded);
        add(opportunityWithFiles, LeverWorld.id("file", 1), "Cover letter.docx", "docx", SampleFiles.DOCX_TYPE,
                SampleFiles.docx("Dear hiring team,"), uploaded + 60_000);
        var large = new LinkedHashMap<String, Object>();
        large.put("id", LeverWorld.id("file", 2));
        large.put("name", "Work samples.bin");
        large.put("ext", "bin");
        large.put("uploadedAt", uploaded + 120_000);
        large.put("status", "processed");
        large.put("size", LARGE_BYTES);
        files.computeIfAbsent(opportunityWithFiles, id -> new CopyOnWriteArrayList<>())
                .add(new StoredFile(large, SampleFiles.BINARY_TYPE, null, LARGE_BYTES));
    }

    void register(BiConsumer<String, Handler> get, BiConsumer<String, Handler> post) {
        get.accept("/v1/opportunities/{id}/files", ctx -> {
            if (world.find(world.opportunities, ctx.pathParam("id")).isEmpty()) {
                Simulator.json(ctx, 404, LeverReads.error("ResourceNotFound", "Opportunity not found"));
                return;
            }
            LeverReads.page(ctx, of(ctx.pathParam("id")).stream().map(file -> listed(ctx, file)).toList());
        });
        get.accept("/v1/opportunities/{id}/files/{fileId}/download", this::download);
        post.accept("/v1/opportunities/{id}/files", this::upload);
    }

    List<StoredFile> of(String opportunityId) {
        return List.copyOf(files.getOrDefault(opportunityId, List.of()));
    }

    private void download(Context ctx) {
        var file = of(ctx.pathParam("id")).stream()
                .filter(one -> one.fields().get("id").equals(ctx.pathParam("fileId"))).findFirst().orElse(null);
        if (file == null) {
            Simulator.json(ctx, 404, LeverReads.error("ResourceNotFound", "File not found"));
            return;
        }
        SampleFiles.send(ctx, file.contentType(), file.length(), (String) file.fields().get("name"), file.open());
    }

    private void upload(Context ctx) {
        String opportunityId = ctx.pathParam("id");
        if (world.find(world.opportunities, opportunityId).isEmpty()) {
            Simulator.json(ctx, 404, LeverReads.error("ResourceNotFound", "Opportunity not found"));
            return;
        }
        String performAs = ctx.queryParam("perform_as");
        if (performAs == null || !world.isUser(performAs)) {
            Simulator.json(ctx, 400, LeverReads.error("BadRequestError", "perform_as must be the id of an active user"));
            return;
        }
        String type = ctx.contentType();
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/form-data")) {
            Simulator.json(ctx, 400, LeverReads.error("BadRequestError", "Request must be multipart/form-data"));
            return;
        }
        UploadedFile part = ctx.uploadedFile("file");
        if (part == null) {
            Simulator.json(ctx, 400, LeverReads.error("BadRequestError", "file is required"));
            return;
        }
        if (part.size() > MAX_UPLOAD_BYTES) {
            Simulator.json(ctx, 413, LeverReads.error("RequestEntityTooLarge", "file must be at most 30MB"));
            return;
        }
        byte[] bytes = SampleFiles.bytesOf(part);
        String name = part.filename() == null || part.filename().isBlank() ? "file" : part.filename();
        int dot = name.lastIndexOf('.');
        var stored = add(opportunityId, UUID.randomUUID().toString(), name, dot < 0 ? "" : name.substring(dot + 1),
                SampleFiles.typeOf(part), bytes, System.currentTimeMillis());
        Simulator.json(ctx, 200, Map.of("data", listed(ctx, stored)));
    }

    private StoredFile add(String opportunityId, String id, String name, String ext, String contentType, byte[] bytes,
            long uploadedAt) {
        var fields = new LinkedHashMap<String, Object>();
        fields.put("id", id);
        fields.put("name", name);
        fields.put("ext", ext);
        fields.put("uploadedAt", uploadedAt);
        fields.put("status", "processed");
        fields.put("size", bytes.length);
        var file = new StoredFile(fields, contentType, bytes, bytes.length);
        files.computeIfAbsent(opportunityId, key -> new CopyOnWriteArrayList<>()).add(file);
        return file;
    }

    /** A file as listed: its downloadUrl is under the API, at the host the caller reached. */
    private static Map<String, Object> listed(Context ctx, StoredFile file) {
        var fields = new LinkedHashMap<>(file.fields());
        String opportunity = ctx.pathParam("id");
        fields.put("downloadUrl", ctx.scheme() + "://" + ctx.host() + "/v1/opportunities/" + opportunity + "/files/"
                + fields.get("id") + "/download");
        return fields;
    }
}
