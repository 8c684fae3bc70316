package dev.switchboard.api;

import com.fasterxml.jackson.core.Base64Variants;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.switchboard.catalog.FieldSchema;
import dev.switchboard.catalog.UnifiedModel;
import dev.switchboard.error.ApiException;
import dev.switchboard.mapping.Json;
import dev.switchboard.unified.Upload;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The body of a write that carries a file: a {@code multipart/form-data} form with the file
 * in the part its model names, or JSON with the bytes as base64 beside the file's name. The
 * file is written to a temporary file as it arrives (its digest and size counted on the way,
 * and refused with 413 past the limit), never held in memory; the body keeps a description
 * of it in place of the bytes.
 */
final class UploadBodies {

    /** One field's value, read from the middle of the body: what follows it is the next field, not trailing junk. */
    private static final com.fasterxml.jackson.databind.ObjectReader FIELD = Json.MAPPER.readerFor(Object.class)
            .without(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final Pattern MEDIA_TYPE = Pattern.compile("[A-Za-z0-9!#$&^_.+-]{1,64}/[A-Za-z0-9!#$&^_.+-]{1,64}");

    /** @param upload the file, to be closed (deleted) when the request is over */
    record Parsed(Map<String, Object> body, Optional<Upload> upload) {
    }

    private UploadBodies() {
    }

    /** The method's file field, if its body takes one. */
    static Optional<String> fileField(UnifiedModel model, String method) {
        return model.methods().get(method).body().stream()
                .filter(field -> model.requestFields().get(field).isFile()).findFirst();
    }

    static Parsed read(Context ctx, UnifiedModel model, String method, String fileField, long maxBytes) {
        String type = Optional.ofNullable(ctx.contentType()).orElse("");
        return type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/form-data")
                ? multipart(ctx, model, fileField, maxBytes) : json(ctx, model, method, fileField, maxBytes);
    }

    private static Parsed multipart(Context ctx, UnifiedModel model, String fileField, long maxBytes) {
        Map<String, List<UploadedFile>> files;
        Map<String, List<String>> form;
        try {
            files = ctx.uploadedFileMap();
            form = ctx.formParamMap();
        } catch (RuntimeException e) {
            throw tooLargeOr(e, maxBytes);
        }
        var body = new LinkedHashMap<String, Object>();
        form.forEach((name, values) -> {
            if (files.containsKey(name)) {
                return;
            }
            FieldSchema schema = model.requestFields().get(name);
            String value = values.get(values.size() - 1);
            // A form carries text: a field the model types otherwise (remote_data) comes as JSON text.
            body.put(name, schema == null || schema.type().equals("string") ? value : parsedJson(name, value));
        });
        for (String name : files.keySet()) {
            if (!name.equals(fileField)) {
                throw ApiException.invalid("the form has a file in '" + name + "'; the file goes in '" + fileField + "'",
                        "body", List.of(), Map.of(name, "is not a file field; send the file as '" + fileField + "'"));
            }
        }
        List<UploadedFile> parts = files.getOrDefault(fileField, List.of());
        if (parts.size() > 1) {
            throw ApiException.invalid("'" + fileField + "' holds " + parts.size() + " files; send one", "body",
                    List.of(), Map.of(fileField, "must be one file"));
        }
        Optional<Upload> upload = Optional.empty();
        if (!parts.isEmpty()) {
            UploadedFile part = parts.get(0);
            String name = nameField(model).map(field -> body.get(field)).filter(String.class::isInstance)
                    .map(String.class::cast).orElse(part.filename());
            try (InputStream in = part.content()) {
                upload = Optional.of(spool(in, name, part.contentType(), maxBytes));
            } catch (IOException e) {
                throw ApiException.badRequest("the uploaded file could not be read");
            }
            nameField(model).ifPresent(field -> body.putIfAbsent(field, part.filename()));
            body.put(fileField, upload.get().described());
        }
        return new Parsed(body, upload);
    }

    /** JSON, read as a stream: the base64 field is decoded straight to disk, every other field read as usual. */
    private static Parsed json(Context ctx, UnifiedModel model, String method, String fileField, long maxBytes) {
        Optional<String> contentField = model.methods().get(method).body().stream()
                .filter(field -> model.requestFields().get(field).isBase64()).findFirst();
        var body = new LinkedHashMap<String, Object>();
        Path spooled = null;
        Digest digest = null;
        try (InputStream in = ctx.bodyInputStream(); JsonParser parser = Json.MAPPER.getFactory().createParser(in)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw ApiException.badRequest("the request body must be a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (contentField.isPresent() && name.equals(contentField.get()) && value == JsonToken.VALUE_STRING) {
                    spooled = Files.createTempFile("switchboard-upload", ".bin");
                    try (OutputStream out = new Limited(Files.newOutputStream(spooled), maxBytes)) {
                        digest = new Digest(out);
                        parser.readBinaryValue(Base64Variants.MIME_NO_LINEFEEDS, digest.stream());
                    }
                } else {
                    body.put(name, FIELD.readValue(parser));
                }
            }
        } catch (TooLarge e) {
            delete(spooled);
            throw tooLarge(maxBytes);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            delete(spooled);
            throw ApiException.badRequest("the request body is not valid JSON, or '"
                    + contentField.orElse("content") + "' is not base64: " + e.getOriginalMessage());
        } catch (IOException e) {
            delete(spooled);
            throw ApiException.badRequest("the request body could not be read");
        }
        if (spooled == null) {
            return new Parsed(body, Optional.empty());
        }
        String name = nameField(model).map(body::get).filter(String.class::isInstance).map(String.class::cast)
                .orElse(null);
        if (name == null || name.isBlank()) {
            delete(spooled);
            throw ApiException.invalid("a file sent as base64 needs its name", "body",
                    nameField(model).map(List::of).orElse(List.of()), Map.of());
        }
        var upload = new Upload(spooled, digest.size(), digest.hex(), name, contentTypeOf(name));
        body.remove(contentField.get());
        body.put(fileField, upload.described());
        return new Parsed(body, Optional.of(upload));
    }

