package dev.switchboard.unified;

import dev.switchboard.catalog.UploadFormat;
import dev.switchboard.mapping.Json;
import dev.switchboard.remote.RemoteRequest;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An uploaded file put into the body a provider takes, as a stream read from where the upload
 * is kept: a multipart form, or JSON with the bytes as base64 at one place. Only the small
 * parts around the file are held in memory.
 */
final class UploadEncoding {

    /** Marks where the base64 goes in the mapped JSON; no provider field holds a NUL. */
    private static final String PLACE = "\u0000switchboard-upload\u0000";

    /** @param contentType the body's media type, with its multipart boundary where it has one */
    record Encoded(String contentType, RemoteRequest.StreamedBody body) {
    }

    private UploadEncoding() {
    }

    static Encoded encode(UploadFormat format, Map<String, Object> fields, Upload upload, String jsonType) {
        return format.multipart() ? multipart(format.part(), fields, upload) : base64Json(format, fields, upload, jsonType);
    }

    private static Encoded multipart(String part, Map<String, Object> fields, Upload upload) {
        String boundary = "switchboard-" + UUID.randomUUID();
        var head = new StringBuilder();
        fields.forEach((name, value) -> {
            if (value != null) {
                head.append("--").append(boundary).append("\r\n")
                        .append("Content-Disposition: form-data; name=\"").append(quoted(name)).append("\"\r\n\r\n")
                        .append(value instanceof String text ? text : Json.writeString(value)).append("\r\n");
            }
        });
        head.append("--").append(boundary).append("\r\n")
                .append("Content-Disposition: form-data; name=\"").append(quoted(part)).append("\"; filename=\"")
                .append(quoted(upload.fileName())).append("\"\r\n")
                .append("Content-Type: ").append(upload.contentType()).append("\r\n\r\n");
        byte[] before = head.toString().getBytes(StandardCharsets.UTF_8);
        byte[] after = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        return new Encoded("multipart/form-data; boundary=" + boundary, new RemoteRequest.StreamedBody(
                () -> around(before, upload.open(), after), before.length + upload.size() + after.length));
    }

    private static Encoded base64Json(UploadFormat format, Map<String, Object> fields, Upload upload, String jsonType) {
        String text = Json.writeString(placed(fields, List.of(format.contentPath().split("\\."))));
        String marker = Json.writeString(PLACE);
        int at = text.indexOf(marker);
        byte[] before = text.substring(0, at + 1).getBytes(StandardCharsets.UTF_8);
        byte[] after = text.substring(at + marker.length() - 1).getBytes(StandardCharsets.UTF_8);
        long encoded = 4 * ((upload.size() + 2) / 3);
        return new Encoded(jsonType, new RemoteRequest.StreamedBody(
                () -> around(before, new Base64Stream(upload.open()), after), before.length + encoded + after.length));
    }

    /** The mapped body with the marker at the path, the objects on the way made where missing. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> placed(Map<String, Object> fields, List<String> path) {
        var copy = new LinkedHashMap<>(fields);
        if (path.size() == 1) {
            copy.put(path.get(0), PLACE);
        } else {
            Object inner = copy.get(path.get(0));
            copy.put(path.get(0), placed(inner instanceof Map ? (Map<String, Object>) inner : Map.of(),
                    path.subList(1, path.size())));
        }
        return copy;
    }

    private static InputStream around(byte[] before, InputStream file, byte[] after) {
        var parts = new ArrayList<InputStream>(List.of(new ByteArrayInputStream(before), file,
                new ByteArrayInputStream(after)));
        return new SequenceInputStream(Collections.enumeration(parts));
    }

    /** A name or file name inside a quoted header parameter: no quote or line break can end it early. */
    private static String quoted(String value) {
        return value.replaceAll("[\"\\r\\n\\\\]", "_");
    }
}
