package dev.switchboard.writes;

import java.util.Map;

/** The final answer to a request with an Idempotency-Key, kept to answer its retries. */
public record StoredResponse(int status, String contentType, Map<String, String> headers, byte[] body) {

    public StoredResponse {
        headers = Map.copyOf(headers);
    }
}
