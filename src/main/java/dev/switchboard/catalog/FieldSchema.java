package dev.switchboard.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One field of a unified model, in a small subset of JSON Schema.
 *
 * @param type        {@code string}, {@code object}, {@code array}, {@code boolean}, {@code number};
 *                    {@code file}: the bytes of an upload, sent as a multipart part or as base64
 *                    JSON, and seen by mappings as {@code {file_name, size, content_type, sha256}}
 * @param description what the field means, for people and for generated docs
 * @param format      {@code date-time}: an ISO-8601 timestamp; {@code id}: an identifier that
 *                    goes into a provider's path (no slashes, no control characters, at most 256);
 *                    {@code file-url}: a provider's link to a file, handed to callers sealed to
 *                    their account, so that the download endpoint fetches only what it gave out;
 *                    {@code base64} and {@code file-name}: in a JSON upload, the file's bytes and
 *                    its name (the other way to send what a {@code file} field takes)
 * @param enumValues  the allowed values of a string
 * @param properties  an object's fields, where the model fixes them
 * @param items       an array's element schema
 * @param title       the name an object's schema is published under, so generated clients
 *                    share one class for it (several fields may use one title)
 * @param restrictsAccess for a field that narrows who may see what is written (a note's
 *                    visibility): its value that narrows nothing. Any other value may not be
 *                    dropped, and may not be overridden by {@code remote_data}, since either
 *                    would write something wider than asked for.
 */
public record FieldSchema(
        @JsonProperty("type") String type,
        @JsonProperty("description") String description,
        @JsonProperty("format") String format,
        @JsonProperty("enum") List<String> enumValues,
        @JsonProperty("properties") Map<String, FieldSchema> properties,
        @JsonProperty("items") FieldSchema items,
        @JsonProperty("title") String title,
        @JsonProperty("restricts_access") AccessRestriction restrictsAccess) {

    /** @param unrestricted the value that restricts nothing, such as {@code public} */
    public record AccessRestriction(@JsonProperty("unrestricted") String unrestricted) {
        public AccessRestriction {
            if (unrestricted == null || unrestricted.isBlank()) {
                throw new IllegalArgumentException("restricts_access needs 'unrestricted', the value that restricts nothing");
            }
        }
    }

    private static final Set<String> TYPES = Set.of("string", "object", "array", "boolean", "number", "file");
    private static final Set<String> FORMATS = Set.of("date-time", "id", "file-url", "base64", "file-name");
    private static final Pattern ID = Pattern.compile("[^/\\p{Cntrl}]{1,256}");

    public FieldSchema {
        if (!TYPES.contains(type)) {
            throw new IllegalArgumentException("type must be one of " + TYPES + ", not '" + type + "'");
        }
        if (format != null && !FORMATS.contains(format)) {
            throw new IllegalArgumentException("format must be one of " + FORMATS + ", not '" + format + "'");
        }
        if (type.equals("array") && items == null) {
            throw new IllegalArgumentException("an array needs 'items'");
        }
        enumValues = enumValues == null ? List.of() : List.copyOf(enumValues);
        if (restrictsAccess != null && !enumValues.isEmpty() && !enumValues.contains(restrictsAccess.unrestricted())) {
            throw new IllegalArgumentException("restricts_access names '" + restrictsAccess.unrestricted()
                    + "', which is not one of its enum " + enumValues);
        }
        properties = properties == null ? Map.of() : Map.copyOf(properties);
    }

    /** True when the format says the value is an id and this value is not a valid one. */
    public boolean isBadId(String value) {
        // "." and ".." would name the parent in a provider's path: never an id.
        return "id".equals(format) && (!ID.matcher(value).matches() || value.equals(".") || value.equals(".."));
    }

    public boolean isFileUrl() {
        return "file-url".equals(format);
    }

    public boolean isBase64() {
        return "base64".equals(format);
    }

    public boolean isFileName() {
        return "file-name".equals(format);
    }

    public boolean isFile() {
        return "file".equals(type);
    }

    /** True when dropping or overriding this value would write something more widely visible than asked. */
    public boolean restrictsAccessWith(Object value) {
        return restrictsAccess != null && value != null && !restrictsAccess.unrestricted().equals(value);
    }

    public boolean isTimestamp() {
        return "date-time".equals(format);
    }
}
