package dev.switchboard.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.flywaydb.core.Flyway;

/**
 * The connection pool to the store, migrated to the current schema when opened. Two
 * processes may open the same PostgreSQL database; Flyway's lock lets one migrate.
 */
public final class Database implements AutoCloseable {

    private final HikariDataSource pool;
    private final Dialect dialect;
    /** SQLite's work, off the virtual threads' carriers; PostgreSQL's driver waits in Java and needs none. */
    private final Optional<StoreThreads> storeThreads;

    static final int CONNECTION_TIMEOUT_MS = 2_000;
    private static final int READY_WITHIN_MS = 900;
    /** Readiness checks run here, so a hung store never holds the caller of /ready. */
    private static final ExecutorService READINESS = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "switchboard-readiness");
        thread.setDaemon(true);
        return thread;
    });

    private Database(HikariDataSource pool, Dialect dialect) {
        this.pool = pool;
        this.dialect = dialect;
        this.storeThreads = dialect == Dialect.SQLITE
                ? Optional.of(new StoreThreads(pool.getMaximumPoolSize())) : Optional.empty();
    }

    /** The store, migrated to the current schema first. */
    public static Database open(String jdbcUrl) {
        return open(jdbcUrl, true);
    }

    /**
     * @param migrate migrate first; else the schema must already be current (a cluster whose
     *                operator runs {@code switchboard migrate} once, before rolling out)
     * @throws StoreException when the schema is behind and may not be migrated here
     */
    public static Database open(String jdbcUrl, boolean migrate) {
        Dialect dialect = Dialect.of(jdbcUrl);
        var config = new HikariConfig();
        if (dialect == Dialect.SQLITE) {
            config.setDataSource(new SqliteSource(jdbcUrl));
        } else {
            config.setJdbcUrl(jdbcUrl);
        }
        config.setPoolName("switchboard-store");
        // A store that is down is reported within about two seconds, not Hikari's default 30.
        config.setConnectionTimeout(CONNECTION_TIMEOUT_MS);
        config.setValidationTimeout(1_000);
        config.setInitializationFailTimeout(CONNECTION_TIMEOUT_MS);
        if (dialect == Dialect.SQLITE) {
            config.setMaximumPoolSize(4);
        } else {
            config.setMaximumPoolSize(16);
            // Seconds: a host that does not answer at all is given up on as quickly.
            config.addDataSourceProperty("connectTimeout", "2");
            config.addDataSourceProperty("socketTimeout", "30");
        }
        var pool = new HikariDataSource(config);
        try {
            var flyway = Flyway.configure().dataSource(pool).locations(Dialect.MIGRATIONS);
            schemaOf(jdbcUrl).ifPresent(schema -> flyway.schemas(schema).createSchemas(true));
            if (migrate) {
                flyway.load().migrate();
            } else {
                int pending = flyway.load().info().pending().length;
                if (pending > 0) {
                    throw new StoreException("the store's schema is " + pending + " migration(s) behind and "
                            + "SWITCHBOARD_MIGRATE=false: run 'switchboard migrate' first", null);
                }
            }
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        return new Database(pool, dialect);
    }

    /** Brings the store's schema up to date; the number of migrations applied. */
    public static int migrate(String jdbcUrl) {
        var config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setPoolName("switchboard-migrate");
        config.setMaximumPoolSize(2);
        config.setInitializationFailTimeout(CONNECTION_TIMEOUT_MS);
        try (var pool = new HikariDataSource(config)) {
            var flyway = Flyway.configure().dataSource(pool).locations(Dialect.MIGRATIONS);
            schemaOf(jdbcUrl).ifPresent(schema -> flyway.schemas(schema).createSchemas(true));
            return flyway.load().migrate().migrationsExecuted;
        }
    }

    /** Publishes the connection pool's meters (Hikari's Micrometer tracker); once per pool. */
    public void bindMetrics(io.micrometer.core.instrument.MeterRegistry registry) {
        pool.setMetricRegistry(registry);
    }

    public Dialect dialect() {
        return dialect;
    }

    public Connection connection() throws SQLException {
        return pool.getConnection();
    }

    /** Runs JDBC work where this store's driver may wait: for SQLite, never on a virtual thread. */
    <T> T run(Supplier<T> work) {
        return storeThreads.isPresent() ? storeThreads.get().run(work) : work.get();
    }

    /** True when a trivial query answers within a second: what readiness means for the store. */
    public boolean reachable() {
        var check = CompletableFuture.supplyAsync(() -> {
            try (Connection connection = connection(); var statement = connection.createStatement()) {
                statement.setQueryTimeout(1);
                return statement.execute("SELECT 1");
            } catch (SQLException e) {
                return false;
            }
        }, READINESS);
        try {
            return check.get(READY_WITHIN_MS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
        storeThreads.ifPresent(StoreThreads::close);
    }
}
