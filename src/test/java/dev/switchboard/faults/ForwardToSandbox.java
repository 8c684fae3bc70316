package dev.switchboard.faults;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;

/**
 * Makes WireMock a faulty front for a simulated provider: the request is first handed to
 * the simulator (so a note really is created, or really is not), then the stub's own
 * answer — a fault, a delay, garbage — is what Switchboard sees. A stub without an answer
 * of its own passes the simulator's answer through.
 */
public final class ForwardToSandbox implements ResponseDefinitionTransformerV2 {

    public static final String NAME = "forward-to-sandbox";
    private static final Set<String> HOP_HEADERS = Set.of("host", "content-length", "connection", "transfer-encoding");

    private final HttpClient http = HttpClient.newHttpClient();
    private volatile String target;

    /** @param baseUrl the simulator's root, e.g. {@code http://127.0.0.1:4567} */
    public void target(String baseUrl) {
        this.target = baseUrl;
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
        var request = event.getRequest();
        var builder = HttpRequest.newBuilder(URI.create(target + request.getUrl()));
        request.getHeaders().all().forEach(header -> {
            if (!HOP_HEADERS.contains(header.key().toLowerCase())) {
                header.values().forEach(value -> builder.header(header.key(), value));
            }
        });
        byte[] body = request.getBody();
        builder.method(request.getMethod().getName(), body == null || body.length == 0
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        HttpResponse<byte[]> real;
        try {
            real = http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (Exception e) {
            throw new IllegalStateException("the simulator did not answer", e);
        }
        ResponseDefinition stubbed = event.getResponseDefinition();
        boolean passThrough = stubbed.getFault() == null && stubbed.getBody() == null && stubbed.getByteBody() == null
                && stubbed.getFixedDelayMilliseconds() == null && stubbed.getChunkedDribbleDelay() == null;
        if (!passThrough) {
            return stubbed;
        }
        return ResponseDefinitionBuilder.responseDefinition()
                .withStatus(real.statusCode())
                .withHeader("Content-Type", real.headers().firstValue("content-type").orElse("application/json"))
                .withBody(real.body())
                .build();
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }
}
