package dev.switchboard.openapi;

import dev.switchboard.catalog.Catalog;
import dev.switchboard.catalog.UnifiedModel;
import java.util.ArrayList;
import java.util.List;

/** Which integrations offer a method of a resource, and why the others refuse it, for descriptions. */
final class Supporting {

    private Supporting() {
    }

    static List<String> labels(Catalog catalog, UnifiedModel model, String method) {
        return catalog.integrationNames().stream()
                .filter(name -> catalog.offers(name, model.resource(), method))
                .map(name -> catalog.integration(name).orElseThrow().label()).toList();
    }

    /** "Greenhouse cannot create notes (answers 400): …" for each integration without the method. */
    static List<String> refusals(Catalog catalog, UnifiedModel model, String method) {
        var refusals = new ArrayList<String>();
        for (String integration : catalog.integrationNames()) {
            var definition = catalog.integration(integration).orElseThrow();
            if (!catalog.offers(integration, model.resource(), method)) {
                refusals.add(definition.label() + " cannot " + method + " " + model.noun() + "s (answers 400)"
                        + definition.unsupportedReason(model.resource(), method).map(why -> ": " + why).orElse("")
                        + ".");
            }
        }
        return refusals;
    }
}
