package dev.switchboard.store;

import java.sql.Connection;
import java.sql.SQLException;

/** Runs JDBC work on a pooled connection, turning SQL failures into {@link StoreException}. */
public final class Sql {

    /** Work on one connection. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final Database database;

    public Sql(Database database) {
        this.database = database;
    }

    public <T> T run(Work<T> work) {
        return database.run(() -> {
            try (Connection connection = database.connection()) {
                return work.run(connection);
            } catch (SQLException e) {
                throw new StoreException("store operation failed: " + e.getMessage(), e);
            }
        });
    }

    /** Work in one transaction: committed if it returns, rolled back if it throws. */
    public <T> T inTransaction(Work<T> work) {
        return run(connection -> {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        });
    }
}
