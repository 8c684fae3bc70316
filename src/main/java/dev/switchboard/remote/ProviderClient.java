package dev.switchboard.remote;

import java.util.Optional;

import javax.net.ssl.SSLException;

import dev.switchboard.catalog.Timeouts;
import dev.switchboard.error.ApiException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sends provider calls over the JDK's HTTP client: pooled connections with keep-alive,
 * HTTP/1.1 (what every ATS API speaks), no automatic retries or redirects, and a total
 * deadline per call that also covers reading the body.
 */
public final class ProviderClient {

    /**
     * A unified answer is built in memory (parsed, mapped, written): a provider answer beyond
     * this is refused, so one large answer cannot take the heap. {@code stream} is not read
     * here and has no such bound.
     */
    public static final int DEFAULT_MAX_ANSWER_BYTES = 4 * 1024 * 1024;

    /**
     * An answer without a length is read in pieces that start at 4 KB (most answers are a few
     * KB, and a chunked one is as common as one with a length) and double up to 64 KB: small
     * enough not to need a large free block of heap.
     */
    private static final int FIRST_PIECE_BYTES = 4 * 1024;
    private static final int LARGEST_PIECE_BYTES = 64 * 1024;

    private final int maxAnswerBytes;

    public ProviderClient() {
        this(DEFAULT_MAX_ANSWER_BYTES);
    }

    /** @param maxAnswerBytes {@code SWITCHBOARD_MAX_ANSWER_BYTES}: the largest answer read whole */
    public ProviderClient(int maxAnswerBytes) {
        if (maxAnswerBytes < 1024) {
            throw new IllegalArgumentException("SWITCHBOARD_MAX_ANSWER_BYTES must be at least 1024");
        }
        this.maxAnswerBytes = maxAnswerBytes;
    }

    static {
        // Providers close idle connections after a minute or so; the JDK keeps them 20 minutes
        // by default and a POST on one the provider already closed fails. Keep them 30 s.
        if (System.getProperty("jdk.httpclient.keepalive.timeout") == null) {
            System.setProperty("jdk.httpclient.keepalive.timeout", "30");
        }
        // The client reads each connection's answer into a buffer of this size, held while the call
        // waits on the provider: its 16 KB default was the largest part of a waiting call's memory
        // (at 1,000 calls in flight: 28.7 MB of byte arrays, 6.9 MB with 4 KB; live heap 120 → 83 MB).
        // Provider answers are a few KB; a larger one is read in more, smaller pieces.
        if (System.getProperty("jdk.httpclient.bufsize") == null) {
            System.setProperty("jdk.httpclient.bufsize", "4096");
        }
    }

    /** The JDK client fixes its connect timeout at build time: one client per timeout in use. */
    private final Map<Duration, HttpClient> clients = new ConcurrentHashMap<>();

