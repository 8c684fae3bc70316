package dev.switchboard.cli;

import dev.switchboard.config.ServerConfig;
import dev.switchboard.store.Database;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code switchboard migrate}: brings the store's schema up to date, then exits. */
@Command(name = "migrate", mixinStandardHelpOptions = true, description = {
        "Bring the store named by SWITCHBOARD_DATABASE_URL to the current schema, then exit.",
        "Run it once before rolling out a new version to a cluster whose servers start with "
                + "SWITCHBOARD_MIGRATE=false."})
public final class MigrateCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        ServerConfig config = ServerConfig.fromEnvironment(System.getenv());
        int applied = Database.migrate(config.databaseUrl());
        System.out.println(applied == 0 ? "the store is up to date: " + config.redactedDatabaseUrl()
                : "applied " + applied + " migration(s) to " + config.redactedDatabaseUrl());
        return 0;
    }
}
