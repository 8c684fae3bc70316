package dev.switchboard.store;

class SqliteAccountStoreTest extends AccountStoreContract {
    @Override
    String freshUrl() {
        return TestDatabases.sqlite();
    }
}