    private static Optional<String> nameField(UnifiedModel model) {
        return model.requestFields().entrySet().stream().filter(field -> field.getValue().isFileName())
                .map(Map.Entry::getKey).findFirst();
    }

    private static Upload spool(InputStream in, String name, String contentType, long maxBytes) throws IOException {
        Path spooled = Files.createTempFile("switchboard-upload", ".bin");
        try (OutputStream out = new Limited(Files.newOutputStream(spooled), maxBytes)) {
            var digest = new Digest(out);
            in.transferTo(digest.stream());
            String type = contentType != null && MEDIA_TYPE.matcher(contentType).matches() ? contentType
                    : contentTypeOf(name);
            return new Upload(spooled, digest.size(), digest.hex(), name, type);
        } catch (TooLarge e) {
            delete(spooled);
            throw tooLarge(maxBytes);
        } catch (IOException e) {
            delete(spooled);
            throw e;
        }
    }

    private static String contentTypeOf(String name) {
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        return lower.endsWith(".pdf") ? "application/pdf"
                : lower.endsWith(".docx") ? "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
                : lower.endsWith(".doc") ? "application/msword"
                : lower.endsWith(".txt") ? "text/plain" : "application/octet-stream";
    }

    private static Object parsedJson(String name, String text) {
        try {
            return Json.parse(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw ApiException.invalid("'" + name + "' must be JSON in a form", "body", List.of(),
                    Map.of(name, "must be JSON text"));
        }
    }

    private static ApiException tooLargeOr(RuntimeException e, long maxBytes) {
        String message = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
        if (message.contains("exceed") || message.contains("too large") || message.contains("max")) {
            return tooLarge(maxBytes);
        }
        return ApiException.badRequest("the multipart form could not be read");
    }

    private static ApiException tooLarge(long maxBytes) {
        return ApiException.of(413, "the file is larger than " + maxBytes + " bytes (SWITCHBOARD_MAX_FILE_BYTES)");
    }

    private static void delete(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                file.toFile().deleteOnExit();
            }
        }
    }

    /** Counts and digests what passes. */
    private static final class Digest {
        private final MessageDigest sha256;
        private final DigestOutputStream out;
        private long size;

        Digest(OutputStream target) {
            try {
                sha256 = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            out = new DigestOutputStream(new java.io.FilterOutputStream(target) {
                @Override
                public void write(byte[] bytes, int offset, int length) throws IOException {
                    size += length;
                    out.write(bytes, offset, length);
                }

                @Override
                public void write(int b) throws IOException {
                    size++;
                    out.write(b);
                }
            }, sha256);
        }

        OutputStream stream() {
            return out;
        }

        long size() {
            return size;
        }

        String hex() {
            return HexFormat.of().formatHex(sha256.digest());
        }
    }

    private static final class TooLarge extends IOException {
        TooLarge() {
            super("over the size limit", null);
        }
    }

    /** Refuses to write past the limit. */
    private static final class Limited extends java.io.FilterOutputStream {
        private final long limit;
        private long written;

        Limited(OutputStream out, long limit) {
            super(out);
            this.limit = limit;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            written += length;
            if (written > limit) {
                throw new TooLarge();
            }
            out.write(bytes, offset, length);
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }
    }
}
