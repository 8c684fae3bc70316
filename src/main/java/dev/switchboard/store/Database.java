package dev.switchboard.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Optional;
import org.flywaydb.core.Flyway;

/**
 * The connection pool to the store, migrated to the current schema when opened. Two
 * processes may open the same PostgreSQL database; Flyway's lock lets one migrate.
 */
public final class Database implements AutoCloseable {

    private final HikariDataSource pool;
    private final Dialect dialect;

    private Database(HikariDataSource pool, Dialect dialect) {
        this.pool = pool;
        this.dialect = dialect;
    }

    public static Database open(String jdbcUrl) {
        Dialect dialect = Dialect.of(jdbcUrl);
        var config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setPoolName("switchboard-store");
        if (dialect == Dialect.SQLITE) {
            // WAL lets readers go on while one request writes; writers wait rather than fail.
            config.addDataSourceProperty("journal_mode", "WAL");
            config.addDataSourceProperty("busy_timeout", "10000");
            config.setMaximumPoolSize(4);
        } else {
            config.setMaximumPoolSize(16);
        }
        var pool = new HikariDataSource(config);
        try {
            var flyway = Flyway.configure().dataSource(pool).locations(Dialect.MIGRATIONS);
            schemaOf(jdbcUrl).ifPresent(schema -> flyway.schemas(schema).createSchemas(true));
            flyway.load().migrate();
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        return new Database(pool, dialect);
    }

    public Dialect dialect() {
        return dialect;
    }

    public Connection connection() throws SQLException {
        return pool.getConnection();
    }

    /** True when a trivial query answers: what readiness means for the store. */
    public boolean reachable() {
        try (Connection connection = connection(); var statement = connection.createStatement()) {
            return statement.execute("SELECT 1");
        } catch (SQLException e) {
            return false;
        }
    }

    /** PostgreSQL's {@code currentSchema} URL parameter: the schema to migrate and use. */
    private static Optional<String> schemaOf(String jdbcUrl) {
        if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
            return Optional.empty();
        }
        String query = URI.create(jdbcUrl.substring("jdbc:".length())).getRawQuery();
        return query == null ? Optional.empty() : Arrays.stream(query.split("&"))
                .filter(pair -> pair.startsWith("currentSchema="))
                .map(pair -> pair.substring("currentSchema=".length()))
                .findFirst();
    }

    @Override
    public void close() {
        pool.close();
    }
}
