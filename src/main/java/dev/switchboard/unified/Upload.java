package dev.switchboard.unified;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A file a caller uploaded, kept on disk while its request runs: read again for each send
 * (a retry, a second process's turn) and never held in memory whole.
 *
 * @param sha256 the bytes' digest, which makes two uploads "the same" for an Idempotency-Key
 */
public record Upload(Path file, long size, String sha256, String fileName, String contentType)
        implements AutoCloseable {

    public InputStream open() {
        try {
            return Files.newInputStream(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the body shows of it: mappings and the search after an unknown outcome read these. */
    public Map<String, Object> described() {
        var described = new LinkedHashMap<String, Object>();
        described.put("file_name", fileName);
        described.put("size", size);
        described.put("content_type", contentType);
        described.put("sha256", sha256);
        return described;
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            file.toFile().deleteOnExit();
        }
    }
}
