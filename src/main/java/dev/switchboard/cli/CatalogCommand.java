package dev.switchboard.cli;

import dev.switchboard.catalog.Catalog;
import dev.switchboard.catalog.CatalogLoader;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code switchboard catalog check [DIR]}: validates definition files, for people writing an integration. */
@Command(name = "catalog", mixinStandardHelpOptions = true, description = "Work with integration definitions.",
        subcommands = CatalogCommand.Check.class)
public final class CatalogCommand {

    @Command(name = "check", mixinStandardHelpOptions = true, description = {
            "Validate a catalog folder (integrations/ and models/) the way the server does at start-up.",
            "Without DIR, checks the catalog built into this jar."})
    static final class Check implements Callable<Integer> {
        @Parameters(paramLabel = "DIR", arity = "0..1", description = "A catalog folder, e.g. src/main/resources/catalog.")
        Path folder;

        @Override
        public Integer call() {
            Catalog catalog = folder == null ? CatalogLoader.loadBundled() : CatalogLoader.load(folder);
            for (String name : catalog.integrationNames()) {
                var definition = catalog.integration(name).orElseThrow();
                for (var model : catalog.models()) {
                    for (String method : model.methods().keySet().stream().sorted().toList()) {
                        var operation = catalog.operation(name, model.resource(), method);
                        if (operation.isEmpty() && catalog.offers(name, model.resource(), method)) {
                            System.out.println(name + ": " + model.resource() + " " + method + " (the file's bytes)");
                            continue;
                        }
                        System.out.println(name + ": " + model.resource() + " " + method + operation
                                .map(op -> op.method().isWrite() || !op.fills().isEmpty()
                                        ? " (fills " + String.join(", ", op.fills()) + ")" : " (the file's bytes)")
                                .orElse(definition.unsupportedReason(model.resource(), method)
                                        .map(why -> ": not supported, " + why).orElse(": not supported")));
                    }
                }
            }
            System.out.println("catalog ok: " + catalog.integrationNames().size() + " integrations");
            return 0;
        }
    }
}