    /** Sends the call and returns as soon as the status and headers have arrived. */
    public RemoteStream open(RemoteRequest request, Timeouts timeouts) throws RemoteFailure {
        Instant deadline = Instant.now().plus(timeouts.total());
        var builder = HttpRequest.newBuilder(request.uri()).timeout(timeouts.total());
        request.headers().forEach((name, value) -> {
            try {
                builder.header(name, value);
            } catch (IllegalArgumentException e) {
                // The JDK's message quotes the value, which may be a credential: name the header only.
                throw ApiException.of(500, "the " + name + " header of this call is not a valid header value: "
                        + "the account's credential holds a line break or another character a header cannot carry; "
                        + "store it again");
            }
        });
        builder.method(request.method(), request.streamed()
                .map(streamed -> HttpRequest.BodyPublishers.fromPublisher(
                        HttpRequest.BodyPublishers.ofInputStream(streamed.open()), streamed.length()))
                .or(() -> request.body().map(HttpRequest.BodyPublishers::ofByteArray))
                .orElse(HttpRequest.BodyPublishers.noBody()));
        try {
            HttpResponse<InputStream> response = client(timeouts.connect())
                    .send(builder.build(), HttpResponse.BodyHandlers.ofInputStream());
            return new RemoteStream(response.statusCode(), lowerCase(response.headers().map()), response.body(),
                    deadline);
        } catch (HttpConnectTimeoutException e) {
            throw new RemoteFailure(RemoteFailure.Kind.UNREACHABLE, RemoteFailure.Cause.CONNECT_TIMEOUT,
                    "could not connect to " + request.uri().getHost() + " within " + timeouts.connect().toMillis() + " ms");
        } catch (HttpTimeoutException e) {
            throw new RemoteFailure(RemoteFailure.Kind.TIMEOUT, RemoteFailure.Cause.TIMEOUT,
                    "the provider did not answer within " + timeouts.totalMs() + " ms");
        } catch (IOException e) {
            throw unsent(e, request).orElseGet(() -> new RemoteFailure(RemoteFailure.Kind.BROKEN,
                    RemoteFailure.Cause.BROKEN, "the connection to the provider broke"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RemoteFailure(RemoteFailure.Kind.BROKEN, RemoteFailure.Cause.BROKEN,
                    "interrupted while waiting for the provider");
        }
    }

    /**
     * A failure before the request left: the host has no address, nothing listens, or TLS
     * could not be agreed (a handshake fails before any byte of the request is sent).
     */
    private static Optional<RemoteFailure> unsent(IOException failure, RemoteRequest request) {
        String host = request.uri().getHost();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnresolvedAddressException || cause instanceof UnknownHostException) {
                return Optional.of(new RemoteFailure(RemoteFailure.Kind.UNREACHABLE, RemoteFailure.Cause.DNS,
                        "the provider's host " + host + " has no address (DNS)"));
            }
            if (cause instanceof SSLException) {
                return Optional.of(new RemoteFailure(RemoteFailure.Kind.UNREACHABLE, RemoteFailure.Cause.TLS,
                        "a TLS connection to " + host + " could not be made (handshake or certificate)"));
            }
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException) {
                return Optional.of(new RemoteFailure(RemoteFailure.Kind.UNREACHABLE, RemoteFailure.Cause.REFUSED,
                        "the connection to " + host + " was refused"));
            }
        }
        return Optional.empty();
    }

    /** Sends the call and reads the whole answer within the call's deadline. */
    public RemoteResponse send(RemoteRequest request, Timeouts timeouts) throws RemoteFailure {
        return read(open(request, timeouts));
    }

    /** Reads an opened answer to its end, up to the largest answer read whole, by its deadline, and closes it. */
    public RemoteResponse read(RemoteStream stream) throws RemoteFailure {
        return readWhole(stream, maxAnswerBytes);
    }

    private static RemoteResponse readWhole(RemoteStream stream, int limit) throws RemoteFailure {
        var watch = DeadlineSweeper.watch(stream.body(), stream.deadline());
        try (watch; InputStream body = stream.body()) {
            Optional<byte[]> bytes = readUpTo(body, limit, declaredLength(stream));
            if (watch.expired()) {
                throw new IOException("deadline passed");
            }
            return new RemoteResponse(stream.status(), stream.headers(), bytes.orElseThrow(() -> new RemoteFailure(
                    RemoteFailure.Kind.BROKEN, RemoteFailure.Cause.TOO_LARGE, "the provider's answer is larger than "
                    + limit + " bytes, the most read whole (SWITCHBOARD_MAX_ANSWER_BYTES)")));
        } catch (IOException e) {
            if (watch.expired()) {
                throw new RemoteFailure(RemoteFailure.Kind.TIMEOUT, RemoteFailure.Cause.TIMEOUT,
                        "the provider's answer did not finish in time");
            }
            throw new RemoteFailure(RemoteFailure.Kind.BROKEN, RemoteFailure.Cause.BROKEN,
                    "the connection broke while reading the provider's answer");
        }
    }

    /**
     * The body, or empty when it is longer than {@code limit} bytes. An answer whose
     * {@code Content-Length} is over the limit is refused unread; one that says its length is
     * read into an array of that length ({@code InputStream.readNBytes(max)} would start a 16 KB
     * buffer, then another to learn the end has come, then copy: the most a note create
     * allocated); one that does not is read in pieces of 4 to 64 KB, no further than one byte past
     * the limit, and joined only if it ends within it. Before, that last case grew a buffer to twice
     * the limit and copied it, 12 MB for a 4 MB limit, before refusing: 20 answers of 15 MB at
     * once ran a 128 MB heap out of memory.
     */
    private static Optional<byte[]> readUpTo(InputStream body, int limit, long declared) throws IOException {
        if (declared > limit) {
            return Optional.empty();
        }
        if (declared >= 0) {
            // One byte more than declared is asked for, so a longer body still shows.
            byte[] bytes = body.readNBytes((int) Math.min(declared + 1, Integer.MAX_VALUE - 8));
            return bytes.length > limit ? Optional.empty() : Optional.of(bytes);
        }
        var pieces = new ArrayList<byte[]>();
        long size = 0;
        int pieceBytes = FIRST_PIECE_BYTES;
        while (size <= limit) {
            byte[] piece = new byte[(int) Math.min(pieceBytes, limit + 1L - size)];
            int read = body.readNBytes(piece, 0, piece.length);
            pieces.add(read == piece.length ? piece : Arrays.copyOf(piece, read));
            size += read;
            if (read < piece.length) {
                break; // the end of the answer
            }
            pieceBytes = Math.min(pieceBytes * 2, LARGEST_PIECE_BYTES);
        }
        if (size > limit) {
            return Optional.empty();
        }
        if (pieces.size() == 1) {
            return Optional.of(pieces.get(0));
        }
        byte[] whole = new byte[(int) size];
        int at = 0;
        for (byte[] piece : pieces) {
            System.arraycopy(piece, 0, whole, at, piece.length);
            at += piece.length;
        }
        return Optional.of(whole);
    }

    /** The answer's Content-Length, or -1 when it gives none (chunked, or read to the close). */
    private static long declaredLength(RemoteStream stream) {
        try {
            return stream.header("content-length").map(Long::parseLong).filter(length -> length >= 0).orElse(-1L);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Drops an opened answer that is not wanted. */
    public static void discard(RemoteStream stream) {
        closeQuietly(stream.body());
    }

    private HttpClient client(Duration connectTimeout) {
        return clients.computeIfAbsent(connectTimeout, timeout -> HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                // The client's own steps never block, so they run where they are triggered rather
                // than being handed to a thread pool: measured 3.4k → 5.5k calls/s on 2 cores.
                .executor(Runnable::run)
                .build());
    }

    private static void closeQuietly(InputStream body) {
        try {
            body.close();
        } catch (IOException ignored) {
            // closing is all that was wanted
        }
    }

    private static Map<String, List<String>> lowerCase(Map<String, List<String>> headers) {
        var result = new TreeMap<String, List<String>>();
        headers.forEach((name, values) -> result.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
        return result;
    }
}
