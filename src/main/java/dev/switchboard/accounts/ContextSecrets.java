package dev.switchboard.accounts;

import dev.switchboard.catalog.ContextProperty;
import java.util.LinkedHashMap;
import java.util.Map;

/** Hides the secret values of a context, as the integration's schema marks them. */
public final class ContextSecrets {

    public static final String MASK = "********";

    private ContextSecrets() {
    }

    /** The context as the API shows it: every secret value replaced by {@link #MASK}. */
    public static Map<String, Object> masked(Map<String, ContextProperty> schema, Map<String, Object> context) {
        return rewrite(schema, context, true);
    }

    /** The context as mappings see it: secret values left out, so no mapping can leak one. */
    public static Map<String, Object> withoutSecrets(Map<String, ContextProperty> schema, Map<String, Object> context) {
        return rewrite(schema, context, false);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> rewrite(Map<String, ContextProperty> schema, Map<String, Object> context,
            boolean mask) {
        var result = new LinkedHashMap<String, Object>();
        context.forEach((key, value) -> {
            ContextProperty property = schema.get(key);
            if (property == null || property.secret()) {
                // A key the schema does not know is treated as secret: safe by default.
                if (mask) {
                    result.put(key, MASK);
                }
            } else if (value instanceof Map<?, ?> nested) {
                result.put(key, rewrite(property.properties(), (Map<String, Object>) nested, mask));
            } else {
                result.put(key, value);
            }
        });
        return result;
    }
}
