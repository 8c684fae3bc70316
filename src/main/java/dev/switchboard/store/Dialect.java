package dev.switchboard.store;

/** The databases Switchboard runs on. Both take the same migrations. */
public enum Dialect {
    SQLITE,
    POSTGRESQL;

    public static final String MIGRATIONS = "classpath:db/migration";

    public static Dialect of(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:sqlite:")) {
            return SQLITE;
        }
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        throw new IllegalArgumentException(
                "SWITCHBOARD_DATABASE_URL must start with jdbc:sqlite: or jdbc:postgresql:");
    }
}
