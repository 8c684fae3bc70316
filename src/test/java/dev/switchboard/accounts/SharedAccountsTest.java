package dev.switchboard.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.Harness;
import dev.switchboard.config.ServerConfig;
import dev.switchboard.store.TestDatabases;
import java.net.http.HttpResponse;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two processes on one PostgreSQL database: an account changed or deleted through one is
 * not served from the other's cache, although that cache would keep it for a minute.
 */
class SharedAccountsTest {

    private static final String KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
    /** Far longer than the waits below: only an announcement can explain a change seen in time. */
    private static final String CACHE_MS = "60000";
    private static final Duration IN_TIME = Duration.ofSeconds(3);

    private String url;
    private Harness first;
    private Harness second;

    @BeforeEach
    void startTwoProcesses() {
        url = TestDatabases.postgres();
        ServerConfig config = ServerConfig.of(0, url, Harness.TOKEN).withSecretKey(KEY)
                .withEnvironment(Map.of("SWITCHBOARD_ACCOUNT_CACHE_MS", CACHE_MS));
        first = Harness.start(config);
        second = Harness.start(config);
    }

    @AfterEach
    void stop() {
        if (first != null) {
            first.close();
        }
        if (second != null) {
            second.close();
        }
        TestDatabases.dropPostgres(url);
    }

    @Test
    void aChangeOrDeletionThroughOneProcessReachesTheOther() {
        String id = first.account("ashby", Map.of("api_key", "k-1", "base_url", "http://127.0.0.1:1"));
        assertEquals("http://127.0.0.1:1", baseUrl(second.get("/integrated-accounts/" + id)));

        patch(id, "http://127.0.0.1:2");
        awaitSeen(() -> second.get("/integrated-accounts/" + id),
                response -> "http://127.0.0.1:2".equals(baseUrl(response)));

        assertEquals(204, first.send("DELETE", "/integrated-accounts/" + id, null,
                Map.of("Authorization", "Bearer " + Harness.TOKEN)).statusCode());
        awaitSeen(() -> second.get("/integrated-accounts/" + id), response -> response.statusCode() == 404);
    }

    @Test
    void aProcessThatLostItsListeningConnectionListensAgainAndForgetsWhatItMissed() throws SQLException {
        String id = first.account("ashby", Map.of("api_key", "k-1", "base_url", "http://127.0.0.1:1"));
        assertEquals("http://127.0.0.1:1", baseUrl(second.get("/integrated-accounts/" + id)));

        int ended = endListeningConnections();
        assertTrue(ended >= 2, "both processes listen; ended " + ended);
        patch(id, "http://127.0.0.1:2");
        awaitSeen(() -> second.get("/integrated-accounts/" + id),
                response -> "http://127.0.0.1:2".equals(baseUrl(response)));

        patch(id, "http://127.0.0.1:3"); // heard on the new connection
        awaitSeen(() -> second.get("/integrated-accounts/" + id),
                response -> "http://127.0.0.1:3".equals(baseUrl(response)));
    }

    private void patch(String id, String baseUrl) {
        var response = first.send("PATCH", "/integrated-accounts/" + id + "?connect_check=skip",
                // A new destination needs the credential again (CredentialSafetyTest).
                "{\"context\": {\"base_url\": \"" + baseUrl + "\", \"api_key\": \"k-1\"}}",
                Map.of("Authorization", "Bearer " + Harness.TOKEN));
        assertEquals(200, response.statusCode(), response.body());
    }

    /** What a database administrator's restart or a network cut does to the listeners. */
    private static int endListeningConnections() throws SQLException {
        try (var connection = DriverManager.getConnection(TestDatabases.POSTGRES);
                var statement = connection.prepareStatement("SELECT count(pg_terminate_backend(pid))"
                        + " FROM pg_stat_activity WHERE query = 'LISTEN " + JdbcAccountStore.CHANGES + "'");
                var rows = statement.executeQuery()) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static void awaitSeen(Supplier<HttpResponse<String>> read, Predicate<HttpResponse<String>> seen) {
        long deadline = System.nanoTime() + IN_TIME.toNanos();
        HttpResponse<String> last = read.get();
        while (!seen.test(last)) {
            assertTrue(System.nanoTime() < deadline, "not seen within " + IN_TIME + ": " + last.body());
            sleep();
            last = read.get();
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static String baseUrl(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        return (String) ((Map<String, Object>) Harness.json(response).get("context")).get("base_url");
    }
}
