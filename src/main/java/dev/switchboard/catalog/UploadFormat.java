package dev.switchboard.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Set;

/**
 * How a write that carries a file sends it, streamed from where the upload was kept:
 * <ul>
 *   <li>{@code multipart}: a {@code multipart/form-data} body whose fields are what the
 *       request body mapping gives, and whose file goes in the part named {@code part}
 *       (Lever's {@code POST /opportunities/{id}/files}, Ashby's resume upload).</li>
 *   <li>{@code json_base64}: the request body mapping's JSON with the file's bytes, base64,
 *       at the dotted {@code content_path} (Greenhouse's attachment {@code content}).</li>
 * </ul>
 */
public record UploadFormat(
        @JsonProperty("format") String format,
        @JsonProperty("part") String part,
        @JsonProperty("content_path") String contentPath) {

    private static final Set<String> FORMATS = Set.of("multipart", "json_base64");

    public UploadFormat {
        if (!FORMATS.contains(format)) {
            throw new IllegalArgumentException("upload format must be one of " + FORMATS + ", not '" + format + "'");
        }
        if (format.equals("multipart") && (part == null || part.isBlank() || contentPath != null)) {
            throw new IllegalArgumentException("upload format 'multipart' needs 'part' (and no 'content_path')");
        }
        if (format.equals("json_base64") && (contentPath == null || contentPath.isBlank() || part != null)) {
            throw new IllegalArgumentException("upload format 'json_base64' needs 'content_path' (and no 'part')");
        }
    }

    public boolean multipart() {
        return format.equals("multipart");
    }
}
