package dev.switchboard.crypto;

import dev.switchboard.store.Dialect;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the key ring comes from: {@code SWITCHBOARD_SECRET_KEY}, or for an embedded
 * SQLite store a key file beside the database, created once with owner-only permissions.
 * A shared PostgreSQL store needs the variable: every process must hold the same key.
 */
public final class KeySource {

    private static final Logger LOG = LoggerFactory.getLogger(KeySource.class);

    private KeySource() {
    }

    public static KeyRing resolve(Optional<String> secretKey, String databaseUrl) {
        if (secretKey.isPresent()) {
            return KeyRing.parse(secretKey.get());
        }
        if (Dialect.of(databaseUrl) == Dialect.POSTGRESQL) {
            throw new IllegalArgumentException("SWITCHBOARD_SECRET_KEY is required with PostgreSQL: "
                    + "set it to a base64 32-byte key, the same in every Switchboard process (openssl rand -base64 32)");
        }
        String path = databaseUrl.substring("jdbc:sqlite:".length());
        if (path.isEmpty() || path.startsWith(":memory:") || path.startsWith("file::memory:")) {
            return KeyRing.of(randomKey()); // an in-memory store dies with its key
        }
        Path database = Path.of(path.contains("?") ? path.substring(0, path.indexOf('?')) : path).toAbsolutePath();
        return KeyRing.of(readOrCreate(database.resolveSibling(database.getFileName() + ".key")));
    }

    private static byte[] readOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                    Files.writeString(file, Base64.getEncoder().encodeToString(randomKey()) + "\n");
                    LOG.warn("SWITCHBOARD_SECRET_KEY is not set: created key file {} (owner-only). "
                            + "Back it up with the database; without it stored credentials cannot be read.", file);
                } catch (FileAlreadyExistsException anotherProcessWon) {
                    // read the one that was just written
                }
            }
            return Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).trim());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create key file " + file, e);
        }
    }

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }
}
