package dev.switchboard.accounts;

import dev.switchboard.catalog.ContextProperty;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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

    /** True for a key that is a secret or holds one (Lever's {@code oauth} object). */
    public static boolean holdsSecret(ContextProperty property) {
        return property.secret() || property.properties().values().stream().anyMatch(ContextSecrets::holdsSecret);
    }

    /**
     * Every secret value in a context, for taking out of text that might echo one (a
     * provider's error body).
     */
    @SuppressWarnings("unchecked")
    public static List<String> secretValues(Map<String, ContextProperty> schema, Map<String, Object> context) {
        var values = new ArrayList<String>();
        context.forEach((key, value) -> {
            ContextProperty property = schema.get(key);
            if (value instanceof Map<?, ?> nested) {
                values.addAll(secretValues(property == null ? Map.of() : property.properties(),
                        (Map<String, Object>) nested));
            } else if ((property == null || property.secret()) && value instanceof String text && text.length() >= 4) {
                values.add(text);
            }
        });
        return values;
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
