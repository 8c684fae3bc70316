package dev.switchboard.crypto;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keys that protect credentials at rest, newest first: the first encrypts, any
 * decrypts. Each key has a short id (from its hash) stored beside what it encrypted.
 */
public final class KeyRing {

    public record Key(String id, SecretKey secret) {
        @Override
        public String toString() {
            return "Key[" + id + "]";
        }
    }

    private final List<Key> keys;

    private KeyRing(List<Key> keys) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("at least one key is needed");
        }
        this.keys = List.copyOf(keys);
    }

    /** Parses {@code SWITCHBOARD_SECRET_KEY}: base64 keys of 32 bytes, comma-separated, newest first. */
    public static KeyRing parse(String base64Keys) {
        var keys = new ArrayList<Key>();
        for (String part : base64Keys.split(",")) {
            String trimmed = part.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(trimmed);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("SWITCHBOARD_SECRET_KEY: key " + (keys.size() + 1) + " is not base64");
            }
            keys.add(key(bytes, keys.size() + 1));
        }
        return new KeyRing(keys);
    }

    public static KeyRing of(byte[] key) {
        return new KeyRing(List.of(key(key, 1)));
    }

    private static Key key(byte[] bytes, int position) {
        if (bytes.length != 32) {
            throw new IllegalArgumentException("SWITCHBOARD_SECRET_KEY: key " + position
                    + " must be 32 bytes (AES-256), not " + bytes.length);
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(bytes);
            return new Key(HexFormat.of().formatHex(hash, 0, 4), new SecretKeySpec(bytes, "AES"));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public Key current() {
        return keys.get(0);
    }

    public Optional<Key> byId(String id) {
        return keys.stream().filter(key -> key.id().equals(id)).findFirst();
    }

    @Override
    public String toString() {
        return "KeyRing" + keys;
    }
}
