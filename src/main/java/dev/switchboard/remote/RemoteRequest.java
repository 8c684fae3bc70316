package dev.switchboard.remote;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * A call to a provider, ready to send. Headers may hold credentials, so
 * {@code toString} names only the method and URI.
 *
 * @param streamed a body too large to hold, opened anew for each send (an uploaded file)
 */
public record RemoteRequest(String method, URI uri, Map<String, String> headers, Optional<byte[]> body,
        Optional<StreamedBody> streamed) {

    /** A body read from its source as it is sent, of a length known beforehand. */
    public record StreamedBody(java.util.function.Supplier<java.io.InputStream> open, long length) {
    }

    public RemoteRequest {
        headers = Map.copyOf(headers);
    }

    public RemoteRequest(String method, URI uri, Map<String, String> headers, Optional<byte[]> body) {
        this(method, uri, headers, body, Optional.empty());
    }

    @Override
    public String toString() {
        return "RemoteRequest[" + method + " " + uri + "]";
    }
}
