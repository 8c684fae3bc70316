package dev.switchboard.unified;

import java.util.LinkedHashMap;
import java.util.Map;

/** Merges JSON objects key by key, the overlay winning; arrays and scalars are replaced whole. */
public final class DeepMerge {

    private DeepMerge() {
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> overlay) {
        var result = new LinkedHashMap<>(base);
        overlay.forEach((key, value) -> {
            if (value instanceof Map<?, ?> over && result.get(key) instanceof Map<?, ?> under) {
                result.put(key, merge((Map<String, Object>) under, (Map<String, Object>) over));
            } else {
                result.put(key, value);
            }
        });
        return result;
    }
}
