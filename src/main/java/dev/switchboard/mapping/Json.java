package dev.switchboard.mapping;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;

/**
 * JSON as plain Java values (Map, List, String, Number, Boolean, null): the only shape
 * JSONata and the rest of the engine work with.
 */
public final class Json {

    /** How deep a request body may nest objects and arrays. */
    public static final int MAX_REQUEST_NESTING = 32;

    /**
     * Strict: trailing garbage and duplicate keys are errors, not silently dropped data.
     *
     * <p>Jackson's parse and write buffers come from one pool the whole process shares, not from
     * one per thread (Jackson's default): with a virtual thread per request, per-thread buffers
     * were made afresh for every request and kept until it ended, 16 KB and more held by each
     * call waiting on its provider (measured with a class histogram at 1,000 calls in flight).
     */
    public static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .recyclerPool(JsonRecyclerPools.sharedConcurrentDequePool()).build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /**
     * For bodies from API callers: nesting is capped far below Jackson's default, so no
     * request can make a later recursive step (merging, mapping) run deep.
     */
    private static final ObjectMapper REQUEST_MAPPER = MAPPER.copy();

    static {
        REQUEST_MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_REQUEST_NESTING).build());
    }

    private Json() {
    }

    /** Parses a caller's request body under the request limits. */
    public static Object parseRequest(byte[] bytes) throws IOException {
        return REQUEST_MAPPER.readValue(bytes, Object.class);
    }

    /** True when a parsed value holds a number too large for a double (1e309 parses as Infinity). */
    public static boolean holdsNonFiniteNumber(Object value) {
        if (value instanceof Double number) {
            return number.isInfinite() || number.isNaN();
        }
        if (value instanceof Map<?, ?> map) {
            return map.values().stream().anyMatch(Json::holdsNonFiniteNumber);
        }
        if (value instanceof java.util.List<?> list) {
            return list.stream().anyMatch(Json::holdsNonFiniteNumber);
        }
        return false;
    }

    public static Object parse(byte[] bytes) throws IOException {
        return MAPPER.readValue(bytes, Object.class);
    }

    /** The value if the bytes are one JSON document, else empty. */
    public static Optional<Object> tryParse(byte[] bytes) {
        if (bytes.length == 0) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(parse(bytes));
        } catch (IOException notJson) {
            return Optional.empty();
        }
    }

    @SuppressWarnings("unchecked")
    public static Optional<Map<String, Object>> asObject(Object value) {
        return value instanceof Map<?, ?> map ? Optional.of((Map<String, Object>) map) : Optional.empty();
    }

    public static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String writeString(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
