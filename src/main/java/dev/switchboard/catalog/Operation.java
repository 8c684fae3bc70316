package dev.switchboard.catalog;

import dev.switchboard.mapping.Mapping;
import java.util.List;
import java.util.Optional;

/**
 * Everything the engine needs to run one unified method on one integration, compiled.
 *
 * @param integration the provider's definition
 * @param model       the unified resource's schema
 * @param methodName  e.g. {@code create}
 * @param endpoint    the provider endpoint it calls
 * @param rules       which body fields this integration requires and supports
 * @param requestBody maps the unified request to the provider's body (for methods that send one)
 * @param query       maps it to the provider's query parameters
 * @param path        gives the values of the endpoint path's placeholders
 * @param response    maps the provider's answer to the unified object
 * @param errorRule   recognises a provider error, also one inside a 2xx
 * @param fills       the response fields this integration fills, as its recorded example shows
 */
public record Operation(
        IntegrationDefinition integration,
        UnifiedModel model,
        String methodName,
        Endpoint endpoint,
        FieldRules rules,
        Optional<Mapping> requestBody,
        Optional<Mapping> query,
        Optional<Mapping> path,
        Mapping response,
        Mapping errorRule,
        List<String> fills) {

    public MethodModel method() {
        return model.methods().get(methodName);
    }
}
