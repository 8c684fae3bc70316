package dev.switchboard.sandbox;

import io.javalin.http.Context;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The simulated Recruitee's candidate files: {@code GET /c/{company_id}/candidates/{id}/attachments}
 * answers {@code {"attachments": [{id, candidate_id, filename, content_type, file_url}]}} (the
 * path, the answer's key and the fields a Recruitee client built on the slates library reads:
 * candidateAttachments and its download tool, which takes {@code file_url} as an absolute HTTPS
 * link and sends the bearer token only when the link is on api.recruitee.com).
 *
 * <p>The simulator's links point at itself, standing in for the API host (it cannot serve
 * Recruitee's storage host); the download path under them is the simulator's own, as a real
 * link is whatever Recruitee's answer gives. The download answers the bytes with their type,
 * length and a Content-Disposition naming the file (a guess at what the host sends).
 */
final class RecruiteeAttachments {

    /** The large file: 12 MiB, generated as it is read (a file with no bytes of its own is this one). */
    static final SampleFiles.LargeFile LARGE = new SampleFiles.LargeFile(12L * 1024 * 1024);

    private record File(long id, long candidateId, String filename, String contentType, byte[] bytes) {
        InputStream open() {
            return bytes == null ? LARGE.open() : new ByteArrayInputStream(bytes);
        }

        long size() {
            return bytes == null ? LARGE.size() : bytes.length;
        }
    }

    private final List<File> files;

    RecruiteeAttachments(long candidateId, long otherCandidateId) {
        files = List.of(
                new File(7300001, candidateId, "Ada_Lindqvist_CV.pdf", "application/pdf",
                        SampleFiles.pdf("Ada Lindqvist - Curriculum vitae")),
                new File(7300002, candidateId, "Cover letter.docx",
                        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                        SampleFiles.docx("Dear hiring team, I would like to apply.")),
                new File(7300003, candidateId, "portfolio.zip", "application/zip", null),
                new File(7300004, otherCandidateId, "Bo_Okafor_CV.pdf", "application/pdf",
                        SampleFiles.pdf("Bo Okafor - Curriculum vitae")));
    }

    /** GET /c/{company}/candidates/{id}/attachments. */
    void list(Context ctx, boolean candidateExists) {
        if (!RecruiteeSimulator.COMPANY_ID.equals(ctx.pathParam("company")) || !candidateExists) {
            Simulator.json(ctx, 404, Map.of("error", List.of("Not found")));
            return;
        }
        String origin = ctx.scheme() + "://" + ctx.host();
        var listed = files.stream().filter(f -> String.valueOf(f.candidateId()).equals(ctx.pathParam("id")))
                .map(f -> {
                    var item = new LinkedHashMap<String, Object>();
                    item.put("id", f.id());
                    item.put("candidate_id", f.candidateId());
                    item.put("filename", f.filename());
                    item.put("content_type", f.contentType());
                    item.put("file_url", origin + "/c/" + RecruiteeSimulator.COMPANY_ID + "/candidates/" + f.candidateId()
                            + "/attachments/" + f.id() + "/download");
                    return item;
                }).toList();
        Simulator.json(ctx, 200, Map.of("attachments", listed));
    }

    /** The simulator's download link: the file's bytes, streamed. */
    void download(Context ctx) {
        var file = find(ctx.pathParam("file")).filter(f -> String.valueOf(f.candidateId()).equals(ctx.pathParam("id")))
                .filter(f -> RecruiteeSimulator.COMPANY_ID.equals(ctx.pathParam("company"))).orElse(null);
        if (file == null) {
            Simulator.json(ctx, 404, Map.of("error", List.of("Not found")));
            return;
        }
        ctx.status(200);
        ctx.contentType(file.contentType());
        ctx.header("Content-Length", String.valueOf(file.size()));
        ctx.header("Content-Disposition", "attachment; filename=\"" + file.filename() + "\"");
        ctx.result(file.open());
    }

    /** The bytes of a simulated file, for tests to compare a download with. */
    Optional<InputStream> content(String id) {
        return find(id).map(File::open);
    }

    private Optional<File> find(String id) {
        return files.stream().filter(f -> String.valueOf(f.id()).equals(id)).findFirst();
    }
}
