package dev.switchboard.unified;

import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/** The answer to a unified call, in one of the shapes the API writes out. */
public sealed interface UnifiedResult {

    public int status();

    /** Headers for the caller, such as {@code x-switchboard-ignored-fields}. */
    public Map<String, String> headers();

    /** The same answer with one more header (a stream is answered once and never shared). */
    public default UnifiedResult withHeader(String name, String value) {
        var headers = new LinkedHashMap<>(headers());
        headers.put(name, value);
        if (this instanceof JsonBody json) {
            return new JsonBody(json.status(), headers, json.body());
        }
        if (this instanceof RawBody raw) {
            return new RawBody(raw.status(), headers, raw.contentType(), raw.body());
        }
        throw new IllegalStateException("a streamed answer is not shared");
    }

    /** A JSON object built by Switchboard (unified or normalized). */
    public record JsonBody(int status, Map<String, String> headers, Map<String, Object> body) implements UnifiedResult {
    }

    /** The provider's bytes, read whole. */
    public record RawBody(int status, Map<String, String> headers, String contentType, byte[] body) implements UnifiedResult {
    }

    /** The provider's bytes, still arriving; whoever writes them out closes the stream. */
    public record StreamBody(int status, Map<String, String> headers, String contentType, InputStream body)
            implements UnifiedResult {
    }
}
