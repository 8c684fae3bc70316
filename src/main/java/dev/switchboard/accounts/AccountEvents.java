package dev.switchboard.accounts;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** Writes account events in the transaction that changes the account: a change and its events commit together. */
@FunctionalInterface
public interface AccountEvents {

    AccountEvents NONE = (connection, environment, events) -> { };

    void record(Connection connection, String environment, List<AccountEvent> events) throws SQLException;
}
