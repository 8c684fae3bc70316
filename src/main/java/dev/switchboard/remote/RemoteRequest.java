package dev.switchboard.remote;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * A call to a provider, ready to send. Headers may hold credentials, so
 * {@code toString} names only the method and URI.
 */
public record RemoteRequest(String method, URI uri, Map<String, String> headers, Optional<byte[]> body) {

    public RemoteRequest {
        headers = Map.copyOf(headers);
    }

    @Override
    public String toString() {
        return "RemoteRequest[" + method + " " + uri + "]";
    }
}
