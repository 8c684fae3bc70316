package dev.switchboard.accounts;

import dev.switchboard.crypto.SecretBox;
import dev.switchboard.mapping.Json;
import dev.switchboard.store.Database;
import dev.switchboard.store.Dialect;
import dev.switchboard.store.Sql;
import dev.switchboard.store.StoredTime;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;

/**
 * Accounts in a SQL table (SQLite or PostgreSQL). The context column holds only the
 * AES-256-GCM sealed context, bound to the account's id. On PostgreSQL every change to an
 * account is announced on {@link #CHANGES}, so other processes drop their cached copy.
 */
public final class JdbcAccountStore implements AccountStore {

    private static final String COLUMNS =
            "id, environment, integration, tenant_id, status, context, created_at, updated_at";

    /** The PostgreSQL channel that carries the id of each account changed or deleted. */
    public static final String CHANGES = "switchboard_account_changes";

    private final Sql sql;
    private final SecretBox box;
    private final AccountEvents events;
    private final boolean announces;

    public JdbcAccountStore(Database database, SecretBox box) {
        this(database, box, AccountEvents.NONE);
    }

    /** @param events where account events are written, in the same transaction as the change */
    public JdbcAccountStore(Database database, SecretBox box, AccountEvents events) {
        this.events = events;
        this.sql = new Sql(database);
        this.box = box;
        this.announces = database.dialect() == Dialect.POSTGRESQL;
    }

    @Override
    public void insert(IntegratedAccount account) {
        insert(account, List.of());
    }

    @Override
    public void insert(IntegratedAccount account, List<AccountEvent> happened) {
        sql.inTransaction(connection -> {
            try (var statement = connection.prepareStatement(
                    "INSERT INTO integrated_accounts (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                statement.setString(1, account.id());
                statement.setString(2, account.environment());
                statement.setString(3, account.integration());
                statement.setString(4, account.tenantId());
                statement.setString(5, account.status().wire());
                statement.setString(6, seal(account));
                statement.setString(7, StoredTime.format(account.createdAt()));
                statement.setString(8, StoredTime.format(account.updatedAt()));
                statement.executeUpdate();
            }
            events.record(connection, account.environment(), happened);
            return null;
        });
    }

    @Override
    public Optional<IntegratedAccount> find(String id) {
        return sql.run(connection -> find(connection, id));
    }

    @Override
    public List<String> environments() {
        return sql.run(connection -> {
            try (var statement = connection.prepareStatement(
                    "SELECT DISTINCT environment FROM integrated_accounts ORDER BY environment");
                    var rows = statement.executeQuery()) {
                var names = new java.util.ArrayList<String>();
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
                return names;
            }
        });
    }

    @Override
    public AccountPage list(String environment, Optional<String> tenantId, Optional<PagePosition> after, int limit) {
        return sql.run(connection -> {
            String tenant = tenantId.isPresent() ? " AND tenant_id = ?" : "";
            String position = after.isPresent() ? " AND (created_at > ? OR (created_at = ? AND id > ?))" : "";
            try (var statement = connection.prepareStatement("SELECT " + COLUMNS
                    + " FROM integrated_accounts WHERE environment = ?" + tenant + position
                    + " ORDER BY created_at, id LIMIT ?")) {
                int index = 1;
                statement.setString(index++, environment);
                if (tenantId.isPresent()) {
                    statement.setString(index++, tenantId.get());
                }
                if (after.isPresent()) {
                    String createdAt = StoredTime.format(after.get().createdAt());
                    statement.setString(index++, createdAt);
                    statement.setString(index++, createdAt);
                    statement.setString(index++, after.get().id());
                }
                statement.setInt(index, limit + 1); // one more than asked tells whether a next page exists
                List<IntegratedAccount> found = readAll(statement);
                if (found.size() <= limit) {
                    return new AccountPage(found, Optional.empty());
                }
                IntegratedAccount last = found.get(limit - 1);
                return new AccountPage(found.subList(0, limit),
                        Optional.of(new PagePosition(last.createdAt(), last.id())));
            }
        });
    }

    @Override
    public boolean update(IntegratedAccount account) {
        return update(account, List.of());
    }

    @Override
    public boolean update(IntegratedAccount account, List<AccountEvent> happened) {
        return sql.inTransaction(connection -> {
            if (!update(connection, account)) {
                return false;
            }
            events.record(connection, account.environment(), happened);
            return true;
        });
    }

    @Override
    public Optional<IntegratedAccount> updateLocked(String id, UnaryOperator<IntegratedAccount> change) {
        return updateLocked(id, change, (before, after) -> List.of());
    }

    @Override
    public Optional<IntegratedAccount> updateLocked(String id, UnaryOperator<IntegratedAccount> change,
            BiFunction<IntegratedAccount, IntegratedAccount, List<AccountEvent>> happened) {
        return sql.inTransaction(connection -> {
            // A no-op write takes the row lock (PostgreSQL) or the write lock (SQLite)
            // before the read, so a second process waits here and then sees the change.
            try (var lock = connection.prepareStatement("UPDATE integrated_accounts SET id = id WHERE id = ?")) {
                lock.setString(1, id);
                if (lock.executeUpdate() == 0) {
                    return Optional.empty();
                }
            }
            IntegratedAccount current = find(connection, id).orElseThrow();
            IntegratedAccount changed = change.apply(current);
            if (changed != current) {
                update(connection, changed);
                events.record(connection, changed.environment(), happened.apply(current, changed));
            }
            return Optional.of(changed);
        });
    }

    @Override
    public boolean delete(String id) {
        return delete(id, "", List.of());
    }

    @Override
    public boolean delete(String id, String environment, List<AccountEvent> happened) {
        return sql.inTransaction(connection -> {
            try (var slot = connection.prepareStatement("DELETE FROM rate_slots WHERE account_id = ?")) {
                slot.setString(1, id); // the account's place in its provider's rate goes with it
                slot.executeUpdate();
            }
            try (var statement = connection.prepareStatement("DELETE FROM integrated_accounts WHERE id = ?")) {
                statement.setString(1, id);
                if (statement.executeUpdate() != 1) {
                    return false;
                }
            }
            events.record(connection, environment, happened);
            return announce(connection, id);
        });
    }

    @Override
    public int reseal() {
        List<String> ids = sql.run(connection -> {
            var all = new ArrayList<String>();
            try (var statement = connection.prepareStatement("SELECT id, context FROM integrated_accounts");
                    ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    if (box.isStale(rows.getString("context"))) {
                        all.add(rows.getString("id"));
                    }
                }
            }
            return all;
        });
        int changed = 0;
        for (String id : ids) {
            // Re-read under the lock: a request may have written the row meanwhile.
            changed += updateLocked(id, account -> new IntegratedAccount(account.id(), account.environment(),
                    account.integration(), account.tenantId(), account.status(), account.context(),
                    account.createdAt(), account.updatedAt())).isPresent() ? 1 : 0;
        }
        return changed;
    }

