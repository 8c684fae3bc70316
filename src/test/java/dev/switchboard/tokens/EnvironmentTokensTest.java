package dev.switchboard.tokens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.Harness;
import dev.switchboard.store.Database;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Stored tokens: hashed, scoped to an environment, revocable. */
class EnvironmentTokensTest {

    @RegisterExtension
    static final Harness harness = Harness.perClass();
    static IssuedToken production;
    static IssuedToken staging;

    @BeforeAll
    static void start() {
        production = harness.server().tokens().create("production", "app");
        staging = harness.server().tokens().create("staging", "app");
    }

    @Test
    void anAccountIsInvisibleToAnotherEnvironmentAsNotFound() {
        var created = call("POST", "/integrated-accounts?connect_check=skip", production.secret(),
                "{\"integration\": \"ashby\", \"tenant_id\": \"t\", \"context\": {\"api_key\": \"k\"}}");
        assertEquals(201, created.statusCode());
        String id = (String) Harness.json(created).get("id");

        assertEquals(200, call("GET", "/integrated-accounts/" + id, production.secret(), null).statusCode());
        for (String other : List.of(staging.secret(), Harness.TOKEN)) {
            assertEquals(404, call("GET", "/integrated-accounts/" + id, other, null).statusCode());
            assertEquals(404, call("PATCH", "/integrated-accounts/" + id, other,
                    "{\"context\": {\"api_key\": \"stolen\"}}").statusCode());
            assertEquals(404, call("DELETE", "/integrated-accounts/" + id, other, null).statusCode());
            assertEquals(404, call("POST", Harness.activities(id, ""), other,
                    "{\"candidate_id\": \"c\", \"body\": \"x\"}").statusCode());
            var list = Harness.json(call("GET", "/integrated-accounts", other, null));
            assertFalse(list.get("result").toString().contains(id));
        }
        assertTrue(Harness.json(call("GET", "/integrated-accounts", production.secret(), null))
                .get("result").toString().contains(id));
    }

    @Test
    void metricsAreTheOperatorsNotAnEnvironments() {
        // The metrics name every environment's integrations and traffic.
        var refused = call("GET", "/metrics", production.secret(), null);
        assertEquals(403, refused.statusCode());
        assertEquals(403, Harness.json(refused).get("statusCode"));
        assertEquals(200, call("GET", "/metrics", Harness.TOKEN, null).statusCode());
    }

    @Test
    void theOperatorMayNameEnvironmentsWhoseTokensReadMetrics() {
        try (var ops = Harness.start(Harness.sqliteConfig().withEnvironment(
                Map.of("SWITCHBOARD_METRICS_ENVIRONMENTS", "ops, monitoring")))) {
            var monitoring = ops.server().tokens().create("monitoring", "prometheus");
            var tenant = ops.server().tokens().create("production", "app");
            var auth = Map.of("Authorization", "Bearer " + monitoring.secret());
            var scraped = ops.send("GET", "/metrics", null, auth);
            assertEquals(200, scraped.statusCode(), scraped.body());
            assertTrue(scraped.body().contains("# TYPE"), "Prometheus text");
            var refused = ops.send("GET", "/metrics", null, Map.of("Authorization", "Bearer " + tenant.secret()));
            assertEquals(403, refused.statusCode());
            assertTrue(((String) Harness.json(refused).get("message")).contains("SWITCHBOARD_METRICS_ENVIRONMENTS"));
            ops.server().tokens().revoke(monitoring.token().id());
            assertEquals(401, ops.send("GET", "/metrics", null, auth).statusCode(), "a revoked token is no token");
        }
    }

    @Test
    void aRevokedTokenIsRefused() {
        var token = harness.server().tokens().create("production", "short-lived");
        assertEquals(200, call("GET", "/integrated-accounts", token.secret(), null).statusCode());
        assertTrue(harness.server().tokens().revoke(token.token().id()));
        assertEquals(401, call("GET", "/integrated-accounts", token.secret(), null).statusCode());
        assertFalse(harness.server().tokens().revoke(token.token().id()), "revoked once");
    }

    @Test
    void onlyTheHashIsStored() throws Exception {
        var token = harness.server().tokens().create("production", "hash-check");
        String dbUrl = harness.databaseUrl();
        try (var database = Database.open(dbUrl); var connection = database.connection();
                var statement = connection.createStatement();
                var rows = statement.executeQuery("SELECT * FROM api_tokens")) {
            while (rows.next()) {
                for (int column = 1; column <= rows.getMetaData().getColumnCount(); column++) {
                    String value = rows.getString(column);
                    assertFalse(value != null && value.contains(token.secret().substring(4)));
                }
            }
        }
        assertFalse(token.toString().contains(token.secret()));
    }

    @Test
    void tokensThatLookAlikeAreNotAccepted() {
        assertEquals(401, call("GET", "/integrated-accounts", production.secret() + "x", null).statusCode());
        assertEquals(401, call("GET", "/integrated-accounts", "sbt_", null).statusCode());
        assertEquals(401, call("GET", "/integrated-accounts", Harness.TOKEN.substring(1), null).statusCode());
    }

    private static HttpResponse<String> call(String method, String path, String token, String body) {
        return harness.send(method, path, body, Map.of("Authorization", "Bearer " + token));
    }
}
