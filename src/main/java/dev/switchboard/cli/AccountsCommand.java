package dev.switchboard.cli;

import dev.switchboard.Server;
import dev.switchboard.accounts.AccountService;
import dev.switchboard.accounts.PagePosition;
import dev.switchboard.mapping.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.ArrayList;
import java.util.List;
import dev.switchboard.accounts.IntegratedAccount;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code switchboard accounts create|list|show|delete}: integrated accounts, straight in the store. */
@Command(name = "accounts", mixinStandardHelpOptions = true,
        description = "Create, list, show and delete integrated accounts (in the store of SWITCHBOARD_DATABASE_URL).",
        subcommands = {AccountsCommand.Create.class, AccountsCommand.ListAccounts.class, AccountsCommand.Show.class,
                AccountsCommand.Delete.class})
public final class AccountsCommand {

    /** Which environment's accounts a command works on. */
    static class EnvironmentOption {
        @Option(names = "--environment", defaultValue = "default",
                description = "The environment of the accounts (default: ${DEFAULT-VALUE}).")
        String environment;
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create an account; prints it, secrets masked.")
    static final class Create extends EnvironmentOption implements Callable<Integer> {
        @Option(names = "--integration", required = true, description = "The integration's name: ashby, greenhouse, lever, recruitee, teamtailor or workable "
                + "('catalog check' lists them).")
        String integration;

        @Option(names = "--tenant", required = true, description = "The tenant the account belongs to.")
        String tenant;

        @Option(names = "--context", description = "The credentials as JSON, e.g. '{\"api_key\": \"...\"}'.")
        String context;

        @Option(names = "--context-file", description = "Read the credentials JSON from this file (keeps them out of shell history).")
        Path contextFile;

        @Override
        public Integer call() throws IOException {
            String json = contextFile != null ? Files.readString(contextFile, StandardCharsets.UTF_8) : context;
            if (json == null) {
                throw new IllegalArgumentException("give --context or --context-file");
            }
            Object parsed = Json.parseRequest(json.getBytes(StandardCharsets.UTF_8));
            var body = new LinkedHashMap<String, Object>();
            body.put("integration", integration);
            body.put("tenant_id", tenant);
            body.put("context", parsed);
            try (var stores = Server.Stores.fromEnvironment()) {
                // Straight in the store, with no provider call: unproved until its first good call.
                print(view(stores, stores.accounts().create(environment, body, java.util.Optional.empty())));
                return 0;
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List accounts, secrets masked.")
    static final class ListAccounts extends EnvironmentOption implements Callable<Integer> {
        @Option(names = "--tenant", description = "Only this tenant's.")
        String tenant;

        @Option(names = "--all-environments", description = "Every environment's accounts, with an ENVIRONMENT column.")
        boolean allEnvironments;

        @Option(names = "--output", defaultValue = "table",
                description = "table (default) or json: an array of accounts as the API shows them, secrets masked.")
        OutputFormat output;

        @Override
        public Integer call() {
            try (var stores = Server.Stores.fromEnvironment()) {
                var accounts = new ArrayList<IntegratedAccount>();
                for (String each : allEnvironments ? stores.accounts().environments() : List.of(environment)) {
                    Optional<String> cursor = Optional.empty();
                    do {
                        var page = stores.accounts().list(each, Optional.ofNullable(tenant), cursor, AccountService.MAX_PAGE);
                        accounts.addAll(page.accounts());
                        cursor = page.next().map(PagePosition::cursor);
                    } while (cursor.isPresent());
                }
                if (output == OutputFormat.json) {
                    printJson(accounts.stream().map(account -> view(stores, account)).toList());
                    return 0;
                }
                var table = new Table(allEnvironments ? List.of("ID", "ENVIRONMENT", "INTEGRATION", "STATUS", "TENANT")
                        : List.of("ID", "INTEGRATION", "STATUS", "TENANT"));
                for (var account : accounts) {
                    var row = new ArrayList<>(List.of(account.id(), account.integration(), account.status().wire(),
                            account.tenantId()));
                    if (allEnvironments) {
                        row.add(1, account.environment());
                    }
                    table.add(row);
                }
                System.out.print(table);
                return 0;
            }
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one account, secrets masked.")
    static final class Show extends EnvironmentOption implements Callable<Integer> {
        @Parameters(paramLabel = "ID")
        String id;

        @Override
        public Integer call() {
            try (var stores = Server.Stores.fromEnvironment()) {
                print(view(stores, stores.accounts().get(environment, id)));
                return 0;
            }
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete an account and its credentials.")
    static final class Delete extends EnvironmentOption implements Callable<Integer> {
        @Parameters(paramLabel = "ID")
        String id;

        @Override
        public Integer call() {
            try (var stores = Server.Stores.fromEnvironment()) {
                stores.accounts().delete(environment, id);
                System.out.println("deleted " + id);
                return 0;
            }
        }
    }

    /** An account as the API's {@code /integrated-account} shows it: the integration as {@code {name, label}}. */
    static Map<String, Object> view(Server.Stores stores, IntegratedAccount account) {
        return stores.accounts().canonicalView(account);
    }

    /** {@code --output}: for people, or for {@code jq}. */
    enum OutputFormat { table, json }

    static void printJson(Object value) {
        try {
            System.out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static void print(Map<String, Object> value) {
        try {
            System.out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
