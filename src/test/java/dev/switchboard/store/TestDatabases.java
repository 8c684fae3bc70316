package dev.switchboard.store;

import dev.switchboard.TempDirs;
import java.sql.DriverManager;
import org.junit.jupiter.api.Assumptions;
import java.util.UUID;

/**
 * Fresh stores for tests: a SQLite file in a temporary folder, or a PostgreSQL schema of
 * its own on the server CI runs (127.0.0.1:5432, database {@code test}), so runs never collide.
 */
public final class TestDatabases {

    /** Where the PostgreSQL tests connect; CI's server unless overridden. */
    public static final String POSTGRES = System.getenv().getOrDefault("SWITCHBOARD_TEST_POSTGRES_URL",
            "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");

    private TestDatabases() {
    }

    public static String sqlite() {
        return "jdbc:sqlite:" + TempDirs.create("switchboard-store").resolve("store.db");
    }

    /**
     * A URL whose {@code currentSchema} is a new, empty schema. Where no PostgreSQL answers,
     * the test is skipped (said once, in one line), unless {@code CI=true} requires it.
     */
    public static String postgres() {
        requirePostgres();
        String schema = "sb_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        return POSTGRES + (POSTGRES.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    private static volatile Boolean reachable;

    private static synchronized void requirePostgres() {
        if (reachable == null) {
            try (var connection = DriverManager.getConnection(POSTGRES)) {
                reachable = connection.isValid(2);
            } catch (java.sql.SQLException e) {
                reachable = false;
            }
            if (!reachable) {
                System.err.println("PostgreSQL tests skipped: nothing answers at " + POSTGRES
                        + " (set SWITCHBOARD_TEST_POSTGRES_URL; CI=true requires them)");
            }
        }
        if (!reachable) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError("CI=true requires PostgreSQL at " + POSTGRES);
            }
            Assumptions.abort("no PostgreSQL at " + POSTGRES);
        }
    }

    /** Drops the schema a {@link #postgres()} URL named. */
    public static void dropPostgres(String url) {
        if (url == null) {
            return; // the test was skipped before it made one
        }
        String schema = url.substring(url.indexOf("currentSchema=") + "currentSchema=".length());
        try (var connection = DriverManager.getConnection(POSTGRES); var statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

}
