package dev.switchboard.store;

/** The databases Switchboard runs on; each has its own migration folder. */
public enum Dialect {
    SQLITE("sqlite"),
    POSTGRESQL("postgresql");

    private final String folder;

    Dialect(String folder) {
        this.folder = folder;
    }

    public String migrations() {
        return "classpath:db/migration/" + folder;
    }

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
