package dev.switchboard;

import dev.switchboard.catalog.DefinitionException;
import dev.switchboard.cli.AccountsCommand;
import dev.switchboard.cli.CallCommand;
import dev.switchboard.cli.CatalogCommand;
import dev.switchboard.cli.OpenApiCommand;
import dev.switchboard.cli.SecretsCommand;
import dev.switchboard.cli.ServeCommand;
import dev.switchboard.cli.TokensCommand;
import dev.switchboard.crypto.SecretException;
import dev.switchboard.error.ApiException;
import dev.switchboard.store.StoreException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command line. */
@Command(name = "switchboard", mixinStandardHelpOptions = true, version = "switchboard 0.1.0",
        description = "Open-source unified ATS API server.",
        subcommands = {ServeCommand.class, AccountsCommand.class, TokensCommand.class, SecretsCommand.class,
                CatalogCommand.class, CallCommand.class, OpenApiCommand.class})
public final class Main {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command tree; failures the user can fix print one line, not a stack trace. */
    public static CommandLine commandLine() {
        return new CommandLine(new Main()).setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof DefinitionException || e instanceof IllegalArgumentException
                    || e instanceof StoreException || e instanceof SecretException || e instanceof ApiException
                    || e instanceof java.io.IOException) {
                commandLine.getErr().println("switchboard: " + e.getMessage());
                return 1;
            }
            throw e;
        });
    }
}
