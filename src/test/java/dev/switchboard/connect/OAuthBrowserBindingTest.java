package dev.switchboard.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.Harness;
import dev.switchboard.mapping.Json;
import dev.switchboard.sandbox.LeverSimulator;
import dev.switchboard.sandbox.Sandbox;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An OAuth sign-in completes only in the browser that started it: a link holder who hands
 * Lever's authorize URL to someone else cannot have that person's consent connect their Lever
 * into the holder's tenant. Lever's consent is the sandbox's simulated one
 * (hire.lever.co/developer/documentation#authentication). Also: a link's origin must be one.
 */
class OAuthBrowserBindingTest {

    static Sandbox sandbox;
    static Harness harness;
    static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start();
        harness = Harness.start(Harness.sqliteConfig().withEnvironment(Map.of(
                "SWITCHBOARD_LEVER_CLIENT_ID", LeverSimulator.CLIENT_ID,
                "SWITCHBOARD_LEVER_CLIENT_SECRET", LeverSimulator.CLIENT_SECRET,
                "SWITCHBOARD_LEVER_TOKEN_URL", sandbox.leverTokenUrl(),
                "SWITCHBOARD_LEVER_AUTHORIZE_URL", sandbox.leverAuthorizeUrl(),
                "SWITCHBOARD_LEVER_BASE_URL", sandbox.leverUrl())));
    }

    @AfterAll
    static void stop() {
        harness.close();
        sandbox.close();
    }

    @Test
    void anAuthorizeUrlHandedToAnotherBrowserCannotComplete() throws Exception {
        String tenant = "tenant-bound-" + System.nanoTime();
        var issued = harness.post("/link-token", Json.writeString(Map.of("tenant_id", tenant,
                "integrations", List.of("lever"))));
        String link = (String) Harness.json(issued).get("link_token");

        // The link holder's browser starts the sign-in and gets the nonce cookie.
        var started = send(HttpRequest.newBuilder(URI.create(harness.baseUrl() + "/connect/oauth/start?link_token="
                + link + "&integration=lever")).GET().build());
        assertEquals(302, started.statusCode(), started.body());
        String cookie = started.headers().firstValue("set-cookie").orElseThrow();
        assertTrue(cookie.startsWith("switchboard_oauth=") && cookie.contains("HttpOnly")
                && cookie.contains("SameSite=Lax"), cookie);
        String authorize = started.headers().firstValue("location").orElseThrow();

        // Someone else consents at that URL; Lever sends their browser back with a code.
        String callback = consent(authorize);
        var elsewhere = send(HttpRequest.newBuilder(URI.create(callback)).GET().build());
        assertEquals(400, elsewhere.statusCode(), elsewhere.body());
        assertTrue(elsewhere.body().contains("started in another browser"), elsewhere.body());
        assertEquals(0, accountsOf(tenant), "nothing connected into the holder's tenant");

        // The browser that started it completes it (with a fresh consent: the code above was spent).
        String again = consent(authorize);
        var own = send(HttpRequest.newBuilder(URI.create(again)).header("Cookie", cookie.split(";")[0]).GET().build());
        assertEquals(200, own.statusCode(), own.body());
        assertEquals(1, accountsOf(tenant));
    }

    @Test
    void anOriginMustHaveAPortThereCanBe() {
        for (String origin : List.of("https://app.example.com:99999", "https://app.example.com:0",
                "https://app.example.com:")) {
            var refused = harness.post("/link-token", Json.writeString(Map.of("tenant_id", "t", "origin", origin)));
            assertEquals(400, refused.statusCode(), origin + " " + refused.body());
        }
        assertEquals(201, harness.post("/link-token", Json.writeString(Map.of("tenant_id", "t",
                "origin", "https://app.example.com:8443"))).statusCode());
    }

    /** Allows at the simulated consent page; the callback address Lever sends the browser to. */
    private static String consent(String authorize) throws Exception {
        var query = URI.create(authorize).getRawQuery();
        var parameters = new java.util.HashMap<String, String>();
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            parameters.put(pair.substring(0, equals),
                    java.net.URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        String form = "decision=allow&redirect_uri=" + URLEncoder.encode(parameters.get("redirect_uri"),
                StandardCharsets.UTF_8) + "&state=" + URLEncoder.encode(parameters.get("state"), StandardCharsets.UTF_8);
        URI consentPage = URI.create(authorize.substring(0, authorize.indexOf('?')));
        var allowed = send(HttpRequest.newBuilder(consentPage).header("Content-Type",
                "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build());
        String location = allowed.headers().firstValue("location").orElseThrow(() -> new AssertionError(allowed.body()));
        // The callback at this server's own address (its public URL says localhost).
        URI back = URI.create(location);
        return harness.baseUrl() + back.getRawPath() + "?" + back.getRawQuery();
    }

    private static HttpResponse<String> send(HttpRequest request) throws Exception {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static int accountsOf(String tenant) {
        return ((List<?>) Harness.json(harness.get("/integrated-account?tenant_id=" + tenant)).get("result")).size();
    }
}
