package dev.switchboard.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.Harness;
import dev.switchboard.Version;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The HTTP details an operator meets: 405 with Allow, the pages' icon, a health answer naming the build. */
class HttpDetailsTest {

    @RegisterExtension
    static final Harness harness = Harness.perClass();

    private static final Map<String, String> AUTH = Map.of("Authorization", "Bearer " + Harness.TOKEN);

    @Test
    void aKnownPathWithAnotherMethodIs405NamingTheMethods() {
        // RFC 9110 §15.5.6: a 405 carries Allow with the methods the resource serves.
        var put = harness.send("PUT", "/integrated-account/some-id", "{}", AUTH);
        assertEquals(405, put.statusCode(), put.body());
        // HEAD is served wherever GET is (it runs GET's checks), so Allow names it too.
        assertEquals(java.util.Set.of("GET", "HEAD", "PATCH", "DELETE"),
                methods(put.headers().firstValue("Allow").orElseThrow()));
        assertEquals(405, Harness.json(put).get("statusCode"));
        assertTrue(((String) Harness.json(put).get("message")).contains("PUT"), put.body());

        var delete = harness.send("DELETE", "/unified/ats/activities", null, AUTH);
        assertEquals(405, delete.statusCode());
        assertEquals(java.util.Set.of("GET", "HEAD", "POST"), methods(delete.headers().firstValue("Allow").orElseThrow()));

        // An unknown path stays a 404, and a token is still asked for first.
        assertEquals(404, harness.send("PUT", "/no-such-path", "{}", AUTH).statusCode());
        assertEquals(401, harness.send("PUT", "/integrated-account/some-id", "{}", Map.of()).statusCode());
    }

    @Test
    void theFaviconIsServedWithoutAToken() {
        for (String path : java.util.List.of("/favicon.ico", "/favicon.svg")) {
            var icon = harness.send("GET", path, null, Map.of());
            assertEquals(200, icon.statusCode(), path);
            assertEquals("image/svg+xml", icon.headers().firstValue("Content-Type").orElseThrow());
            assertTrue(icon.body().startsWith("<svg"), icon.body());
        }
    }

    @Test
    void healthNamesTheBuild() {
        var health = Harness.json(harness.send("GET", "/health", null, Map.of()));
        assertEquals("ok", health.get("status"));
        assertEquals(Version.VALUE, health.get("version"));
        assertTrue(((String) health.get("built")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"), health.toString());
    }

    private static java.util.Set<String> methods(String allow) {
        var names = new java.util.HashSet<String>();
        for (String name : allow.split(",")) {
            names.add(name.trim());
        }
        return names;
    }
}
