package dev.switchboard.cli;

import dev.switchboard.Version;
import dev.switchboard.catalog.CatalogLoader;
import dev.switchboard.mapping.Json;
import dev.switchboard.openapi.OpenApiDocument;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code switchboard openapi}: the document {@code GET /openapi.json} serves, without a server. */
@Command(name = "openapi", mixinStandardHelpOptions = true, description = {
        "Print the OpenAPI 3.1 document that GET /openapi.json serves.",
        "It is generated from the built-in catalog, e.g. to generate a client: switchboard openapi --output openapi.json"})
public final class OpenApiCommand implements Callable<Integer> {

    @Option(names = "--output", description = "Write the document to this file instead of standard output.")
    Path output;

    @Override
    public Integer call() throws IOException {
        byte[] document = Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(
                OpenApiDocument.build(CatalogLoader.loadBundled(), Version.VALUE));
        if (output == null) {
            System.out.write(document);
            System.out.println();
            System.out.flush();
        } else {
            if (output.toAbsolutePath().getParent() != null) {
                Files.createDirectories(output.toAbsolutePath().getParent());
            }
            Files.write(output, document);
        }
        return 0;
    }
}
