package dev.switchboard.accounts;

import dev.switchboard.catalog.ContextProperty;
import dev.switchboard.catalog.IntegrationDefinition;
import dev.switchboard.error.ApiException;
import dev.switchboard.mapping.Timestamps;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Checks an account's context against its integration's schema, naming every problem. */
public final class ContextValidator {

    private static final Pattern HEADER_SAFE = Pattern.compile("[\\x21-\\x7e]+");

    private final BaseUrlPolicy baseUrlPolicy;

    public ContextValidator(BaseUrlPolicy baseUrlPolicy) {
        this.baseUrlPolicy = baseUrlPolicy;
    }

    /** @throws ApiException 400 listing missing and invalid keys */
    public void check(IntegrationDefinition integration, Map<String, Object> context) {
        List<String> missing = new ArrayList<>();
        Map<String, Object> invalid = new LinkedHashMap<>();
        checkObject(integration, "", integration.context().properties(), List.of(), context, missing, invalid);
        var alternatives = integration.context().oneOf();
        boolean satisfied = alternatives.isEmpty() || alternatives.stream()
                .anyMatch(keys -> keys.stream().allMatch(context::containsKey));
        if (!satisfied && alternatives.size() == 1) {
            alternatives.get(0).stream().filter(key -> !context.containsKey(key)).forEach(missing::add);
        }
        boolean choice = !satisfied && alternatives.size() > 1;
        if (!missing.isEmpty() || !invalid.isEmpty() || choice) {
            String message = "context is not valid for " + integration.label();
            if (choice) {
                message += ": it needs " + alternatives.stream().map(keys -> String.join(" and ", keys))
                        .collect(Collectors.joining(", or "));
            }
            ApiException error = ApiException.invalid(message, "context", missing, invalid);
            // Each alternative is a list of keys that must all be present, as clients can read it.
            throw choice ? error.withInsight("required_context_fields_one_of", alternatives) : error;
        }
    }

    @SuppressWarnings("unchecked")
    private void checkObject(IntegrationDefinition integration, String prefix, Map<String, ContextProperty> schema,
            List<String> required, Map<String, Object> value, List<String> missing, Map<String, Object> invalid) {
        for (String key : required) {
            if (!value.containsKey(key)) {
                missing.add(prefix + key);
            }
        }
        value.forEach((key, item) -> {
            String name = prefix + key;
            ContextProperty property = schema.get(key);
            if (property == null) {
                invalid.put(name, "is not a " + integration.label() + " context key; known keys: "
                        + schema.keySet().stream().sorted().toList());
            } else if (property.type().equals("object")) {
                if (item instanceof Map<?, ?> nested) {
                    checkObject(integration, name + ".", property.properties(), property.required(),
                            (Map<String, Object>) nested, missing, invalid);
                } else {
                    invalid.put(name, "must be an object");
                }
            } else if (!(item instanceof String text) || text.isBlank()) {
                invalid.put(name, "must be a non-empty string");
            } else if (property.secret() && !HEADER_SAFE.matcher(text).matches()) {
                // Credentials travel in headers: a pasted newline or space would break every call.
                invalid.put(name, "must be printable ASCII without spaces or control characters "
                        + "(a pasted line break or space?)");
            } else if (!property.admits(text)) {
                invalid.put(name, property.values().isEmpty() ? "must match " + property.pattern()
                        : "must be one of " + property.values());
            } else if ("url".equals(property.format())) {
                var hosts = property.hosts().isEmpty() ? integration.hosts() : property.hosts();
                baseUrlPolicy.refusal(integration.label(), hosts, text).ifPresent(why -> invalid.put(name, why));
            } else if ("date-time".equals(property.format()) && !Timestamps.isIso(text)) {
                invalid.put(name, "must be an ISO-8601 date-time, e.g. 2026-11-29T10:15:30Z");
            }
        });
    }
}
