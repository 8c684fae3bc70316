package dev.switchboard.writes;

import dev.switchboard.unified.UnifiedRequest;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.mapping.Json;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;

/** What makes two requests "the same" for an Idempotency-Key: body, query and options. */
public final class Fingerprint {

    /** Keys in a fixed order, so that the same JSON in another order hashes the same. */
    private static final ObjectMapper CANONICAL = Json.MAPPER.copy()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    /** Looked up once: {@code MessageDigest.getInstance} finds the provider by reflection on every call. */
    private static final MessageDigest SHA_256;

    static {
        try {
            SHA_256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private Fingerprint() {
    }

    private static MessageDigest sha256() {
        try {
            return (MessageDigest) SHA_256.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String of(UnifiedRequest request) {
        var parts = new LinkedHashMap<String, Object>();
        parts.put("resource", request.resource());
        parts.put("method", request.method());
        parts.put("body", request.body());
        parts.put("query", request.query());
        parts.put("remote_query", request.remoteQuery().stream().map(e -> List.of(e.getKey(), e.getValue())).toList());
        parts.put("format", request.options().format().wire());
        parts.put("ignore_remote_data", request.options().ignoreRemoteData());
        parts.put("exclude_fields", request.options().excludeFields());
        try {
            byte[] canonical = CANONICAL.writeValueAsBytes(parts);
            return HexFormat.of().formatHex(sha256().digest(canonical));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
