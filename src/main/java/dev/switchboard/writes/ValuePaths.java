package dev.switchboard.writes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The values at a dotted path of a JSON-like value, stepping into arrays: {@code emails.email}. */
final class ValuePaths {

    private ValuePaths() {
    }

    static List<Object> values(Object root, String path) {
        List<Object> current = List.of(root);
        for (String step : path.split("\\.")) {
            var next = new ArrayList<Object>();
            for (Object value : flatten(current)) {
                if (value instanceof Map<?, ?> object && object.get(step) != null) {
                    next.add(object.get(step));
                }
            }
            current = next;
        }
        return flatten(current);
    }

    private static List<Object> flatten(List<Object> values) {
        var flat = new ArrayList<Object>();
        for (Object value : values) {
            if (value instanceof List<?> list) {
                list.stream().filter(item -> item != null).forEach(flat::add);
            } else if (value != null) {
                flat.add(value);
            }
        }
        return flat;
    }
}
