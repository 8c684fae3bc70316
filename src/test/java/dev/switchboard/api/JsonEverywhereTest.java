package dev.switchboard.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.Harness;
import dev.switchboard.mapping.Json;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every answer is the contract's JSON error, also the ones Jetty gives before a request
 * reaches the application; sent over a raw socket so no client library tidies the request.
 */
class JsonEverywhereTest {

    @RegisterExtension
    static final Harness harness = Harness.perClass();

    @Test
    void aMalformedUriIsAJson400() throws Exception {
        assertJsonError(raw("GET /unified/%zz HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n"), 400);
        assertJsonError(raw("GET /unified/ats/activities?integrated_account_id=%zz HTTP/1.1\r\nHost: a\r\n"
                + "Authorization: Bearer " + Harness.TOKEN + "\r\nConnection: close\r\n\r\n"), 400);
    }

    @Test
    void aUriTooLongIsAJson414() throws Exception {
        String path = "/unified/ats/activities?integrated_account_id=" + "a".repeat(70_000);
        assertJsonError(raw("GET " + path + " HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n"), 414);
    }

    @Test
    void headersTooLargeAreAJson431() throws Exception {
        String header = "X-Big: " + "b".repeat(70_000) + "\r\n";
        assertJsonError(raw("GET /health HTTP/1.1\r\nHost: a\r\n" + header + "Connection: close\r\n\r\n"), 431);
    }

    @Test
    void anUnknownRouteAndAWrongMethodAreJson() throws Exception {
        assertJsonError(raw("GET /nope HTTP/1.1\r\nHost: a\r\nAuthorization: Bearer " + Harness.TOKEN
                + "\r\nConnection: close\r\n\r\n"), 404);
    }

    @Test
    void a401SaysHowToAuthenticate() {
        var missing = harness.send("GET", "/integrated-account", null, Map.of());
        assertEquals(401, missing.statusCode());
        assertEquals("Bearer", missing.headers().firstValue("WWW-Authenticate").orElse(""));
        var wrong = harness.send("GET", "/integrated-account", null, Map.of("Authorization", "Bearer nope"));
        assertEquals(401, wrong.statusCode());
        assertTrue(wrong.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
        assertEquals(401, Harness.json(wrong).get("statusCode"));
    }

    private static void assertJsonError(String response, int status) throws Exception {
        int split = response.indexOf("\r\n\r\n");
        String head = response.substring(0, split).toLowerCase();
        String body = response.substring(split + 4);
        assertTrue(head.startsWith("http/1.1 " + status), head);
        assertTrue(head.contains("content-type: application/json"), head);
        if (head.contains("transfer-encoding: chunked")) {
            body = body.substring(body.indexOf("\r\n") + 2, body.lastIndexOf("\r\n0\r\n"));
        }
        var json = Json.asObject(Json.parse(body.getBytes(StandardCharsets.UTF_8))).orElseThrow();
        assertEquals(status, json.get("statusCode"));
        assertFalse(body.contains("<html"), body);
        assertFalse(body.contains("aaaaaaaaaa") || body.contains("bbbbbbbbbb"), "the request is not echoed");
    }

    private static String raw(String request) throws Exception {
        URI base = URI.create(harness.baseUrl());
        try (var socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            var out = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            try {
                in.transferTo(out);
            } catch (java.net.SocketException reset) {
                // Jetty may close hard after a refusal; what arrived is the answer
            }
            return out.toString(StandardCharsets.UTF_8);
        }
    }
}
