package dev.switchboard.transport;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A provider's answer whose body is still arriving. The caller closes the body. */
public record RemoteStream(int status, Map<String, List<String>> headers, InputStream body) {

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name)).flatMap(values -> values.stream().findFirst());
    }
}
