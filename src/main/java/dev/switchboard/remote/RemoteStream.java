package dev.switchboard.remote;

import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A provider's answer whose body is still arriving. The caller closes the body.
 *
 * @param deadline when the whole call must be over, body included (except when streamed)
 */
public record RemoteStream(int status, Map<String, List<String>> headers, InputStream body, Instant deadline) {

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name)).flatMap(values -> values.stream().findFirst());
    }
}