    private boolean update(Connection connection, IntegratedAccount account) throws SQLException {
        try (var statement = connection.prepareStatement(
                "UPDATE integrated_accounts SET status = ?, context = ?, updated_at = ? WHERE id = ?")) {
            statement.setString(1, account.status().wire());
            statement.setString(2, seal(account));
            statement.setString(3, StoredTime.format(account.updatedAt()));
            statement.setString(4, account.id());
            return statement.executeUpdate() == 1 && announce(connection, account.id());
        }
    }

    /**
     * Tells the other processes that the account changed. Inside a transaction PostgreSQL
     * delivers it on commit, so a listener that then reads finds the new state.
     */
    private boolean announce(Connection connection, String id) throws SQLException {
        if (announces) {
            try (var statement = connection.prepareStatement("SELECT pg_notify(?, ?)")) {
                statement.setString(1, CHANGES);
                statement.setString(2, id);
                statement.execute();
            }
        }
        return true;
    }

    private Optional<IntegratedAccount> find(Connection connection, String id) throws SQLException {
        try (var statement = connection.prepareStatement(
                "SELECT " + COLUMNS + " FROM integrated_accounts WHERE id = ?")) {
            statement.setString(1, id);
            return readAll(statement).stream().findFirst();
        }
    }

    private List<IntegratedAccount> readAll(PreparedStatement statement) throws SQLException {
        List<IntegratedAccount> accounts = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                String id = rows.getString("id");
                accounts.add(new IntegratedAccount(
                        id,
                        rows.getString("environment"),
                        rows.getString("integration"),
                        rows.getString("tenant_id"),
                        AccountStatus.fromWire(rows.getString("status")),
                        open(id, rows.getString("context")),
                        StoredTime.parse(rows.getString("created_at")),
                        StoredTime.parse(rows.getString("updated_at"))));
            }
        }
        return accounts;
    }

    private String seal(IntegratedAccount account) {
        return box.seal(Json.writeString(account.context()), account.id());
    }

    private Map<String, Object> open(String id, String sealed) throws SQLException {
        try {
            return Json.asObject(Json.parse(box.open(sealed, id).getBytes(StandardCharsets.UTF_8)))
                    .orElseThrow(() -> new SQLException("stored context of " + id + " is not a JSON object"));
        } catch (IOException e) {
            throw new SQLException("stored context of " + id + " is not JSON");
        }
    }
}
