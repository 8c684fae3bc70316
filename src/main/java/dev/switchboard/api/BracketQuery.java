package dev.switchboard.api;

import dev.switchboard.error.ApiException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Expands bracket-syntax query parameters: {@code a[b]=c} is {@code {"a":{"b":"c"}}},
 * {@code a[]=x&a[]=y} is {@code {"a":["x","y"]}}, and {@code a[b][c]=d} nests further.
 */
final class BracketQuery {

    private BracketQuery() {
    }

    static Map<String, Object> expand(Map<String, List<String>> parameters) {
        var result = new LinkedHashMap<String, Object>();
        parameters.forEach((key, values) -> {
            List<String> path = path(key);
            for (String value : values) {
                put(result, key, path, value);
            }
        });
        return indexedAsLists(result);
    }

    /**
     * The values of an array parameter in every form clients send it: {@code a=x}, {@code a[]=x},
     * and {@code a[0]=x&a[1]=y} (what the {@code qs} library in Truto's SDK sends), in index order.
     */
    static List<String> array(Map<String, List<String>> parameters, String name) {
        var values = new ArrayList<String>(parameters.getOrDefault(name, List.of()));
        values.addAll(parameters.getOrDefault(name + "[]", List.of()));
        var indexed = new TreeMap<Integer, List<String>>();
        for (var entry : parameters.entrySet()) {
            String key = entry.getKey();
            if (key.startsWith(name + "[") && !key.equals(name + "[]")) {
                List<String> path = path(key);
                if (path.size() != 2 || !path.get(1).matches("\\d{1,4}")) {
                    throw ApiException.badRequest("'" + key + "' is not a form of " + name
                            + "[]: send " + name + "[]=x, " + name + "[0]=x or " + name + "=x,y");
                }
                indexed.put(Integer.parseInt(path.get(1)), entry.getValue());
            }
        }
        indexed.values().forEach(values::addAll);
        return values;
    }

    /** {@code a[0]=x&a[1]=y} expands to a map keyed "0", "1": it is meant as a list. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> indexedAsLists(Map<String, Object> map) {
        var result = new LinkedHashMap<String, Object>();
        map.forEach((key, value) -> result.put(key, value instanceof Map<?, ?> nested
                ? asListIfIndexed(indexedAsLists((Map<String, Object>) nested)) : value));
        return result;
    }

    private static Object asListIfIndexed(Map<String, Object> map) {
        if (map.isEmpty() || !map.keySet().stream().allMatch(key -> key.matches("\\d{1,4}"))) {
            return map;
        }
        var sorted = new TreeMap<Integer, Object>();
        map.forEach((key, value) -> sorted.put(Integer.parseInt(key), value));
        return new ArrayList<>(sorted.values());
    }

    /** How deep a bracket name may nest, and how long it may be: more is an attack, not a query. */
    static final int MAX_DEPTH = 8;
    static final int MAX_KEY_LENGTH = 256;

    /** {@code a[b][]} → [a, b, ""]; malformed brackets, and names too deep or too long, are a 400. */
    static List<String> path(String key) {
        if (key.length() > MAX_KEY_LENGTH) {
            throw ApiException.badRequest("a query parameter name is longer than " + MAX_KEY_LENGTH + " characters");
        }
        int open = key.indexOf('[');
        if (open == 0) {
            throw malformed(key);
        }
        var parts = new ArrayList<String>();
        parts.add(open < 0 ? key : key.substring(0, open));
        int at = open;
        while (at >= 0 && at < key.length()) {
            int close = key.indexOf(']', at);
            if (key.charAt(at) != '[' || close < 0) {
                throw malformed(key);
            }
            parts.add(key.substring(at + 1, close));
            at = close + 1;
            if (parts.size() > MAX_DEPTH) {
                throw ApiException.badRequest("a query parameter nests deeper than " + MAX_DEPTH + " brackets");
            }
        }
        return parts;
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> root, String key, List<String> path, String value) {
        Object node = root;
        for (int i = 0; i < path.size(); i++) {
            String part = path.get(i);
            boolean last = i == path.size() - 1;
            String next = last ? null : path.get(i + 1);
            Object child = last ? value : next.isEmpty() ? new ArrayList<>() : new LinkedHashMap<String, Object>();
            if (node instanceof List<?> list) {
                if (!part.isEmpty()) {
                    throw conflict(key);
                }
                ((List<Object>) list).add(child);
                node = child;
                continue;
            }
            var map = (Map<String, Object>) node;
            Object existing = map.get(part);
            if (existing == null) {
                map.put(part, child);
                node = child;
            } else if (last && existing instanceof String first) {
                // a=x&a=y: a repeated plain parameter becomes a list.
                map.put(part, new ArrayList<>(List.of(first, value)));
            } else if (last && existing instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
                ((List<Object>) list).add(value);
            } else if (!last && (existing instanceof Map) == !next.isEmpty()) {
                node = existing;
            } else {
                throw conflict(key);
            }
        }
    }

    private static ApiException malformed(String key) {
        return ApiException.badRequest("query parameter '" + key + "' has malformed brackets");
    }

    private static ApiException conflict(String key) {
        return ApiException.badRequest("query parameter '" + key + "' conflicts with another of the same name");
    }
}
