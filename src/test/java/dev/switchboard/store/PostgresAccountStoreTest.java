package dev.switchboard.store;

/** Runs against the PostgreSQL server on 127.0.0.1:5432; a missing server fails, never skips. */
class PostgresAccountStoreTest extends AccountStoreContract {
    @Override
    String freshUrl() {
        return TestDatabases.postgres();
    }

    @Override
    void dispose(String url) {
        TestDatabases.dropPostgres(url);
    }
}
