package dev.switchboard.catalog;

import dev.switchboard.mapping.Mapping;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The loaded, validated definitions: integrations, unified models, and their operations. */
public final class Catalog {

    private final Map<String, IntegrationDefinition> integrations;
    private final Map<String, UnifiedModel> models;
    private final Map<OperationKey, Operation> operations;
    private final Map<String, Mapping> errorRules;

    record OperationKey(String integration, String resource, String method) {
    }

    Catalog(Map<String, IntegrationDefinition> integrations, Map<String, UnifiedModel> models,
            Map<OperationKey, Operation> operations, Map<String, Mapping> errorRules) {
        this.integrations = Map.copyOf(integrations);
        this.models = Map.copyOf(models);
        this.operations = Map.copyOf(operations);
        this.errorRules = Map.copyOf(errorRules);
    }

    /** The integration's {@code error.jsonata}, which every call to it is read with. */
    public Optional<Mapping> errorRule(String integration) {
        return Optional.ofNullable(errorRules.get(integration));
    }

    public Optional<IntegrationDefinition> integration(String name) {
        return Optional.ofNullable(integrations.get(name));
    }

    public List<String> integrationNames() {
        return integrations.keySet().stream().sorted().toList();
    }

    public Optional<UnifiedModel> model(String resource) {
        return Optional.ofNullable(models.get(resource));
    }

    /** Every unified model, by resource path: what the routes, OpenAPI and coverage are made from. */
    public List<UnifiedModel> models() {
        return models.values().stream().sorted(java.util.Comparator.comparing(UnifiedModel::resource)).toList();
    }

    public Optional<Operation> operation(String integration, String resource, String method) {
        return Optional.ofNullable(operations.get(new OperationKey(integration, resource, method)));
    }

    /**
     * True when the integration offers the method: it has the operation, or, for a download,
     * which follows the links its list gave and may have no endpoint, the model names it.
     */
    public boolean offers(String integration, String resource, String method) {
        return operation(integration, resource, method).isPresent() || (method.equals(UnifiedModel.DOWNLOAD)
                && model(resource).map(model -> model.methods().get(method))
                        .filter(download -> download.integrations().containsKey(integration)).isPresent());
    }
}
