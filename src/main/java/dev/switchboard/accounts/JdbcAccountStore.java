package dev.switchboard.accounts;

import dev.switchboard.mapping.Json;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Accounts in a SQL table, reached through JDBC (SQLite by default). */
public final class JdbcAccountStore implements AccountStore {

    private static final String COLUMNS = "id, integration, tenant_id, status, context, created_at, updated_at";

    private final String url;

    private JdbcAccountStore(String url) {
        this.url = url;
    }

    /** Opens the store and creates its table when it is new. */
    public static JdbcAccountStore open(String jdbcUrl) {
        var store = new JdbcAccountStore(jdbcUrl);
        store.run(connection -> {
            try (var statement = connection.createStatement()) {
                if (jdbcUrl.startsWith("jdbc:sqlite:")) {
                    // WAL lets readers go on while one request writes.
                    statement.execute("PRAGMA journal_mode=WAL");
                }
                statement.execute("""
                        CREATE TABLE IF NOT EXISTS integrated_accounts (
                          id TEXT PRIMARY KEY,
                          integration TEXT NOT NULL,
                          tenant_id TEXT NOT NULL,
                          status TEXT NOT NULL,
                          context TEXT NOT NULL,
                          created_at TEXT NOT NULL,
                          updated_at TEXT NOT NULL)""");
                statement.execute(
                        "CREATE INDEX IF NOT EXISTS integrated_accounts_tenant ON integrated_accounts (tenant_id)");
            }
            return null;
        });
        return store;
    }

    @Override
    public void insert(IntegratedAccount account) {
        run(connection -> {
            try (var statement = connection.prepareStatement(
                    "INSERT INTO integrated_accounts (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                statement.setString(1, account.id());
                statement.setString(2, account.integration());
                statement.setString(3, account.tenantId());
                statement.setString(4, account.status().wire());
                statement.setString(5, Json.writeString(account.context()));
                statement.setString(6, account.createdAt().toString());
                statement.setString(7, account.updatedAt().toString());
                return statement.executeUpdate();
            }
        });
    }

    @Override
    public Optional<IntegratedAccount> find(String id) {
        return run(connection -> {
            try (var statement = connection.prepareStatement(
                    "SELECT " + COLUMNS + " FROM integrated_accounts WHERE id = ?")) {
                statement.setString(1, id);
                return readAll(statement).stream().findFirst();
            }
        });
    }

    @Override
    public List<IntegratedAccount> list(Optional<String> tenantId) {
        return run(connection -> {
            String where = tenantId.isPresent() ? " WHERE tenant_id = ?" : "";
            try (var statement = connection.prepareStatement(
                    "SELECT " + COLUMNS + " FROM integrated_accounts" + where + " ORDER BY created_at, id")) {
                if (tenantId.isPresent()) {
                    statement.setString(1, tenantId.get());
                }
                return readAll(statement);
            }
        });
    }

    @Override
    public boolean update(IntegratedAccount account) {
        return run(connection -> {
            try (var statement = connection.prepareStatement(
                    "UPDATE integrated_accounts SET status = ?, context = ?, updated_at = ? WHERE id = ?")) {
                statement.setString(1, account.status().wire());
                statement.setString(2, Json.writeString(account.context()));
                statement.setString(3, account.updatedAt().toString());
                statement.setString(4, account.id());
                return statement.executeUpdate() == 1;
            }
        });
    }

    @Override
    public boolean delete(String id) {
        return run(connection -> {
            try (var statement = connection.prepareStatement("DELETE FROM integrated_accounts WHERE id = ?")) {
                statement.setString(1, id);
                return statement.executeUpdate() == 1;
            }
        });
    }

    private static List<IntegratedAccount> readAll(PreparedStatement statement) throws SQLException {
        List<IntegratedAccount> accounts = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                accounts.add(new IntegratedAccount(
                        rows.getString("id"),
                        rows.getString("integration"),
                        rows.getString("tenant_id"),
                        AccountStatus.fromWire(rows.getString("status")),
                        parseContext(rows.getString("context")),
                        Instant.parse(rows.getString("created_at")),
                        Instant.parse(rows.getString("updated_at"))));
            }
        }
        return accounts;
    }

    private static Map<String, Object> parseContext(String json) throws SQLException {
        try {
            return Json.asObject(Json.parse(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                    .orElseThrow(() -> new SQLException("stored context is not a JSON object"));
        } catch (IOException e) {
            throw new SQLException("stored context is not JSON");
        }
    }

    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private <T> T run(Work<T> work) {
        try (Connection connection = DriverManager.getConnection(url)) {
            return work.run(connection);
        } catch (SQLException e) {
            throw new StoreException("account store failed: " + e.getMessage(), e);
        }
    }
}
