package dev.switchboard.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.Harness;
import dev.switchboard.mapping.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * No webhook goes to a special-purpose address (the IANA IPv4 and IPv6 Special-Purpose
 * Address Registries), however it is written; a public address is taken.
 */
class WebhookAddressesTest {

    @RegisterExtension
    static final Harness harness = Harness.perClass();

    @Test
    void everySpecialPurposeRangeIsRefused() {
        for (String host : List.of("198.18.0.1", "198.19.255.254", "192.0.0.8", "192.0.0.170", "240.0.0.1",
                "255.255.255.255", "0.0.0.0", "192.0.2.10", "198.51.100.7", "203.0.113.9", "192.88.99.1",
                "[64:ff9b::a00:1]", "[64:ff9b:1::1]", "[2002:a00:1::1]", "[::10.0.0.1]", "[::ffff:10.0.0.1]",
                "[::ffff:127.0.0.1]", "[2001::1]", "[2001:db8::1]", "[100::1]", "[fec0::1]", "[fd00::1]", "[fe80::1]",
                "[ff02::1]", "[3fff::1]", "[::]")) {
            var refused = harness.post("/webhook", Json.writeString(Map.of("url", "https://" + host + "/hooks")));
            assertEquals(400, refused.statusCode(), host + " " + refused.body());
            assertTrue(refused.body().contains("special-purpose"), host + " " + refused.body());
        }
    }

    @Test
    void aPublicAddressIsTaken() {
        var taken = harness.post("/webhook", Json.writeString(Map.of("url", "https://93.184.215.14/hooks")));
        assertEquals(201, taken.statusCode(), taken.body());
        var v6 = harness.post("/webhook", Json.writeString(Map.of("url", "https://[2606:2800:21f:cb07:6820:80da:af6b:8b2c]/hooks")));
        assertEquals(201, v6.statusCode(), v6.body());
    }
}
