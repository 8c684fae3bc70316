package dev.switchboard.cli;

import dev.switchboard.config.ServerConfig;
import dev.switchboard.store.Database;
import dev.switchboard.tokens.TokenStore;
import java.time.Clock;
import dev.switchboard.mapping.Timestamps;
import dev.switchboard.tokens.ApiToken;
import dev.switchboard.tokens.IssuedToken;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code switchboard tokens create|list|revoke}: API tokens, straight in the store. */
@Command(name = "tokens", mixinStandardHelpOptions = true,
        description = "Create, list and revoke API tokens (in the store of SWITCHBOARD_DATABASE_URL).",
        subcommands = {TokensCommand.Create.class, TokensCommand.ListTokens.class, TokensCommand.Revoke.class})
public final class TokensCommand {

    /**
     * The token store alone: tokens are kept as hashes, so these commands need the database
     * but not SWITCHBOARD_SECRET_KEY, which only sealed credentials need.
     */
    record TokenStores(Database database, TokenStore tokens) implements AutoCloseable {
        static TokenStores open() {
            ServerConfig config = ServerConfig.fromEnvironment(System.getenv());
            Database database = Database.open(config.databaseUrl(), config.migrateOnStart());
            return new TokenStores(database, new TokenStore(database, Clock.systemUTC()));
        }

        @Override
        public void close() {
            database.close();
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create a token; it is printed once and only its hash is kept.")
    static final class Create implements Callable<Integer> {

        @Option(names = "--environment", required = true,
                description = "The environment whose integrated accounts the token sees, e.g. production.")
        String environment;

        @Option(names = "--name", defaultValue = "", description = "What the token is for.")
        String name;

        @Override
        public Integer call() {
            try (var stores = TokenStores.open()) {
                IssuedToken issued = stores.tokens().create(environment, name);
                System.out.println("token:       " + issued.secret());
                System.out.println("id:          " + issued.token().id());
                System.out.println("environment: " + issued.token().environment());
                System.out.println("Keep the token now: it cannot be shown again.");
                return 0;
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List tokens (never their values).")
    static final class ListTokens implements Callable<Integer> {
        @Option(names = "--output", defaultValue = "table", description = "table (default) or json.")
        AccountsCommand.OutputFormat output;

        @Override
        public Integer call() {
            try (var stores = TokenStores.open()) {
                if (output == AccountsCommand.OutputFormat.json) {
                    var all = new java.util.ArrayList<Map<String, Object>>();
                    for (ApiToken token : stores.tokens().list()) {
                        var shown = new java.util.LinkedHashMap<String, Object>();
                        shown.put("id", token.id());
                        shown.put("environment", token.environment());
                        shown.put("status", token.active() ? "active" : "revoked");
                        shown.put("created_at", Timestamps.format(token.createdAt()));
                        shown.put("name", token.name());
                        all.add(shown);
                    }
                    AccountsCommand.printJson(all);
                    return 0;
                }
                var table = new Table(java.util.List.of("ID", "ENVIRONMENT", "STATUS", "CREATED", "NAME"));
                for (ApiToken token : stores.tokens().list()) {
                    table.add(java.util.List.of(token.id(), token.environment(), token.active() ? "active" : "revoked",
                            Timestamps.format(token.createdAt()), token.name()));
                }
                System.out.print(table);
                return 0;
            }
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a token by its id.")
    static final class Revoke implements Callable<Integer> {

        @Parameters(paramLabel = "ID", description = "The token's id, as 'tokens list' shows it.")
        String id;

        @Override
        public Integer call() {
            try (var stores = TokenStores.open()) {
                if (!stores.tokens().revoke(id)) {
                    System.err.println("switchboard: no active token with id " + id);
                    return 1;
                }
                System.out.println("revoked " + id);
                return 0;
            }
        }
    }
}
