package dev.switchboard.sandbox;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.UploadedFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

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
            return bytes != null ? new java.io.ByteArrayInputStream(bytes) : largeContent();
        }
    }

    private final LeverWorld world;
    /** Opportunity id → its files, oldest first. */
    private final Map<String, List<StoredFile>> files = new ConcurrentHashMap<>();

    LeverFiles(LeverWorld world, String opportunityWithFiles) {
        this.world = world;
        long uploaded = 1_767_700_000_000L;
        add(opportunityWithFiles, LeverWorld.id("file", 0), "Resume.pdf", "pdf", "application/pdf", pdf(), uploaded);
        add(opportunityWithFiles, LeverWorld.id("file", 1), "Cover letter.docx", "docx",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document", docx(), uploaded + 60_000);
        var large = new LinkedHashMap<String, Object>();
        large.put("id", LeverWorld.id("file", 2));
        large.put("name", "Work samples.bin");
        large.put("ext", "bin");
        large.put("uploadedAt", uploaded + 120_000);
        large.put("status", "processed");
        large.put("size", LARGE_BYTES);
        files.computeIfAbsent(opportunityWithFiles, id -> new CopyOnWriteArrayList<>())
                .add(new StoredFile(large, "application/octet-stream", null, LARGE_BYTES));
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

    /** The large file's bytes, the same on every call: byte i is a function of i alone. */
    static InputStream largeContent() {
        return new InputStream() {
            private long position;

            @Override
            public int read() {
                return position < LARGE_BYTES ? largeByte(position++) : -1;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                if (position >= LARGE_BYTES) {
                    return -1;
                }
                int count = (int) Math.min(length, LARGE_BYTES - position);
                for (int i = 0; i < count; i++) {
                    buffer[offset + i] = (byte) largeByte(position++);
                }
                return count;
            }
        };
    }

    private static int largeByte(long position) {
        return (int) ((position * 31 + (position >>> 11)) & 0xff);
    }

    private void download(Context ctx) {
        var file = of(ctx.pathParam("id")).stream()
                .filter(one -> one.fields().get("id").equals(ctx.pathParam("fileId"))).findFirst().orElse(null);
        if (file == null) {
            Simulator.json(ctx, 404, LeverReads.error("ResourceNotFound", "File not found"));
            return;
        }
        ctx.status(200);
        ctx.contentType(file.contentType());
        ctx.header("Content-Length", String.valueOf(file.length()));
        ctx.header("Content-Disposition", "attachment; filename=\"" + file.fields().get("name") + "\"");
        try (InputStream in = file.open()) {
            // Streamed in small pieces: the large file is never held whole.
            in.transferTo(ctx.res().getOutputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
        byte[] bytes;
        try (InputStream in = part.content()) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String name = part.filename() == null || part.filename().isBlank() ? "file" : part.filename();
        int dot = name.lastIndexOf('.');
        String contentType = part.contentType() == null ? "application/octet-stream" : part.contentType();
        var stored = add(opportunityId, UUID.randomUUID().toString(), name, dot < 0 ? "" : name.substring(dot + 1),
                contentType, bytes, System.currentTimeMillis());
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

    /** A one-page PDF with a line of text, cross-reference table and all. */
    static byte[] pdf() {
        String[] objects = {
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
                    + "/Resources << /Font << /F1 5 0 R >> >> >>",
            null,
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"};
        String stream = "BT /F1 18 Tf 72 720 Td (Ada Byron - Resume) Tj ET";
        objects[3] = "<< /Length " + stream.length() + " >>\nstream\n" + stream + "\nendstream";
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

    /** A minimal valid DOCX: the three parts Word needs, zipped. */
    static byte[] docx() {
        var bytes = new ByteArrayOutputStream();
        try (var zip = new ZipOutputStream(bytes)) {
            entry(zip, "[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                    + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                    + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                    + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                    + "<Override PartName=\"/word/document.xml\" ContentType=\"application/"
                    + "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>");
            entry(zip, "_rels/.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                    + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                    + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
                    + "relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>");
            entry(zip, "word/document.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                    + "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
                    + "<w:body><w:p><w:r><w:t>Dear hiring team,</w:t></w:r></w:p></w:body></w:document>");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void entry(ZipOutputStream zip, String name, String text) throws IOException {
        var entry = new ZipEntry(name);
        entry.setTime(1_767_700_000_000L); // fixed, so the bytes are the same on every start
        zip.putNextEntry(entry);
        zip.write(text.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }
}
