package dev.switchboard;

import dev.switchboard.catalog.DefinitionException;
import dev.switchboard.cli.AccountsCommand;
import dev.switchboard.cli.CallCommand;
import dev.switchboard.cli.CatalogCommand;
import dev.switchboard.cli.Failures;
import dev.switchboard.cli.MigrateCommand;
import dev.switchboard.cli.OpenApiCommand;
import dev.switchboard.cli.SecretsCommand;
import dev.switchboard.cli.ServeCommand;
import dev.switchboard.cli.TokensCommand;
import dev.switchboard.cli.TrainingRunCommand;
import dev.switchboard.cli.WebhooksCommand;
import dev.switchboard.crypto.SecretException;
import dev.switchboard.error.ApiException;
import dev.switchboard.store.StoreException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The command line. */
@Command(name = "switchboard", mixinStandardHelpOptions = true, versionProvider = Version.Provider.class,
        description = "Open-source unified ATS API server.",
        subcommands = {ServeCommand.class, MigrateCommand.class, AccountsCommand.class, TokensCommand.class,
                SecretsCommand.class, CatalogCommand.class, CallCommand.class, OpenApiCommand.class,
                WebhooksCommand.class, TrainingRunCommand.class})
public final class Main {

    private static volatile boolean debug;

    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "On a failure, print the stack trace too, not only the one-line reason.")
    void debug(boolean on) {
        debug = on;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /**
     * The command tree. A failure prints one line saying what went wrong and exits 1; the
     * stack trace only with {@code --debug}.
     */
    public static CommandLine commandLine() {
        return new CommandLine(new Main()).setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            boolean expected = e instanceof DefinitionException || e instanceof IllegalArgumentException
                    || e instanceof StoreException || e instanceof SecretException || e instanceof ApiException
                    || e instanceof java.io.IOException || e instanceof java.io.UncheckedIOException;
            commandLine.getErr().println("switchboard: " + (expected ? e.getMessage() : Failures.describe(e))
                    + (debug ? "" : expected ? "" : " (--debug shows the stack trace)"));
            if (debug) {
                e.printStackTrace(commandLine.getErr());
            }
            return 1;
        });
    }
}
