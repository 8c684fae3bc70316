package dev.switchboard.transport;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Sends provider calls over the JDK's HTTP client: one pooled client with keep-alive,
 * HTTP/1.1 (what every ATS API speaks), no automatic retries or redirects.
 */
public final class ProviderClient {

    /** A unified answer is built in memory; a provider answer beyond this is refused. */
    public static final int MAX_BODY_BYTES = 16 * 1024 * 1024;

    private final HttpClient http;
    private final Duration timeout;

    public ProviderClient(Duration connectTimeout, Duration timeout) {
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.timeout = timeout;
    }

    /** Sends the call and reads the whole answer, up to {@link #MAX_BODY_BYTES}. */
    public RemoteResponse send(RemoteRequest request) throws RemoteFailure {
        return readWhole(open(request));
    }

    /** Reads an opened answer to its end, up to {@link #MAX_BODY_BYTES}, and closes it. */
    public static RemoteResponse readWhole(RemoteStream stream) throws RemoteFailure {
        try (InputStream body = stream.body()) {
            byte[] bytes = body.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) {
                throw new RemoteFailure(RemoteFailure.Kind.BROKEN,
                        "the provider's answer is larger than " + MAX_BODY_BYTES + " bytes");
            }
            return new RemoteResponse(stream.status(), stream.headers(), bytes);
        } catch (IOException e) {
            throw new RemoteFailure(RemoteFailure.Kind.BROKEN,
                    "the connection broke while reading the provider's answer");
        }
    }

    /** Sends the call and returns as soon as the status and headers have arrived. */
    public RemoteStream open(RemoteRequest request) throws RemoteFailure {
        var builder = HttpRequest.newBuilder(request.uri()).timeout(timeout);
        request.headers().forEach(builder::header);
        builder.method(request.method(), request.body()
                .map(HttpRequest.BodyPublishers::ofByteArray)
                .orElse(HttpRequest.BodyPublishers.noBody()));
        try {
            HttpResponse<InputStream> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofInputStream());
            return new RemoteStream(response.statusCode(), lowerCase(response.headers().map()), response.body());
        } catch (HttpConnectTimeoutException e) {
            throw new RemoteFailure(RemoteFailure.Kind.UNREACHABLE, "could not connect to the provider in time");
        } catch (HttpTimeoutException e) {
            throw new RemoteFailure(RemoteFailure.Kind.TIMEOUT,
                    "the provider did not answer within " + timeout.toMillis() + " ms");
        } catch (ConnectException | UnresolvedAddressException e) {
            throw new RemoteFailure(RemoteFailure.Kind.UNREACHABLE, "could not connect to the provider");
        } catch (IOException e) {
            throw new RemoteFailure(RemoteFailure.Kind.BROKEN, "the connection to the provider broke");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RemoteFailure(RemoteFailure.Kind.BROKEN, "interrupted while waiting for the provider");
        }
    }

    /** Drops an opened answer that is not wanted, freeing its connection. */
    public static void discard(RemoteStream stream) {
        try (InputStream body = stream.body()) {
            body.skip(MAX_BODY_BYTES);
        } catch (IOException ignored) {
            // the connection is closed either way
        }
    }

    private static Map<String, List<String>> lowerCase(Map<String, List<String>> headers) {
        var result = new TreeMap<String, List<String>>();
        headers.forEach((name, values) -> result.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
        return result;
    }
}
