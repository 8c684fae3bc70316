package dev.switchboard.catalog;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.switchboard.mapping.Json;
import dev.switchboard.mapping.Mapping;
import dev.switchboard.mapping.MappingException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads a catalog folder ({@code integrations/} and {@code models/}) and validates every
 * file in it: unknown keys, broken expressions, stray files and definitions that do not
 * agree with each other all stop the load with a message naming the file.
 */
public final class CatalogLoader {

    private static final String INTEGRATION_FILE = "integration.json";
    private static final String ERROR_RULE_FILE = "error.jsonata";
    /** A recorded provider answer: proves the response mapping works and shows which fields it fills. */
    private static final String EXAMPLE_FILE = "example_response.json";
    private static final Set<String> METHOD_FILES =
            Set.of("request_body.jsonata", "query.jsonata", "path.jsonata", "response.jsonata", EXAMPLE_FILE);
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z_]+)}");

    private static final ObjectMapper STRICT = Json.MAPPER.copy()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Path root;
    /** How files are named in messages: under the folder as the caller gave it, or "catalog" for the bundled one. */
    private final String shownRoot;

    private CatalogLoader(Path root, String shownRoot) {
        this.root = root;
        this.shownRoot = shownRoot;
    }

    /** The catalog shipped inside the application. */
    public static Catalog loadBundled() {
        try {
            URI uri = CatalogLoader.class.getResource("/catalog").toURI();
            if (uri.getScheme().equals("jar")) {
                try {
                    return new CatalogLoader(FileSystems.getFileSystem(uri).provider().getPath(uri), "catalog").load();
                } catch (FileSystemNotFoundException notOpenYet) {
                    return new CatalogLoader(FileSystems.newFileSystem(uri, Map.of()).provider().getPath(uri),
                            "catalog").load();
                }
            }
            return new CatalogLoader(Path.of(uri), "catalog").load();
        } catch (URISyntaxException | IOException e) {
            throw new DefinitionException("cannot open the bundled catalog: " + e.getMessage());
        }
    }

    /** A catalog folder on disk, e.g. one being written for a new integration. */
    public static Catalog load(Path root) {
        String shown = root.toString().replace('\\', '/');
        return new CatalogLoader(root, shown.endsWith("/") ? shown.substring(0, shown.length() - 1) : shown).load();
    }

    private Catalog load() {
        Map<String, UnifiedModel> models = loadModels();
        Map<String, IntegrationDefinition> integrations = new TreeMap<>();
        Map<Catalog.OperationKey, Operation> operations = new HashMap<>();
        Map<String, Mapping> errorRules = new HashMap<>();
        // Every integration is checked, so that one run names every broken file.
        var problems = new ArrayList<String>();
        for (Path folder : children(root.resolve("integrations"))) {
            try {
                if (!Files.isDirectory(folder)) {
                    throw fail(folder, "only integration folders belong here");
                }
                var definition = read(folder.resolve(INTEGRATION_FILE), IntegrationDefinition.class);
                if (!definition.name().equals(name(folder))) {
                    throw fail(folder.resolve(INTEGRATION_FILE), "name '" + definition.name()
                            + "' differs from its folder's name '" + name(folder) + "'");
                }
                Mapping errorRule = compile(folder.resolve(ERROR_RULE_FILE));
                operations.putAll(loadOperations(folder, definition, models, errorRule));
                integrations.put(definition.name(), definition);
                errorRules.put(definition.name(), errorRule);
            } catch (DefinitionException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new DefinitionException(String.join("\n", problems));
        }
        if (integrations.isEmpty()) {
            throw fail(root.resolve("integrations"), "no integration found");
        }
        checkModelsNameKnownIntegrations(models, operations.keySet());
        return new Catalog(integrations, models, operations, errorRules);
    }

    private Map<String, UnifiedModel> loadModels() {
        Path modelsRoot = root.resolve("models");
        Map<String, UnifiedModel> models = new HashMap<>();
        try (Stream<Path> files = Files.walk(modelsRoot)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String relative = relative(modelsRoot, file);
                if (!relative.endsWith(".json")) {
                    throw fail(file, "only .json model files belong under models/");
                }
                var model = read(file, UnifiedModel.class);
                String expected = relative.substring(0, relative.length() - ".json".length());
                if (!model.resource().equals(expected)) {
                    throw fail(file, "resource '" + model.resource() + "' differs from its path '" + expected + "'");
                }
                models.put(model.resource(), model);
            }
        } catch (IOException e) {
            throw fail(modelsRoot, "cannot read: " + e.getMessage());
        }
        return models;
    }

    private Map<Catalog.OperationKey, Operation> loadOperations(
            Path folder, IntegrationDefinition definition, Map<String, UnifiedModel> models, Mapping errorRule) {
        checkNoStrayFolders(folder, definition);
        Map<Catalog.OperationKey, Operation> operations = new HashMap<>();
        for (var resource : definition.resources().entrySet()) {
            Path integrationFile = folder.resolve(INTEGRATION_FILE);
            UnifiedModel model = Optional.ofNullable(models.get(resource.getKey())).orElseThrow(() ->
                    fail(integrationFile, "resource '" + resource.getKey() + "' has no model under models/"));
            for (var method : resource.getValue().entrySet()) {
                Path methodFolder = folder.resolve(resource.getKey()).resolve(method.getKey());
                MethodModel methodModel = Optional.ofNullable(model.methods().get(method.getKey())).orElseThrow(() ->
                        fail(integrationFile, "the model of '" + resource.getKey() + "' has no method '"
                                + method.getKey() + "'"));
                FieldRules rules = Optional.ofNullable(methodModel.integrations().get(definition.name()))
                        .orElseThrow(() -> fail(integrationFile, "the model of '" + resource.getKey()
                                + "' lists no field rules for " + definition.name() + " in '" + method.getKey() + "'"));
                for (String field : method.getValue().bodyFields().keySet()) {
                    if (!methodModel.body().contains(field)) {
                        throw fail(integrationFile, "body_fields names '" + field + "', which " + method.getKey()
                                + " of " + resource.getKey() + " does not take");
                    }
                }
                operations.put(new Catalog.OperationKey(definition.name(), resource.getKey(), method.getKey()),
                        loadOperation(methodFolder, definition, model, method.getKey(), method.getValue(),
                                rules, errorRule));
            }
        }
        return operations;
    }

    private Operation loadOperation(Path folder, IntegrationDefinition definition, UnifiedModel model,
            String methodName, Endpoint endpoint, FieldRules rules, Mapping errorRule) {
        if (!Files.isDirectory(folder)) {
            throw fail(folder, "missing: integration.json declares this method, so its mappings must be here");
        }
        for (Path file : children(folder)) {
            if (!METHOD_FILES.contains(name(file))) {
                throw fail(file, "unknown file; a method folder holds only " + new TreeSet<>(METHOD_FILES));
            }
        }
        Optional<Mapping> path = optional(folder.resolve("path.jsonata"));
        if (PLACEHOLDER.matcher(endpoint.path()).find() && path.isEmpty()) {
            throw fail(folder.resolve("path.jsonata"), "missing: the endpoint path has placeholders to fill");
        }
        Optional<Mapping> requestBody = optional(folder.resolve("request_body.jsonata"));
        if (endpoint.hasBody() && requestBody.isEmpty()) {
            throw fail(folder.resolve("request_body.jsonata"), "missing: a " + endpoint.method() + " sends a body");
        }
        if (!endpoint.hasBody() && requestBody.isPresent()) {
            throw fail(folder.resolve("request_body.jsonata"), "a " + endpoint.method() + " sends no body");
        }
        Mapping response = compile(folder.resolve("response.jsonata"));
        return new Operation(definition, model, methodName, endpoint, rules, requestBody,
                optional(folder.resolve("query.jsonata")),
                path,
                response,
                errorRule,
                exampleFills(folder.resolve(EXAMPLE_FILE), response, requestBody, model, methodName, rules));
    }

    private List<String> exampleFills(Path example, Mapping response, Optional<Mapping> requestBody,
            UnifiedModel model, String methodName, FieldRules rules) {
        if (!Files.isRegularFile(example)) {
            return List.of();
        }
        try {
            return ResponseCoverage.fills(read(example, Object.class), response, requestBody, model, methodName, rules);
        } catch (MappingException e) {
            throw new DefinitionException(e.getMessage() + " (on " + display(example) + ")");
        } catch (IllegalArgumentException e) {
            throw fail(example.resolveSibling("response.jsonata"), e.getMessage());
        }
    }

    /** A folder that integration.json does not declare is a typo or a leftover: both are bugs. */
    private void checkNoStrayFolders(Path folder, IntegrationDefinition definition) {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String relative = relative(folder, file);
                if (relative.equals(INTEGRATION_FILE) || relative.equals(ERROR_RULE_FILE)) {
                    continue;
                }
                int methodEnd = relative.lastIndexOf('/');
                int resourceEnd = methodEnd < 0 ? -1 : relative.lastIndexOf('/', methodEnd - 1);
                boolean declared = resourceEnd > 0
                        && definition.resources().getOrDefault(relative.substring(0, resourceEnd), Map.of())
                                .containsKey(relative.substring(resourceEnd + 1, methodEnd));
                if (!declared) {
                    throw fail(file, "not declared in integration.json 'resources'");
                }
            }
        } catch (IOException e) {
            throw fail(folder, "cannot read: " + e.getMessage());
        }
    }

    private void checkModelsNameKnownIntegrations(Map<String, UnifiedModel> models,
            Set<Catalog.OperationKey> operations) {
        for (UnifiedModel model : models.values()) {
            for (var method : model.methods().entrySet()) {
                if (method.getKey().equals(UnifiedModel.DOWNLOAD)) {
                    continue; // a download follows the links its list gave: it has no endpoint of its own
                }
                for (String integration : method.getValue().integrations().keySet()) {
                    var key = new Catalog.OperationKey(integration, model.resource(), method.getKey());
                    if (!operations.contains(key)) {
                        throw fail(root.resolve("models").resolve(model.resource() + ".json"),
                                "lists '" + integration + "' for '" + method.getKey()
                                        + "', but no such integration declares that method");
                    }
                }
            }
        }
    }

    private <T> T read(Path file, Class<T> type) {
        if (!Files.isRegularFile(file)) {
            throw fail(file, "missing");
        }
        try {
            return STRICT.readValue(Files.readAllBytes(file), type);
        } catch (UnrecognizedPropertyException e) {
            throw fail(file, "unknown key '" + e.getPropertyName() + "' at " + jsonPath(e));
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw fail(file, cause.getMessage() + " (at " + jsonPath(e) + ")");
        } catch (JsonProcessingException e) {
            throw fail(file, e.getOriginalMessage() + " (at " + jsonPath(e) + ")");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String jsonPath(JsonProcessingException e) {
        if (e instanceof com.fasterxml.jackson.databind.JsonMappingException databind) {
            var path = new StringBuilder("$");
            for (var reference : databind.getPath()) {
                path.append(reference.getFieldName() != null ? "." + reference.getFieldName()
                        : "[" + reference.getIndex() + "]");
            }
            return path.toString();
        }
        return "$";
    }

    private Optional<Mapping> optional(Path file) {
        return Files.isRegularFile(file) ? Optional.of(compile(file)) : Optional.empty();
    }

    private Mapping compile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw fail(file, "missing");
        }
        try {
            return Mapping.compile(display(file), Files.readString(file, StandardCharsets.UTF_8));
        } catch (MappingException e) {
            throw new DefinitionException(e.getMessage());
        } catch (IOException e) {
            throw fail(file, "cannot read: " + e.getMessage());
        }
    }

    private static List<Path> children(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new DefinitionException(folder + ": missing folder");
        }
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private DefinitionException fail(Path file, String problem) {
        return new DefinitionException(display(file) + ": " + problem);
    }

    /** The file as its author knows it: relative to the catalog root. */
    private String display(Path file) {
        return shownRoot + "/" + relative(root, file);
    }

    private static String relative(Path base, Path file) {
        return base.relativize(file).toString().replace('\\', '/');
    }

    private static String name(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
    }
}
