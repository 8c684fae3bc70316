package dev.switchboard.catalog;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The catalog this build ships, and copies of it for tests that break one file. */
public final class TestCatalogs {

    private TestCatalogs() {
    }

    public static Path bundled() throws URISyntaxException {
        return Path.of(TestCatalogs.class.getResource("/catalog").toURI());
    }

    /** Adds an integration's field rules to one method of a model file. */
    @SuppressWarnings("unchecked")
    public static void takePart(Path model, String method, String integration, java.util.Map<String, Object> rules)
            throws IOException {
        var tree = (java.util.Map<String, Object>) dev.switchboard.mapping.Json.parse(Files.readAllBytes(model));
        var methods = (java.util.Map<String, Object>) tree.get("methods");
        var integrations = (java.util.Map<String, Object>) ((java.util.Map<String, Object>) methods.get(method))
                .get("integrations");
        integrations.put(integration, rules);
        Files.write(model, dev.switchboard.mapping.Json.write(tree));
    }

    /**
     * Takes a resource out of every integration of a catalog copy (its endpoints, its reasons for
     * not offering it, its mapping folders), leaving the model's methods offered by none: a test
     * then declares its own provider's part, against a provider of its own.
     */
    @SuppressWarnings("unchecked")
    public static void withoutIntegrations(Path catalog, String resource) throws IOException {
        Path model = catalog.resolve("models/" + resource + ".json");
        var tree = (java.util.Map<String, Object>) dev.switchboard.mapping.Json.parse(Files.readAllBytes(model));
        ((java.util.Map<String, Object>) tree.get("methods")).values()
                .forEach(method -> ((java.util.Map<String, Object>) method).put("integrations", java.util.Map.of()));
        Files.write(model, dev.switchboard.mapping.Json.write(tree));
        try (Stream<Path> folders = Files.list(catalog.resolve("integrations"))) {
            for (Path integration : folders.toList()) {
                Path file = integration.resolve("integration.json");
                var definition = (java.util.Map<String, Object>) dev.switchboard.mapping.Json.parse(Files.readAllBytes(file));
                for (String key : java.util.List.of("resources", "unsupported")) {
                    if (definition.get(key) instanceof java.util.Map<?, ?> entries) {
                        entries.remove(resource);
                    }
                }
                Files.write(file, dev.switchboard.mapping.Json.write(definition));
                Path mappings = integration.resolve(resource);
                if (Files.exists(mappings)) {
                    try (Stream<Path> walk = Files.walk(mappings)) {
                        for (Path each : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                            Files.delete(each);
                        }
                    }
                }
            }
        }
    }

    /** A fresh copy of the bundled catalog in a new folder under {@code parent}. */
    public static Path copyInto(Path parent) throws IOException, URISyntaxException {
        Path root = bundled();
        Path target = Files.createTempDirectory(parent, "catalog");
        try (Stream<Path> files = Files.walk(root)) {
            for (Path source : files.toList()) {
                Path destination = target.resolve(root.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(destination);
                } else {
                    Files.copy(source, destination);
                }
            }
        }
        return target;
    }
}
