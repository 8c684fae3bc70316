package dev.switchboard.remote;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A provider's answer, read whole. Header names are lower-case. */
public record RemoteResponse(int status, Map<String, List<String>> headers, byte[] body) {

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name)).flatMap(values -> values.stream().findFirst());
    }

    public String contentType() {
        return header("content-type").orElse("application/octet-stream");
    }
}
